// The compiled trees (shared/ranking/trees/compiled_trees.h) give predict_margins_batch's margins
// bit for bit: on the two-tree fixture with missing values, on rows that share every feature, no
// feature or some, across row blocks, on trees laid out complete and on deeper ones, and on the
// shipped learned model's real candidate rows.
#include <catch2/catch.hpp>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "shared/data/loaders.h"
#include "shared/ranking/propensity/propensity_model.h"
#include "shared/ranking/trees/compiled_trees.h"
#include "shared/ranking/trees/tree_predict.h"
#include "random_trees.h"
#include "test_tree_fixture.h"

namespace {

constexpr float kMissing = std::numeric_limits<float>::quiet_NaN();

bool same_bits(float a, float b) { return std::memcmp(&a, &b, sizeof a) == 0; }

// `compiled` defaults to the model compiled without product masks; `products` names each row's product.
void check_same_margins(const bank::TreeEnsemble& model, const std::vector<float>& rows,
                        const bank::CompiledTrees* compiled = nullptr, const int* products = nullptr) {
    const std::size_t width = static_cast<std::size_t>(model.feature_count);
    const std::size_t n = rows.size() / width;
    const std::size_t groups = static_cast<std::size_t>(model.group_count);
    std::vector<float> want(n * groups), got(n * groups, -1.0f);
    bank::predict_margins_batch(model, rows.data(), n, want.data());
    const bank::CompiledTrees plain = bank::compile_trees(model);
    bank::predict_margins_compiled(compiled ? *compiled : plain, rows.data(), n, got.data(), products);
    for (std::size_t i = 0; i < want.size(); ++i) {
        INFO("output " << i << " of " << want.size());
        REQUIRE(same_bits(got[i], want[i]));
    }
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

TEST_CASE("compiled trees: the two-tree fixture's margins, missing values included", "[trees]") {
    const bank::TreeEnsemble m = bank::testing::two_trees_model();
    std::vector<float> rows;
    for (int r = 0; r < 203; ++r) {  // more than three blocks of 64, and a ragged end
        rows.push_back(r % 7 == 0 ? kMissing : static_cast<float>(r % 3) * 0.4f);
        rows.push_back(r % 5 == 0 ? kMissing : static_cast<float>(r % 4) * 0.9f);
    }
    check_same_margins(m, rows);
    // A block whose rows all share the first feature, or both, or that is a single row.
    for (float& v : rows) v = kMissing;
    check_same_margins(m, rows);
    check_same_margins(m, {0.7f, kMissing});
    check_same_margins(m, std::vector<float>{});
    std::vector<float> shared_first;
    for (int r = 0; r < 70; ++r) {
        shared_first.push_back(0.6f);
        shared_first.push_back(static_cast<float>(r) * 0.05f);
    }
    check_same_margins(m, shared_first);
}

TEST_CASE("compiled trees: the shipped model on a customer's candidates and on random rows", "[trees]") {
    const std::filesystem::path root(PROJECT_SOURCE_DIR);
    auto catalog = bank::parse_catalog(read_file(root / "data/catalog.csv"), "catalog.csv");
    REQUIRE(catalog.ok());
    auto model = bank::parse_propensity_model(read_file(root / "config/propensity-model.json"),
                                              "config/propensity-model.json", catalog.value());
    REQUIRE(model.ok());
    const bank::PropensityModel& m = model.value();
    const std::size_t width = static_cast<std::size_t>(m.trees.feature_count);

    // Rows as a customer's candidates give them: the customer's columns shared, the products' not.
    bank::Customer c;
    c.age = 41;
    c.annual_income = 52000;
    c.credit_score = 700;
    bank::PropensityCustomer who;
    who.customer = &c;
    who.held = {0, 3};
    std::vector<int> products;
    for (int p = 0; p < static_cast<int>(catalog.value().size()); ++p)
        if (p != 0 && p != 3) products.push_back(p);
    std::vector<float> rows;
    bank::propensity_rows(m.layout, m.priors, catalog.value(), who, products, rows);
    check_same_margins(m.trees, rows);
    // With the product masks (the catalog has at most 64 products), as propensity_margins scores.
    REQUIRE(catalog.value().size() <= 64);
    REQUIRE_FALSE(m.compiled.product_below.empty());
    // The trainer's trees are 4 levels deep at most: every one is laid out complete.
    REQUIRE(m.compiled.level_trees.size() == m.compiled.tree_root.size());
    check_same_margins(m.trees, rows, &m.compiled, products.data());
    // Rows naming a product twice, or one beyond 64, are scored row by row instead.
    std::vector<int> twice = products;
    twice[1] = twice[0];
    check_same_margins(m.trees, rows, &m.compiled, twice.data());
    std::vector<int> beyond = products;
    beyond.back() = 70;
    check_same_margins(m.trees, rows, &m.compiled, beyond.data());

    // Random rows (a tenth of the values missing): hardly any feature shared.
    std::mt19937 rng(7);
    std::uniform_real_distribution<float> value(-1.0f, 12.0f);
    std::vector<float> random_rows(150 * width);
    for (float& v : random_rows) v = rng() % 10 == 0 ? kMissing : value(rng);
    check_same_margins(m.trees, random_rows);

    // And what propensity_margins returns is the reference's too.
    const std::vector<float> margins = bank::propensity_margins(m, catalog.value(), who, products);
    std::vector<float> want(products.size());
    bank::predict_margins_batch(m.trees, rows.data(), products.size(), want.data());
    for (std::size_t i = 0; i < want.size(); ++i) REQUIRE(same_bits(margins[i], want[i]));
}

TEST_CASE("compiled trees: rows on split values, on either zero, infinite or missing, shared or not", "[trees]") {
    std::mt19937 rng(17);
    const std::vector<bank::TreeEnsemble> models = bank::testing::awkward_models(rng);
    for (std::size_t shape = 0; shape < models.size(); ++shape) {
        const bank::TreeEnsemble& m = models[shape];
        REQUIRE(bank::compile_trees(m).level_trees.size() == bank::testing::kLaidOut[shape]);
        for (int shared_every = 1; shared_every <= 4; ++shared_every) {
            INFO("model " << shape << ", shared every " << shared_every);
            const std::vector<float> rows = bank::testing::rows_sharing(rng, shared_every);
            check_same_margins(m, rows);
            const bank::testing::ProductRows candidates = bank::testing::rows_by_product(rng, m, rows);
            check_same_margins(m, candidates.rows, &candidates.compiled, candidates.products.data());
        }
    }
}
