// The rows the propensity model learns from: every holding hidden in turn, and a dated take-up
// learned from the customer as they were just before it.
#include <catch2/catch.hpp>

#include <cmath>

#include "train/propensity_examples.h"
#include "train/training_set.h"

using namespace bank;
using namespace bank::train;

namespace {

Product product(const std::string& id, ProductCategory category) {
    Product p;
    p.id = id;
    p.name = id;
    p.category = category;
    return p;
}

}  // namespace

TEST_CASE("examples: a dated take-up is learned without the products taken up on or after it") {
    const std::vector<Product> products = {product("ACCOUNT", ProductCategory::Account),
                                           product("CARD", ProductCategory::Card),
                                           product("SAVER", ProductCategory::Savings)};
    auto catalog = lexical_catalog(products);
    REQUIRE(catalog.ok());
    Customer who;
    who.id = 7;
    who.age = 40;
    KnownCustomer c;
    c.customer = &who;
    c.held = {0, 1, 2};
    c.taken_up = {"", "2016-05-28", "2016-06-28"};  // the account was held before the data starts
    FeatureChoice choice;
    const FeatureLayout layout = choose_features(choice, products);
    std::vector<PriorInput> people(30, PriorInput{{0}, "", 3});
    const PropensityPriors priors = fit_propensity_priors(products, people, 20);
    const ExampleSet set = leave_one_out_examples(layout, priors, catalog.value(), {c});
    const std::size_t width = layout.names.size();
    std::size_t holds_saver = 0, holds_account = 0, product_card = 0;
    for (std::size_t f = 0; f < width; ++f) {
        if (layout.names[f] == "holds:SAVER") holds_saver = f;
        if (layout.names[f] == "holds:ACCOUNT") holds_account = f;
        if (layout.names[f] == "product:CARD") product_card = f;
    }
    bool found = false;
    for (std::size_t r = 0; r < set.matrix.count(); ++r) {
        const float* row = set.matrix.rows.data() + r * width;
        if (set.matrix.labels[r] != 1.0f || row[product_card] != 1.0f) continue;
        found = true;
        CHECK(row[holds_account] == 1.0f);  // undated: held all along
        CHECK(row[holds_saver] == 0.0f);    // taken up a month after the card
    }
    CHECK(found);
    // Undated holdings: every other product counts as held (plain leave-one-out).
    c.taken_up.clear();
    const ExampleSet plain = leave_one_out_examples(layout, priors, catalog.value(), {c});
    for (std::size_t r = 0; r < plain.matrix.count(); ++r) {
        const float* row = plain.matrix.rows.data() + r * width;
        if (plain.matrix.labels[r] == 1.0f && row[product_card] == 1.0f) CHECK(row[holds_saver] == 1.0f);
    }
}
