// The compiled trees (shared/ranking/trees/compiled_trees.h) give predict_margins_batch's margins
// bit for bit: on the two-tree fixture with missing values, on rows that share every feature, no
// feature or some, across row blocks, and on the shipped learned model's real candidate rows.
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

// Random trees of depth 4 over `features` features, `groups` outputs, whose split values come from
// a few shared ones (-0 and 0 among them, and one NaN condition), so that rows can sit exactly on a
// split value, on either zero, on infinity or be missing. Random leaves unless `leaf_value` is given.
bank::TreeEnsemble random_trees(std::mt19937& rng, int features, int groups, const std::vector<float>& split_values,
                                float base_margin = 0.25f, const float* leaf_value = nullptr) {
    bank::TreeEnsemble m;
    m.feature_count = features;
    m.group_count = groups;
    m.base_margin = base_margin;
    std::uniform_real_distribution<float> leaf(-1.0f, 1.0f);
    for (int t = 0; t < 40; ++t) {
        const auto root = static_cast<std::int32_t>(m.nodes.size());
        m.tree_begin.push_back(root);
        m.tree_group.push_back(t % groups);
        // Level by level: node i's children are 2i+1 and 2i+2 within the tree (right == left + 1).
        for (int i = 0; i < 31; ++i) {
            bank::TreeNode n;
            if (i >= 15 || (i >= 7 && rng() % 4 == 0 && i % 2 == 1)) {
                n.value = leaf_value ? *leaf_value : leaf(rng);  // a leaf (some above the last level)
            } else {
                n.feature = static_cast<std::int32_t>(rng() % static_cast<unsigned>(features));
                n.value = split_values[rng() % split_values.size()];
                n.left = root + 2 * i + 1;
                n.right = n.left + 1;
                n.default_left = rng() % 2 == 0;
            }
            m.nodes.push_back(n);
        }
    }
    m.tree_begin.push_back(static_cast<std::int32_t>(m.nodes.size()));
    return m;
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
    const float inf = std::numeric_limits<float>::infinity();
    const std::vector<float> split_values = {-0.0f, 0.0f, 0.5f, 1.5f, 1.5f, -3.0f, 7.25f, kMissing};
    const std::vector<float> row_values = {-0.0f, 0.0f, 0.5f, 1.5f, -3.0f, 7.25f, 0.49999997f, 1.5000001f,
                                           inf,   -inf, kMissing, 100.0f, -100.0f};
    const float negative_zero = -0.0f;
    // One output, two outputs, and sums of -0 only (a leaf that many rows reach adds to all sums at
    // once, -0 to the others: a sum of -0 must stay -0, not become 0).
    const std::vector<bank::TreeEnsemble> models = {random_trees(rng, 6, 1, split_values),
                                                    random_trees(rng, 6, 2, split_values),
                                                    random_trees(rng, 6, 1, split_values, -0.0f, &negative_zero)};
    for (std::size_t shape = 0; shape < models.size(); ++shape) {
        const bank::TreeEnsemble& m = models[shape];
        for (int shared_every = 1; shared_every <= 4; ++shared_every) {
            // Features f % shared_every == 0 hold one value in every row; the others vary row by row.
            std::vector<float> first(6), rows;
            for (float& v : first) v = row_values[rng() % row_values.size()];
            for (int r = 0; r < 150; ++r) {
                for (int f = 0; f < 6; ++f)
                    rows.push_back(f % shared_every == 0 ? first[static_cast<std::size_t>(f)]
                                                         : row_values[rng() % row_values.size()]);
            }
            INFO("model " << shape << ", shared every " << shared_every);
            check_same_margins(m, rows);
            // Feature 5 as a product's own (its value per product 0..49), each row a distinct product.
            const std::size_t n = 50;
            std::vector<std::vector<float>> by_product(6);
            for (std::size_t p = 0; p < n; ++p) by_product[5].push_back(row_values[rng() % row_values.size()]);
            bank::CompiledTrees masked = bank::compile_trees(m);
            bank::compile_product_splits(masked, by_product);
            std::vector<int> products(n);
            std::vector<float> product_rows(rows.begin(), rows.begin() + static_cast<long>(n * 6));
            for (std::size_t r = 0; r < n; ++r) {
                products[r] = static_cast<int>((r * 7) % n);
                product_rows[r * 6 + 5] = by_product[5][static_cast<std::size_t>(products[r])];
            }
            check_same_margins(m, product_rows, &masked, products.data());
        }
    }
}
