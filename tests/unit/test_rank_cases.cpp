// Data-driven ranking cases: every tests/data/ranking/*.json is one scenario (catalog, population
// the behavioral model learns from, the customer ranked, weights, expectations). A new case is a
// new file; the format is described in tests/data/ranking/README.md.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "shared/data/vocabulary.h"
#include "test_rank_fixture.h"

using namespace bank;
using json = nlohmann::json;

namespace {

Product read_product(const json& j) {
    Product p;
    p.id = j.at("id").get<std::string>();
    p.name = j.value("name", p.id);
    p.category = parse_product_category(j.at("category").get<std::string>()).value();
    p.description = j.value("description", "");
    p.eligibility.min_age = j.value("min_age", 18);
    p.eligibility.max_age = j.value("max_age", 120);
    p.eligibility.min_income = j.value("min_income", 0.0);
    p.eligibility.min_credit_score = j.value("min_credit_score", 0);
    p.eligibility.risk_level = parse_risk_level(j.value("risk_level", "Low")).value();
    return p;
}

Customer read_customer(const json& j, std::int64_t id) {
    Customer c = testing::customer(
        id, j.value("age", 35), j.value("held", std::vector<std::string>{}), j.value("income", 50000.0),
        parse_risk_profile(j.value("risk_profile", "Moderate")).value(), j.value("credit_score", 700));
    c.interests = j.value("interests", std::vector<std::string>{});
    return c;
}

RankingWeights read_weights(const json& j) {
    RankingWeights w;
    const json& o = j.value("weights", json::object());
    w.semantic = o.value("semantic", w.semantic);
    w.image = o.value("image", w.image);
    w.behavioral = o.value("behavioral", w.behavioral);
    w.co_ownership = o.value("co_ownership", w.co_ownership);
    w.spending = o.value("spending", w.spending);
    w.context = o.value("context", w.context);
    w.diversity = o.value("diversity", w.diversity);
    w.top_k = o.value("top_k", w.top_k);
    return w;
}

void run_case(const json& j) {
    std::vector<Product> catalog;
    for (const json& p : j.at("catalog")) catalog.push_back(read_product(p));
    std::vector<Customer> population;
    std::int64_t next_id = 1000;
    for (const json& group : j.value("population", json::array())) {
        for (int i = 0; i < group.value("count", 1); ++i)
            population.push_back(read_customer(group, next_id++));
    }
    const testing::SmallBank bank = testing::small_bank(catalog, population);
    const json& who = j.at("customer");
    const Customer customer = read_customer(who, 1);
    CustomerToRank input;
    input.customer = &customer;
    if (who.contains("profile_text")) input.profile.text = bank.embed(who["profile_text"].get<std::string>());
    auto result = rank_customer(bank.catalog, bank.model, read_weights(j), input);

    const json& expect = j.at("expect");
    if (expect.contains("error")) {
        REQUIRE_FALSE(result.ok());
        CHECK_THAT(result.error().message, Catch::Contains(expect["error"].get<std::string>()));
        return;
    }
    REQUIRE(result.ok());
    const RankingResult& r = result.value();
    const std::vector<std::string> got = testing::ids(r);
    if (expect.contains("top")) CHECK(got == expect["top"].get<std::vector<std::string>>());
    for (const std::string& id : expect.value("absent", std::vector<std::string>{})) {
        CHECK(std::find(got.begin(), got.end(), id) == got.end());
    }
    if (expect.contains("note")) CHECK(r.note == expect["note"].get<std::string>());
    if (expect.contains("exclusions")) {
        REQUIRE(r.exclusions.size() == expect["exclusions"].size());
        for (std::size_t i = 0; i < r.exclusions.size(); ++i) {
            CHECK(r.exclusions[i].product_id == expect["exclusions"][i].at("product").get<std::string>());
            CHECK(to_string(r.exclusions[i].rule) == expect["exclusions"][i].at("rule").get<std::string>());
        }
    }
    if (expect.contains("first_reason")) {
        REQUIRE_FALSE(r.recommendations.empty());
        REQUIRE_FALSE(r.recommendations.front().reasons.empty());
        CHECK(to_string(r.recommendations.front().reasons.front().code) ==
              expect["first_reason"].get<std::string>());
    }
}

}  // namespace

TEST_CASE("ranking cases in tests/data/ranking", "[rank][cases]") {
    const std::filesystem::path dir = std::filesystem::path(PROJECT_SOURCE_DIR) / "tests/data/ranking";
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        if (entry.path().extension() == ".json") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    REQUIRE(files.size() >= 8);
    for (const auto& file : files) {
        DYNAMIC_SECTION(file.filename().string()) {
            std::ifstream in(file);
            std::stringstream text;
            text << in.rdbuf();
            const json j = json::parse(text.str(), nullptr, false);
            REQUIRE_FALSE(j.is_discarded());
            INFO(j.value("about", ""));
            run_case(j);
        }
    }
}
