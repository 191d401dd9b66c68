#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "test_rank_fixture.h"

using namespace bank;
using namespace bank::testing;

namespace {

Checked<RankingResult> rank(const SmallBank& bank, const Customer& c, ProfileVectors profile = {},
                            RankingWeights weights = {}) {
    CustomerToRank input;
    input.customer = &c;
    input.profile = std::move(profile);
    return rank_customer(bank.catalog, bank.model, weights, input);
}

bool contains(const std::vector<std::string>& v, const std::string& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
}

}  // namespace

TEST_CASE("scorer: held products are never recommended", "[rank][scorer]") {
    const SmallBank bank = small_bank();
    const Customer c = customer(1, 30, {"ACC-BASIC", "CARD-TRAVEL"});
    auto r = rank(bank, c);
    REQUIRE(r.ok());
    CHECK_FALSE(contains(ids(r.value()), "ACC-BASIC"));
    CHECK_FALSE(contains(ids(r.value()), "CARD-TRAVEL"));
}

TEST_CASE("scorer: co-ownership puts what holders of the same products have on top", "[rank][scorer]") {
    const SmallBank bank = small_bank();
    const Customer c = customer(1, 30, {"ACC-BASIC", "CARD-TRAVEL"});
    RankingWeights w;
    w.semantic = 0;
    w.context = 0;
    auto r = rank(bank, c, {}, w);
    REQUIRE(r.ok());
    REQUIRE_FALSE(r.value().recommendations.empty());
    const Recommendation& top = r.value().recommendations.front();
    CHECK(top.product_id == "INS-TRAVEL");
    REQUIRE_FALSE(top.reasons.empty());
    CHECK(top.reasons.front().code == ReasonCode::HeldTogether);
    CHECK(top.reasons.front().text == "Often held together with your CARD-TRAVEL product");
}

TEST_CASE("scorer: rules run first and the most popular excluded product is explained", "[rank][scorer]") {
    const SmallBank bank = small_bank();
    const Customer c = customer(1, 30, {"ACC-BASIC"}, 30000, RiskProfile::Conservative);
    auto r = rank(bank, c);
    REQUIRE(r.ok());
    CHECK_FALSE(contains(ids(r.value()), "INV-GROWTH"));
    CHECK_FALSE(contains(ids(r.value()), "CARD-PREMIUM"));
    REQUIRE(r.value().exclusions.size() == 2);
    // Both have four holders; the tie goes to the smaller id.
    CHECK(r.value().exclusions[0].product_id == "CARD-PREMIUM");
    CHECK(r.value().exclusions[0].rule == EligibilityRule::MinimumIncome);
    CHECK(r.value().exclusions[0].text ==
          "The CARD-PREMIUM product needs an annual income of at least 90,000 EUR");
    CHECK(r.value().exclusions[1].product_id == "INV-GROWTH");
    CHECK(r.value().exclusions[1].rule == EligibilityRule::MinimumIncome);
}

TEST_CASE("scorer: the semantic signal follows the profile text", "[rank][scorer]") {
    const SmallBank bank = small_bank();
    Customer c = customer(1, 30, {"ACC-BASIC"});
    c.interests = {"Dogs", "Cats"};
    RankingWeights w;
    w.semantic = 10;
    auto r = rank(bank, c, {bank.embed("Interested in dogs and cats and their vet bills."), {}}, w);
    REQUIRE(r.ok());
    const Recommendation& top = r.value().recommendations.front();
    CHECK(top.product_id == "INS-PET");
    CHECK(top.reasons.front().code == ReasonCode::MatchesInterests);
    CHECK(top.reasons.front().text == "Matches your interest in dogs and cats");
    CHECK_THAT(r.value().signals_used.front(), Catch::Contains("lexical TF-IDF"));
}

TEST_CASE("scorer: every recommendation carries a reason and the list is deterministic",
          "[rank][scorer][ties]") {
    const SmallBank bank = small_bank();
    const Customer c = customer(1, 45, {"ACC-BASIC"});
    auto a = rank(bank, c, {bank.embed("travel and savings"), {}});
    auto b = rank(bank, c, {bank.embed("travel and savings"), {}});
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(ids(a.value()) == ids(b.value()));
    CHECK(a.value().recommendations.size() == 5);  // 8 products - 1 held - 2 excluded by income
    CHECK(a.value().note == "only 5 products pass the eligibility rules");
    for (const Recommendation& rec : a.value().recommendations) CHECK_FALSE(rec.reasons.empty());
}

TEST_CASE("scorer: a customer holding every product gets a documented empty list",
          "[rank][scorer][bad-input]") {
    const SmallBank bank = small_bank();
    std::vector<std::string> all;
    for (const Product& p : bank.catalog.products) all.push_back(p.id);
    auto r = rank(bank, customer(1, 40, all, 200000, RiskProfile::Aggressive));
    REQUIRE(r.ok());
    CHECK(r.value().recommendations.empty());
    CHECK(r.value().note == "already holds every product in the catalog");
}

TEST_CASE("scorer: no eligible product gives an empty list with a note", "[rank][scorer][bad-input]") {
    const SmallBank bank = small_bank();
    const Customer minor = customer(1, 16, {});
    auto r = rank(bank, minor);
    REQUIRE(r.ok());
    CHECK(r.value().recommendations.empty());
    CHECK(r.value().note == "no product the customer does not hold passes the eligibility rules");
}

TEST_CASE("scorer: bad profile vectors are errors", "[rank][scorer][bad-input]") {
    const SmallBank bank = small_bank();
    const Customer c = customer(1, 30, {});
    std::vector<float> v = bank.embed("travel");
    v[3] = std::numeric_limits<float>::quiet_NaN();
    auto nan = rank(bank, c, {v, {}});
    REQUIRE_FALSE(nan.ok());
    CHECK_THAT(nan.error().message, Catch::Contains("NaN or infinity"));
    v[3] = std::numeric_limits<float>::infinity();
    CHECK_FALSE(rank(bank, c, {v, {}}).ok());
    auto short_vector = rank(bank, c, {std::vector<float>(10, 0.1f), {}});
    REQUIRE_FALSE(short_vector.ok());
    CHECK_THAT(short_vector.error().message, Catch::Contains("has 10 values"));
    CHECK_THAT(short_vector.error().message, Catch::Contains("512"));
}

TEST_CASE("scorer: a model fit on another catalog is refused", "[rank][scorer][bad-input]") {
    SmallBank bank = small_bank();
    auto other = small_catalog();
    other.pop_back();
    bank.model = fit_behavior_model(other, small_population(), {});
    auto r = rank(bank, customer(1, 30, {}));
    REQUIRE_FALSE(r.ok());
    CHECK_THAT(r.error().message, Catch::Contains("different catalog"));
}

TEST_CASE("catalog: empty, duplicated or mismatched inputs are errors", "[rank][scorer][bad-input]") {
    auto empty = make_ranking_catalog({}, {}, {});
    REQUIRE_FALSE(empty.ok());
    CHECK_THAT(empty.error().message, Catch::Contains("catalog is empty"));
    auto twice = make_ranking_catalog(
        {product("A", ProductCategory::Card, ""), product("A", ProductCategory::Loan, "")}, {}, {});
    REQUIRE_FALSE(twice.ok());
    CHECK_THAT(twice.error().message, Catch::Contains("A appears twice"));
    auto rows = make_embedding_matrix("sbert", 2, std::vector<float>{1, 0, 0, 1, 1, 1}, {});
    REQUIRE(rows.ok());
    auto mismatch = make_ranking_catalog({product("A", ProductCategory::Card, "")}, rows.value(), {});
    REQUIRE_FALSE(mismatch.ok());
    CHECK_THAT(mismatch.error().message, Catch::Contains("3 rows for 1 products"));
}

TEST_CASE("scorer: a product without an image neither gains nor loses on the image signal",
          "[rank][scorer]") {
    std::vector<Product> products = {product("A", ProductCategory::Card, "a"),
                                     product("B", ProductCategory::Loan, "b"),
                                     product("C", ProductCategory::Savings, "c")};
    auto image = make_embedding_matrix("clip image", 2, std::vector<float>{1, 0, 0, 1, 0, 0}, {});
    REQUIRE(image.ok());
    auto catalog = make_ranking_catalog(products, {}, image.value());
    REQUIRE(catalog.ok());
    const BehaviorModel model = fit_behavior_model(products, {}, {});
    const CustomerFeatures f = customer_features(model, customer(1, 30, {}), {});
    auto t = score_signals(catalog.value(), model, f, {{}, {0.8f, 0.6f}});
    REQUIRE(t.ok());
    CHECK(t.value().at(0, Signal::Image) == Approx(0.8));
    CHECK(t.value().at(1, Signal::Image) == Approx(0.6));
    CHECK(t.value().at(2, Signal::Image) == Approx(0.7));  // mean of the products with an image
}
