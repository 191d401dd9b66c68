// The proxy's real answers against the wire fixtures (tests/data/wire/): every document the
// proxy writes decodes with the codec the app reads it with, and has the shape of the document's
// valid fixture, so a fixture cannot drift from what the proxy really sends.
#include <catch2/catch.hpp>

#include "../unit/test_api_fixtures.h"
#include "proxy/demo_bundle.h"
#include "proxy_fixture.h"

using namespace bank::proxy;
using namespace bank::proxy::test;
using bank::api::test::WireFixtures;
using bank::api::test::same_shape;
using bank::api::test::shape_of;
using bank::api::test::wire_codecs;
using nlohmann::json;

namespace {

const WireFixtures kFixtures(WIRE_FIXTURE_DIR);

// `answer` decodes as `document` and looks like its valid case `valid_case`.
void check_document(const json& answer, const std::string& document, const std::string& valid_case) {
    const auto problem = wire_codecs().at(document).problem(answer, kFixtures.source(document));
    INFO(document << ": " << (problem ? problem->message() : "decodes"));
    CHECK_FALSE(problem);
    const json expected = shape_of(kFixtures.document(document, "valid", valid_case));
    INFO("answer:  " << shape_of(answer).dump() << "\nfixture: " << expected.dump());
    CHECK(same_shape(shape_of(answer), expected));
}

void check_answer(const httplib::Result& r, const std::string& document, const std::string& valid_case,
                  int status = 200) {
    REQUIRE(r);
    REQUIRE(r->status == status);
    check_document(json::parse(r->body), document, valid_case);
}

}  // namespace

TEST_CASE("wire: sign-in and /api/me answer the me document", "[wire]") {
    TestProxy proxy;
    const std::pair<const char*, const char*> users[] = {{"customer101", "customer"}, {"banker01", "banker"}};
    for (const auto& [username, valid_case] : users) {
        INFO(username);
        check_answer(proxy.post("/api/login", {{"username", username}, {"password", password_of(username)}}), "me",
                     valid_case);
        check_answer(proxy.get("/api/me", proxy.sign_in(username)), "me", valid_case);
    }
}

TEST_CASE("wire: catalog, profile, book and book entry answer their documents", "[wire]") {
    TestProxy proxy;
    check_answer(proxy.get("/api/catalog"), "catalog", "two-products");
    check_answer(proxy.get("/api/profile", proxy.sign_in("customer101")), "customer_record", "with-transactions");
    const std::string banker = proxy.sign_in("banker01");
    check_answer(proxy.get("/api/book", banker), "book", "two-customers");
    check_answer(proxy.get("/api/book/102", banker), "customer_record", "with-transactions");
}

TEST_CASE("wire: the ranking model answers its document, with and without a learned model", "[wire]") {
    TestProxy hybrid;
    check_answer(hybrid.get("/api/ranking-model", hybrid.sign_in("customer101")), "ranking_model", "hybrid-only");

    const json learned = kFixtures.document("ranking_model", "valid", "with-propensity").at("propensity");
    TestProxy with_model([&](ProxyConfig& c) { c.propensity_model = learned.dump(); });
    auto r = with_model.get("/api/ranking-model", with_model.sign_in("banker01"));
    check_answer(r, "ranking_model", "with-propensity");
    CHECK(json::parse(r->body).at("propensity") == learned);
}

TEST_CASE("wire: refusals answer the error document, from a route or from the server itself", "[wire]") {
    TestProxy proxy;
    const std::string banker = proxy.sign_in("banker01");
    check_answer(proxy.get("/api/book/105", banker), "api_error", "not-found", 404);
    check_answer(proxy.get("/api/profile", banker), "api_error", "not-found", 403);
    check_answer(proxy.get("/api/me"), "api_error", "not-found", 401);
    check_answer(proxy.get("/api/no-such-route", banker), "api_error", "not-found", 404);
    check_answer(proxy.post("/api/login", {{"username", "banker01"}, {"password", "wrong"}}), "api_error",
                 "not-found", 401);
}

TEST_CASE("wire: the demo bundle is the bundle document", "[wire][demo]") {
    TestProxy proxy;
    auto records = BankRecords::load(proxy.config().data_dir);
    REQUIRE(records);
    auto made = demo_bundle(records.value(), bank::RankingWeights{}, 101, "B01");
    REQUIRE(std::holds_alternative<json>(made));
    check_document(std::get<json>(made), "demo_bundle", "bundle");
}

TEST_CASE("wire: the AI routes answer their documents", "[wire][ai]") {
    TestProxy proxy;  // no keys: the offline providers answer, in the same documents
    const std::string customer = proxy.sign_in("customer101");
    const json shortlist = {{"product_ids", {"CARD-CASHBACK", "SAV-EASY"}},
                            {"reason_codes", {{"CARD-CASHBACK", {"fits-spending"}}, {"SAV-EASY", {"popular-choice"}}}}};
    check_answer(proxy.post("/api/generate", shortlist, customer), "explanations_answer", "from-gemini");
    check_answer(proxy.post("/api/summarize", shortlist, customer), "summary_answer", "from-cache");
    check_answer(proxy.post("/api/search", {{"product_id", "SAV-EASY"}}, customer), "links_answer", "from-search");
}

TEST_CASE("wire: feedback answers its documents", "[wire][feedback]") {
    TestProxy proxy;
    const std::string customer = proxy.sign_in("customer101");
    const auto saved = proxy.post("/api/feedback", {{"product_id", "SAV-EASY"}, {"event", "interested"}}, customer);
    REQUIRE(saved);
    REQUIRE(saved->status == 201);
    check_document(json{{"events", json::array({json::parse(saved->body)})}}, "feedback_list", "two-events");
    check_answer(proxy.get("/api/feedback", customer), "feedback_list", "two-events");
}
