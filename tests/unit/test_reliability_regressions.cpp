// What the reliability work (RELIABILITY.md) found broken, kept as ordinary tests so the normal
// build guards the fixes: inputs the fuzz targets (tests/fuzz) found, each also committed,
// minimized, under tests/fuzz/corpus/<target>/crash-*; and what the canary test
// (tests/proxy/test_canary.cpp) found leaving for an AI provider.
#include <catch2/catch.hpp>

#include <functional>
#include <string>

#include "shared/ai/gemini_format.h"
#include "shared/ai/google_error.h"
#include "shared/ai/product_links.h"
#include "shared/ai/summary.h"
#include "shared/ai/text_safety.h"
#include "shared/data/loaders.h"
#include "shared/ranking/behavior_model.h"
#include "shared/ranking/behavior_model_json.h"
#include "shared/ranking/ranking_weights.h"

using namespace bank;
using namespace std::string_literals;

TEST_CASE("fuzz csv_bankers: a header name with control characters is escaped in messages", "[fuzz][loaders]") {
    // A repeated column name, and a bad field under an extra column: both messages name a column
    // read from the file's own header, which must not reach a terminal or a log line raw.
    const std::string repeated = "Banker ID,Name,Branch,\x1b[2J\0,\x1b[2J\0\nB01,Alice,Dublin,x,y\n"s;
    const auto twice = parse_bankers(repeated, kBankersFile);
    REQUIRE_FALSE(twice.ok());
    CHECK(twice.error().message() ==
          "bankers.csv line 1, column \\x1B[2J\\x00: appears twice in the header (fields 4 and 5) "
          "(expected each column name once)");

    const auto extra = parse_bankers("Banker ID,Name,Branch,\x1b]0;owned\x07\nB01,Alice,Dublin,\"x\"y\n", kBankersFile);
    REQUIRE_FALSE(extra.ok());
    CHECK(extra.error().column == "\\x1B]0;owned\\x07");
    CHECK(extra.error().message().find('\x1b') == std::string::npos);
}

TEST_CASE("fuzz csv_users: broken CSV in or next to a password hash never shows the hash", "[fuzz][loaders]") {
    const std::string header = "Username,Role,Subject ID,Password Hash\n";
    const std::string hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g";
    // A byte that is not UTF-8 inside the hash: the reader's excerpt would have quoted the hash.
    const auto bad_byte = parse_users(header + "alice,banker,B01,\"" + hash + "\xd9" + "aGFzaA\"\n", kUsersFile);
    REQUIRE_FALSE(bad_byte.ok());
    CHECK(bad_byte.error().message() ==
          "users.csv line 2, column Password Hash: the value (not shown) has a byte that is not UTF-8 (0xD9 at "
          "character 73 of the line, byte offset 111 of the file) (expected UTF-8 text; save the file as UTF-8)");
    // An unclosed quote in the column before runs into the hash.
    const auto unclosed = parse_users(header + "alice,banker,\"B01," + hash + "\n", kUsersFile);
    REQUIRE_FALSE(unclosed.ok());
    CHECK(unclosed.error().column == "Subject ID");
    CHECK(unclosed.error().value.empty());
    CHECK(unclosed.error().message().find("argon2id$v=") == std::string::npos);
    // A file without its header line: the first user's row is read as the header, and the
    // message listing the names it found must not list the hash.
    const auto headless = parse_users("customer101,customer,101,\"" + hash + "\"\n", kUsersFile);
    REQUIRE_FALSE(headless.ok());
    CHECK(headless.error().message() ==
          "users.csv line 1, column Username: no such column in the header (found: 'customer101', 'customer', "
          "'101', '(a password hash, not shown)')");
    const auto twice = parse_users(hash + ",x," + hash + "\n", kUsersFile);
    REQUIRE_FALSE(twice.ok());
    CHECK(twice.error().column == "(a password hash, not shown)");
    // Other mistakes still show their value.
    const auto role = parse_users(header + "alice,bankr,B01,\"" + hash + "\"\n", kUsersFile);
    REQUIRE_FALSE(role.ok());
    CHECK(role.error().value == "bankr");
}

TEST_CASE("canary: a customer's name or city in possessive or joined form is redacted too", "[canary][ai][text]") {
    const std::vector<std::string> redact = {"Liam", "Byrne", "Liam Byrne", "O'Brien", "Dublin"};
    CHECK(bank::ai::clean_customer_text("Liam's savings", redact, 60) == "[removed] savings");
    CHECK(bank::ai::clean_customer_text("Liam\u2019s card", redact, 60) == "[removed] card");
    CHECK(bank::ai::clean_customer_text("O'Brien's farm", redact, 60) == "[removed] farm");
    CHECK(bank::ai::clean_customer_text("Liam-Byrne family, Dublin/Cork trips", redact, 60) ==
          "[removed] family, [removed] trips");
    CHECK(bank::ai::clean_customer_text("cars, Liam.", redact, 60) == "cars, [removed]");
    // Words that merely contain a name are not names.
    CHECK(bank::ai::clean_customer_text("Liamsworth Dubliners", redact, 60) == "Liamsworth Dubliners");
}

// A JSON document nested `depth` levels deep inside `key`, as an upstream could send. Found while
// checking the proxy's request bodies the same way (tests/proxy/test_faults_input.cpp).
static std::string deeply_nested(const std::string& key, std::size_t depth) {
    return "{\"" + key + "\":" + std::string(depth, '[') + std::string(depth, ']') + "}";
}

TEST_CASE("deeply nested JSON from an upstream or a config file is an error, not a crash",
          "[sanitize][ai][weights]") {
    // 1 MiB of brackets: the proxy's limit on an upstream answer (AiConfig::max_answer_bytes).
    constexpr std::size_t kDepth = 512 * 1024;
    // Reading an upstream's answer never copies or prints what it does not use.
    for (const char* key : {"candidates", "usageMetadata", "promptFeedback", "error", "items", "explanations"}) {
        INFO(key);
        const std::string body = deeply_nested(key, kDepth);
        CHECK(bank::ai::parse_gemini_reply(body).outcome != bank::ai::GeminiOutcome::Answered);
        CHECK_FALSE(bank::ai::parse_hf_summarization_reply(body).answered);
        const auto links = bank::ai::parse_custom_search_reply(body);
        CHECK((!links || links->size() <= 1));
        const auto error = bank::ai::parse_google_api_error(body);
        CHECK_FALSE((error && error->retry_delay_seconds));
    }
    // The weights file's messages used to print the offending value whole, recursing per level.
    const std::string weights = R"({"weights": {"semantic": 1, "image": 0.5, "behavioral": 1, "co_ownership": 1,)"
                                R"( "spending": 0.2, "context": 0.2}, )";
    for (const std::string field : {"top_k", "diversity"}) {
        INFO(field);
        const std::string deep = weights + "\"" + field + "\": " + std::string(kDepth, '[') + std::string(kDepth, ']') + "}";
        const auto parsed = parse_ranking_weights(deep);
        REQUIRE_FALSE(parsed.ok());
        CHECK_THAT(parsed.error().message, Catch::EndsWith(", got a list"));
    }
    const auto semantic = parse_ranking_weights(R"({"weights": {"semantic": {"a": [[[1]]]}}})");
    REQUIRE_FALSE(semantic.ok());
    CHECK(semantic.error().message == "config/ranking.json: weights.semantic must be a number, got an object");
}

TEST_CASE("fuzz custom_search: a link without a title is titled by its host, cut short like any title",
          "[fuzz][ai][links]") {
    bank::Product p;
    p.link = "https://bank.example/cards";
    const bank::ai::LinkAllowList allow({p});
    const std::string host = std::string(150, 'a') + ".bank.example";
    const auto links = bank::ai::allowed_links({{"", "https://" + host + "/", "", ""}}, allow, 5);
    REQUIRE(links.size() == 1);
    CHECK(links[0].title == host.substr(0, 120));
    CHECK(links[0].display_link == host);
}

TEST_CASE("fuzz behavior_model: values no fit produces are errors, not NaN scores", "[fuzz][rank][behavior]") {
    bank::Dataset bank;
    for (const char* id : {"A", "B"}) {
        bank::Product p;
        p.id = id;
        bank.catalog.push_back(p);
    }
    const nlohmann::json good = bank::behavior_model_to_json(bank::fit_behavior_model(bank));
    REQUIRE(bank::behavior_model_from_json(good, "test").ok());
    const auto rejects = [&](const std::function<void(nlohmann::json&)>& tamper) {
        nlohmann::json j = good;
        tamper(j);
        const auto model = bank::behavior_model_from_json(j, "test");
        return !model.ok();
    };
    // A negative co-ownership probability made log() return NaN for every customer holding it.
    CHECK(rejects([](nlohmann::json& j) { j["co_ownership"][1] = -0.05; }));
    CHECK(rejects([](nlohmann::json& j) { j["co_ownership"][1] = 0.0; }));
    CHECK(rejects([](nlohmann::json& j) { j["holders"][0] = 1LL << 40; }));  // wrapped to 0 as an int
    CHECK(rejects([](nlohmann::json& j) { j["context"]["scale"][0] = 1e-30; }));
    CHECK(rejects([](nlohmann::json& j) { j["context"]["lift"][0] = 3e37; }));
    CHECK(rejects([](nlohmann::json& j) { j["context"]["half_square"][0] = -1; }));
    CHECK_FALSE(rejects([](nlohmann::json& j) { j["context"]["scale"][0] = 0.0; }));  // a constant feature
}
