// The propensity model's rows: named features rebuilt from the names alone, unknown fields as
// missing values rather than zeros, and never a protected attribute.
#include <catch2/catch.hpp>

#include <cmath>

#include "shared/ranking/propensity/propensity_features.h"
#include "test_rank_fixture.h"

using namespace bank;

namespace {

FeatureChoice everything() {
    FeatureChoice c;
    c.age = c.income = c.tenure = c.activity = c.engagement = c.sentiment = c.social_activity = c.credit_score =
        c.risk_profile = true;
    c.segments = {"retail"};
    c.merchant_categories = {"Travel"};
    c.text_similarity = true;
    return c;
}

std::size_t at(const FeatureLayout& l, const std::string& name) {
    for (std::size_t i = 0; i < l.names.size(); ++i)
        if (l.names[i] == name) return i;
    FAIL("no feature " << name);
    return 0;
}

}  // namespace

TEST_CASE("features: the layout is rebuilt from its names alone") {
    const auto catalog = testing::small_catalog();
    const FeatureLayout chosen = choose_features(everything(), catalog);
    auto rebuilt = layout_from_names(chosen.names, catalog);
    REQUIRE(rebuilt.ok());
    REQUIRE(rebuilt.value().slots.size() == chosen.slots.size());
    for (std::size_t i = 0; i < chosen.slots.size(); ++i) {
        CHECK(rebuilt.value().slots[i].kind == chosen.slots[i].kind);
        CHECK(rebuilt.value().slots[i].product == chosen.slots[i].product);
        CHECK(rebuilt.value().slots[i].text == chosen.slots[i].text);
    }
    for (const std::string& name : chosen.names) CHECK(name.find("gender") == std::string::npos);
}

TEST_CASE("features: a name the scorer cannot compute is an error, not a zero") {
    const auto catalog = testing::small_catalog();
    CHECK(layout_from_names({"gender"}, catalog).error().message ==
          "unknown feature 'gender': this version cannot compute it");
    CHECK(layout_from_names({"holds:CARD-GOLD"}, catalog).error().message ==
          "feature 'holds:CARD-GOLD': product CARD-GOLD is not in the catalog");
    CHECK(layout_from_names({"category:crypto"}, catalog).error().message ==
          "feature 'category:crypto': crypto is not a product category");
    CHECK(layout_from_names({"income_log", "income_log"}, catalog).error().message ==
          "feature 'income_log' is named twice");
}

TEST_CASE("features: unknown customer fields are missing values; known ones are their values") {
    const auto catalog = testing::small_catalog();
    const FeatureLayout l = choose_features(everything(), catalog);
    std::vector<PriorInput> people(30, PriorInput{{0}, "retail", 3});
    const PropensityPriors priors = fit_propensity_priors(catalog, people, 20);

    Customer c = testing::customer(1, 40, {"ACC-BASIC"}, 50000);
    c.segment = "retail";
    c.tenure_months = 30;
    PropensityCustomer in;
    in.customer = &c;
    in.known.segment = true;
    in.known.tenure = true;
    in.held = {0};
    std::vector<float> rows;
    propensity_rows(l, priors, catalog, in, {1, 3}, rows);
    REQUIRE(rows.size() == 2 * l.names.size());
    CHECK(rows[at(l, "income_log")] == Approx(std::log1p(50000.0)));
    CHECK(rows[at(l, "tenure_months")] == 30.0f);
    CHECK(rows[at(l, "segment:retail")] == 1.0f);
    CHECK(std::isnan(rows[at(l, "active")]));           // activity not known
    CHECK(std::isnan(rows[at(l, "spend:Travel")]));     // no transactions given
    CHECK(std::isnan(rows[at(l, "text_similarity")]));  // no similarity given
    CHECK(rows[at(l, "holds:ACC-BASIC")] == 1.0f);
    CHECK(rows[at(l, "holds:SAV-EASY")] == 0.0f);
    CHECK(rows[at(l, "product:CARD-TRAVEL")] == 1.0f);                     // first row: product 1
    CHECK(rows[l.names.size() + at(l, "product:SAV-EASY")] == 1.0f);      // second row: product 3
    CHECK(rows[l.names.size() + at(l, "category:savings")] == 1.0f);
    CHECK(rows[at(l, "popularity")] == priors.popularity[1]);

    in.known.income = false;
    propensity_rows(l, priors, catalog, in, {1}, rows);
    CHECK(std::isnan(rows[at(l, "income_log")]));
}
