// What every signed-in user receives: the learned model in config/propensity-model.json. Attacked
// as a user would: count, for every leaf of every tree, how many distinct customers of the bank's
// data reach it (by running their training rows through the trees), and check that the group
// statistics inside it are the ones the k rule allows. The same check on a model trained without
// the rule shows that it can fail.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>

#include "train/evaluation/eval_inputs.h"
#include "shared/data/json_depth.h"
#include "shared/ranking/propensity/propensity_model.h"
#include "shared/ranking/trees/leaf_privacy.h"
#include "train/propensity_training.h"
#include "train/training_set.h"

using namespace bank;
using namespace bank::train;

namespace {

struct Bank {
    EvalData data;
    SpendingByCustomer spending;
    RankingCatalog catalog;
    std::vector<std::vector<std::string>> holdings;
};

const Bank& project_bank() {
    static const Bank bank = [] {
        Bank b;
        auto data = load_project_data(std::string(PROJECT_SOURCE_DIR) + "/data");
        REQUIRE(data.ok());
        b.data = std::move(data).value();
        b.spending = spending_by_customer(b.data.transactions);
        b.catalog = lexical_catalog(b.data.catalog).value();
        std::map<std::int64_t, std::size_t> index;
        for (std::size_t i = 0; i < b.data.customers.size(); ++i) index[b.data.customers[i].id] = i;
        b.holdings.resize(b.data.customers.size());
        for (const Holding& h : b.data.holdings) b.holdings[index[h.customer_id]].push_back(h.product_id);
        return b;
    }();
    return bank;
}

// The fewest distinct customers behind any leaf of `model_json`, over the bank's training rows.
std::size_t fewest_customers_behind_a_leaf(const std::string& model_json) {
    const Bank& b = project_bank();
    auto model = parse_propensity_model(model_json, "model", b.data.catalog);
    REQUIRE(model.ok());
    const FeatureChoice choice = feature_choice(b.data, b.spending);
    const auto customers = known_customers(b.data, b.holdings, b.spending, b.catalog, choice);
    const ExampleSet rows = leave_one_out_examples(model.value().layout, model.value().priors, b.catalog, customers);
    std::vector<std::string> owners;
    for (std::int64_t id : rows.customer_of_row) owners.push_back(std::to_string(id));
    auto counts = leaf_customer_counts(model.value().trees, CustomerRows{rows.matrix.rows, owners});
    REQUIRE(counts.ok());
    REQUIRE(!counts.value().empty());
    std::size_t fewest = counts.value().front().customers;
    for (const LeafCustomers& leaf : counts.value()) fewest = std::min(fewest, leaf.customers);
    return fewest;
}

std::string committed_model() {
    auto text = read_text_file(std::string(PROJECT_SOURCE_DIR) + "/config/propensity-model.json");
    REQUIRE(text.has_value());
    return *text;
}

}  // namespace

TEST_CASE("published model: every leaf of the committed model rests on at least 20 customers") {
    const std::string text = committed_model();
    auto model = parse_propensity_model(text, "config/propensity-model.json", project_bank().data.catalog);
    REQUIRE(model.ok());
    CHECK(model.value().priors.min_group_size >= 20);
    CHECK(fewest_customers_behind_a_leaf(text) >= 20);
}

TEST_CASE("published model: the check finds small leaves in a model trained without the rule") {
    const Bank& b = project_bank();
    const FeatureChoice choice = feature_choice(b.data, b.spending);
    const auto customers = known_customers(b.data, b.holdings, b.spending, b.catalog, choice);
    TrainingPlan plan;
    plan.min_group_size = 1;  // no protection: leaves may rest on a single customer
    Hyperparameters hp;
    hp.depth = 6;
    hp.rounds = 30;
    auto unprotected = fit_propensity(b.catalog, choice, customers, hp, plan, "test");
    REQUIRE(unprotected.ok());
    CHECK(fewest_customers_behind_a_leaf(unprotected.value().model_json) < 20);
}

TEST_CASE("published model: its group statistics are those the k rule allows") {
    const Bank& b = project_bank();
    auto model = parse_propensity_model(committed_model(), "model", b.data.catalog);
    REQUIRE(model.ok());
    const PropensityPriors& pr = model.value().priors;
    const std::size_t n = b.catalog.products.size(), k = pr.min_group_size;
    std::vector<std::size_t> holders(n, 0);
    std::vector<std::size_t> joint(n * n, 0);
    for (const auto& held : b.holdings) {
        std::vector<int> idx;
        for (const std::string& id : held)
            for (std::size_t p = 0; p < n; ++p)
                if (b.catalog.products[p].id == id) idx.push_back(static_cast<int>(p));
        for (int h : idx) {
            holders[h] += 1;
            for (int p : idx) joint[h * n + p] += 1;
        }
    }
    const double customers = static_cast<double>(b.holdings.size());
    std::size_t own_rates = 0;
    for (std::size_t p = 0; p < n; ++p) {
        // A rare product's popularity is never its own count: it is the pooled value or 0.
        if (holders[p] < k) CHECK(pr.popularity[p] != Approx(holders[p] / customers).epsilon(1e-6));
        for (std::size_t h = 0; h < n; ++h) {
            if (h == p) continue;
            const float published = pr.co_ownership[h * n + p];
            if (published == pr.popularity[p]) continue;  // the fallback
            ++own_rates;
            CHECK(holders[h] >= k);
            CHECK(joint[h * n + p] >= k);
        }
    }
    CHECK(own_rates > 0);  // the rule leaves some co-ownership to learn from
}
