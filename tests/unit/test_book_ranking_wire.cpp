// The book worker's documents (shared/api/book_ranking.h): a ranker built from the answers the
// page hands it ranks exactly as the page's own; rankings survive the trip back bit for bit, reasons
// and errors included; and garbage is refused with the field that is wrong.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstring>
#include <string>

#include "shared/api/book.h"
#include "shared/api/book_ranking.h"
#include "shared/api/catalog.h"
#include "shared/api/ranking_model.h"
#include "shared/data/json_depth.h"
#include "shared/data/loaders.h"
#include "shared/profile/spending.h"
#include "shared/ranking/device_ranker.h"
#include "tests/unit/test_bundled_bank.h"

namespace {

using nlohmann::json;

struct Page {
    bank::Dataset data;
    bank::SpendingByCustomer spending;
    bank::BehaviorModel behavior;
    std::string model_text;
    bank::DeviceRanker ranker;
};

const Page& page() {
    static const Page p = [] {
        Page out{bank::testing::bundled_dataset(), bank::testing::bundled_spending(), {},
                 bank::testing::project_file("config/propensity-model.json"), {}};
        out.behavior = bank::fit_behavior_model(out.data);
        auto hybrid = bank::make_device_ranker(out.data.catalog, out.behavior, bank::RankingWeights{});
        out.ranker = bank::with_propensity_model(hybrid.value(), out.model_text, "model").value();
        return out;
    }();
    return p;
}

const std::vector<bank::CategorySpend>& spending_of(const Page& p, std::int64_t id) {
    static const std::vector<bank::CategorySpend> none;
    const auto it = p.spending.find(id);
    return it == p.spending.end() ? none : it->second;
}

bool same_bits(float a, float b) { return std::memcmp(&a, &b, sizeof a) == 0; }

void check_same(const bank::RankingResult& got, const bank::RankingResult& want) {
    REQUIRE(got.recommendations.size() == want.recommendations.size());
    for (std::size_t i = 0; i < want.recommendations.size(); ++i) {
        const auto& g = got.recommendations[i];
        const auto& w = want.recommendations[i];
        CHECK(g.product_index == w.product_index);
        CHECK(g.product_id == w.product_id);
        CHECK(g.product_name == w.product_name);
        CHECK(g.category == w.category);
        CHECK(same_bits(g.score, w.score));
        CHECK(same_bits(g.likelihood, w.likelihood));
        CHECK(g.moved_for_interest == w.moved_for_interest);
        REQUIRE(g.reasons.size() == w.reasons.size());
        for (std::size_t k = 0; k < w.reasons.size(); ++k) {
            CHECK(g.reasons[k].code == w.reasons[k].code);
            CHECK(same_bits(g.reasons[k].contribution, w.reasons[k].contribution));
            CHECK(g.reasons[k].text == w.reasons[k].text);
            CHECK(g.reasons[k].banker_text == w.reasons[k].banker_text);
            CHECK(g.reasons[k].personal == w.reasons[k].personal);
        }
    }
    REQUIRE(got.exclusions.size() == want.exclusions.size());
    for (std::size_t i = 0; i < want.exclusions.size(); ++i) {
        CHECK(got.exclusions[i].product_id == want.exclusions[i].product_id);
        CHECK(got.exclusions[i].rule == want.exclusions[i].rule);
        CHECK(got.exclusions[i].text == want.exclusions[i].text);
        CHECK(got.exclusions[i].customer_text == want.exclusions[i].customer_text);
    }
    CHECK(got.signals_used == want.signals_used);
    CHECK(got.note == want.note);
    CHECK(got.interests_note == want.interests_note);
    CHECK(got.explained == want.explained);
}

// The batch as the page receives it: written, sent as text, parsed within the depth limit, read.
bank::Loaded<bank::api::BookRankingBatch> round_trip(const bank::api::BookRankingBatch& batch) {
    const std::string text = bank::api::write_book_ranking_batch(batch, page().data.catalog);
    return bank::api::read_book_ranking_batch(bank::parse_json_within_depth(text), "book worker",
                                              page().data.catalog);
}

std::string error_of(const json& j) {
    auto read = bank::api::read_book_ranking_batch(j, "book worker", page().data.catalog);
    REQUIRE_FALSE(read.ok());
    return read.error().message();
}

}  // namespace

TEST_CASE("book worker: a ranker built from the catalog and ranking-model answers ranks exactly as the page's",
          "[api][book]") {
    // The worker reads the answers as the proxy writes them, the learned model from the answer's
    // tree (never written out as text and parsed again); the page's ranker here reads it as text.
    const Page& p = page();
    const bank::api::RankingModel sent{p.behavior, bank::RankingWeights{}, json::parse(p.model_text)};
    auto catalog = bank::api::read_catalog(bank::parse_json_within_depth(bank::api::write_catalog(p.data.catalog).dump()),
                                           "/api/catalog");
    auto model = bank::api::read_ranking_model(
        bank::parse_json_within_depth(bank::api::write_ranking_model(sent).dump()), "/api/ranking-model");
    REQUIRE(catalog.ok());
    REQUIRE(model.ok());
    REQUIRE(model.value().propensity.is_object());
    auto hybrid = bank::make_device_ranker(catalog.value(), model.value().behavior, model.value().weights);
    REQUIRE(hybrid.ok());
    auto worker = bank::with_propensity_document(hybrid.value(), model.value().propensity, "the learned ranking model");
    REQUIRE(worker.ok());
    for (const bank::Customer& c : p.data.customers) {
        INFO("customer " << c.id);
        auto mine = bank::rank_on_device(p.ranker, c, spending_of(p, c.id), nullptr, bank::Reasons::Later);
        auto theirs = bank::rank_on_device(worker.value(), c, spending_of(p, c.id), nullptr, bank::Reasons::Later);
        REQUIRE(mine.ok());
        REQUIRE(theirs.ok());
        check_same(theirs.value(), mine.value());
    }
}

TEST_CASE("book worker: a job names customers by their place in the book the worker holds", "[api][book]") {
    bank::api::BookRankingJob job;
    job.generation = 4;
    job.reasons = bank::Reasons::Now;
    job.indices = {0, 7, 14, 21, 28};
    const std::string text = bank::api::write_book_ranking_job(job).dump();
    CHECK(text.find("customers") == std::string::npos);  // the worker has them: no copy per job
    auto read = bank::api::read_book_ranking_job(bank::parse_json_within_depth(text), "book worker job");
    REQUIRE(read.ok());
    CHECK(read.value().generation == 4);
    CHECK(read.value().reasons == bank::Reasons::Now);
    CHECK(read.value().indices == job.indices);

    json negative = json::parse(text);
    negative["indices"][2] = -1;
    auto refused = bank::api::read_book_ranking_job(negative, "book worker job");
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().message() == "book worker job, field indices[2]: '-1' is not a place in the book");
    json words = json::parse(text);
    words["indices"] = "all of them";
    auto not_a_list = bank::api::read_book_ranking_job(words, "book worker job");
    REQUIRE_FALSE(not_a_list.ok());
    CHECK_THAT(not_a_list.error().message(), Catch::Contains("field indices"));
}

TEST_CASE("book worker: the first ranking of a book is shared out in document order, each customer once",
          "[api][book]") {
    for (const std::size_t customers : {std::size_t{0}, std::size_t{1}, std::size_t{63}, std::size_t{64},
                                        std::size_t{1000}, std::size_t{10077}}) {
        for (int workers : {1, 2, 3}) {
            INFO(customers << " customers, " << workers << " workers");
            std::vector<int> times(customers, 0);
            std::size_t first_of_each = 0;
            for (int slot = 0; slot < workers; ++slot) {
                const std::vector<std::size_t> share = bank::api::first_ranking_share(customers, slot, workers);
                CHECK(std::is_sorted(share.begin(), share.end()));
                for (std::size_t i : share) {
                    REQUIRE(i < customers);
                    ++times[i];
                }
                if (!share.empty()) first_of_each = std::max(first_of_each, share.front());
            }
            CHECK(std::all_of(times.begin(), times.end(), [](int n) { return n == 1; }));
            // Every worker starts near the top of the book, so the first rows fill in together.
            CHECK(first_of_each <= static_cast<std::size_t>(workers - 1) * bank::api::kBookShareChunk);
        }
    }
    CHECK(bank::api::first_ranking_share(10, 0, 0).empty());  // no workers: nothing to share
}

TEST_CASE("book worker: rankings come back bit for bit, with reasons, exclusions and errors", "[api][book]") {
    const Page& p = page();
    bank::api::BookRankingBatch batch;
    batch.generation = 2;
    batch.core_ms = 12.25;
    for (std::size_t i = 0; i < p.data.customers.size(); i += 9) {
        const bank::Customer& c = p.data.customers[i];
        const auto reasons = i % 2 == 0 ? bank::Reasons::Now : bank::Reasons::Later;
        auto r = bank::rank_on_device(p.ranker, c, spending_of(p, c.id), nullptr, reasons);
        REQUIRE(r.ok());
        batch.rankings.push_back({i, c.id, r.value(), ""});
    }
    batch.rankings.push_back({3, 104, std::nullopt, "profile text vector contains NaN or infinity"});
    bool some_exclusion = false, some_reason = false;
    auto read = round_trip(batch);
    REQUIRE(read.ok());
    CHECK(read.value().generation == 2);
    CHECK(read.value().core_ms == 12.25);
    REQUIRE(read.value().rankings.size() == batch.rankings.size());
    for (std::size_t i = 0; i < batch.rankings.size(); ++i) {
        const auto& got = read.value().rankings[i];
        const auto& want = batch.rankings[i];
        INFO("entry " << i);
        CHECK(got.index == want.index);
        CHECK(got.customer_id == want.customer_id);
        CHECK(got.error == want.error);
        REQUIRE(got.ranking.has_value() == want.ranking.has_value());
        if (!want.ranking) continue;
        check_same(*got.ranking, *want.ranking);
        some_exclusion |= !want.ranking->exclusions.empty();
        for (const auto& rec : want.ranking->recommendations) some_reason |= !rec.reasons.empty();
    }
    CHECK(some_exclusion);  // the round trip covered each kind of row
    CHECK(some_reason);
}

TEST_CASE("book worker: a batch names each text once, however many customers share it", "[api][book]") {
    // The page reads a batch on its main thread: the signals used and an exclusion's words are the
    // same for many customers, and travel once per batch rather than once per customer.
    const Page& p = page();
    bank::api::BookRankingBatch batch;
    for (std::size_t i = 0; i < p.data.customers.size(); ++i) {
        const bank::Customer& c = p.data.customers[i];
        auto r = bank::rank_on_device(p.ranker, c, spending_of(p, c.id), nullptr, bank::Reasons::Later);
        REQUIRE(r.ok());
        batch.rankings.push_back({i, c.id, r.value(), ""});
    }
    const json j = json::parse(bank::api::write_book_ranking_batch(batch, p.data.catalog));
    REQUIRE(j.contains("texts"));
    const std::string signal = batch.rankings[0].ranking->signals_used.at(0);
    const std::string text = j.dump();
    std::size_t times = 0;
    for (std::size_t at = text.find(signal); at != std::string::npos; at = text.find(signal, at + 1)) ++times;
    CHECK(times == 1);
    CHECK(j["texts"].size() < batch.rankings.size());
    auto read = round_trip(batch);
    REQUIRE(read.ok());
    for (std::size_t i = 0; i < batch.rankings.size(); ++i) check_same(*read.value().rankings[i].ranking, *batch.rankings[i].ranking);
}

TEST_CASE("book worker: garbage from the worker is refused with the field that is wrong", "[api][book]") {
    const Page& p = page();
    auto r = bank::rank_on_device(p.ranker, p.data.customers[0], spending_of(p, 101), nullptr, bank::Reasons::Now);
    REQUIRE(r.ok());
    const json good = json::parse(bank::api::write_book_ranking_batch({1, 3.0, {{0, 101, r.value(), ""}}}, p.data.catalog));
    REQUIRE(bank::api::read_book_ranking_batch(good, "book worker", p.data.catalog).ok());

    CHECK_THAT(error_of(json("not a batch")), Catch::Contains("is not a JSON object"));
    json missing = good;
    missing.erase("rankings");
    CHECK(error_of(missing) == "book worker, field rankings: the field is missing (expected a list)");
    json outside = good;
    outside["rankings"][0]["ranking"]["recommendations"][0][0] = static_cast<int>(p.data.catalog.size());
    CHECK_THAT(error_of(outside), Catch::Contains("field rankings[0].ranking.recommendations[0][0]"));
    CHECK_THAT(error_of(outside), Catch::Contains("a product of the catalog"));
    json short_row = good;
    short_row["rankings"][0]["ranking"]["recommendations"][0].erase(1);
    CHECK_THAT(error_of(short_row), Catch::Contains("a list of 5 values"));
    json decimal = good;  // a score written as a decimal number, not as its bits
    decimal["rankings"][0]["ranking"]["recommendations"][0][1] = 0.5;
    CHECK(error_of(decimal) == "book worker, field rankings[0].ranking.recommendations[0][1]: '0.5' is not a finite "
                               "number's 32 bits (a whole number 0-4294967295)");
    json not_a_number = good;  // the bits of a NaN likelihood
    not_a_number["rankings"][0]["ranking"]["recommendations"][0][2] = 0x7fc00000u;
    CHECK_THAT(error_of(not_a_number), Catch::Contains("field rankings[0].ranking.recommendations[0][2]"));
    json too_wide = good;  // more than 32 bits of a reason's contribution
    too_wide["rankings"][0]["ranking"]["recommendations"][0][4][0][1] = 1ull << 32;
    CHECK_THAT(error_of(too_wide), Catch::Contains("field rankings[0].ranking.recommendations[0][4][0][1]"));
    json code = good;
    code["rankings"][0]["ranking"]["recommendations"][0][4][0][0] = "because-i-said-so";
    CHECK_THAT(error_of(code), Catch::Contains("a reason code"));
    json rule = good;
    rule["rankings"][0]["ranking"]["exclusions"] = json::array({json::array({0, "magic", 0, 0})});
    CHECK_THAT(error_of(rule), Catch::Contains("an eligibility rule"));
    json no_text = good;
    no_text["rankings"][0]["ranking"]["exclusions"] = json::array({json::array({0, "minimum age", 0, 999})});
    CHECK_THAT(error_of(no_text), Catch::Contains("field rankings[0].ranking.exclusions[0][3]"));
    CHECK_THAT(error_of(no_text), Catch::Contains("a text of the batch"));
    json spelled = good;  // a text spelled out where the batch's number for it belongs
    spelled["rankings"][0]["ranking"]["signals_used"][0] = "co-ownership";
    CHECK_THAT(error_of(spelled), Catch::Contains("field rankings[0].ranking.signals_used[0]"));
    json not_texts = good;
    not_texts["texts"][0] = 12;
    CHECK(error_of(not_texts) == "book worker, field texts[0]: '12' is not a string");
    json note = good;
    note["rankings"][0]["ranking"]["note"] = -2;
    CHECK_THAT(error_of(note), Catch::Contains("field rankings[0].ranking.note"));
    json neither = good;
    neither["rankings"][0].erase("ranking");
    CHECK(error_of(neither) == "book worker, field rankings[0].error: the field is missing (expected a string)");
    json generation = good;
    generation["generation"] = -1;
    CHECK_THAT(error_of(generation), Catch::Contains("field generation"));
}

TEST_CASE("book worker: a batch cut short or nested too deep is refused with a clear error", "[api][book]") {
    const Page& p = page();
    bank::api::BookRankingBatch batch;
    for (std::size_t i = 0; i < 4; ++i) {
        const bank::Customer& c = p.data.customers[i];
        auto r = bank::rank_on_device(p.ranker, c, spending_of(p, c.id), nullptr, bank::Reasons::Later);
        REQUIRE(r.ok());
        batch.rankings.push_back({i, c.id, r.value(), ""});
    }
    const std::string text = bank::api::write_book_ranking_batch(batch, p.data.catalog);
    REQUIRE(round_trip(batch).ok());
    CHECK(error_of(bank::parse_json_within_depth(text.substr(0, text.size() / 2))) ==
          "book worker: the batch is not JSON, or nests deeper than 32 levels");
    json deep = json::parse(text);
    json nest = json::array();
    for (int level = 0; level < bank::kMaxJsonDepth; ++level) nest = json::array({std::move(nest)});
    deep["rankings"][0]["ranking"]["signals_used"] = nest;
    CHECK(error_of(bank::parse_json_within_depth(deep.dump())) ==
          "book worker: the batch is not JSON, or nests deeper than 32 levels");
}

TEST_CASE("book document: more customers than a book may hold is refused before any is read", "[api][book]") {
    // Rows of nothing: refused for their number, not for what is in them.
    json rows = json::array();
    for (std::size_t i = 0; i <= bank::api::kMaxBookCustomers; ++i) rows.push_back(json::array());
    const json book = {{"banker", {{"id", "B01"}, {"name", "Alice Murphy"}, {"branch", "Dublin Central"}}},
                       {"columns", json::array()},
                       {"spending_columns", json::array()},
                       {"customers", std::move(rows)}};
    auto read = bank::api::read_book(book, "/api/book");
    REQUIRE_FALSE(read.ok());
    CHECK(read.error().message() == "/api/book, field customers: '100001 customers' is more than a book may hold "
                                    "(expected at most 100000)");
}
