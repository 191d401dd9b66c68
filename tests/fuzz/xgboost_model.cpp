// An XGBoost 1.7 JSON model (shared/ranking/trees/tree_ensemble.h), the learned ranking model the
// browser receives inside /api/ranking-model under "propensity". A truncated or tampered model
// must be an error naming the source, never a crash, a loop or a ranking with NaN in it. An
// accepted model is checked for what the reader promises (children in range, right = left + 1,
// depth within the limit, finite leaves and conditions, one output per group), then scored on a
// few fixed rows (NaN = missing among them):
//   - predict_margins gives, bit for bit, the sum a plain walk of the trees gives (XGBoost's rule
//     written out here independently), batch scoring the same as row by row;
//   - margins are finite whenever |base margin| + the largest leaf of each tree cannot overflow;
//   - predict is the objective's transform of the margins (probabilities within 0..1);
//   - TreeSHAP: a feature no split uses gets exactly 0, a group no tree adds to gets only the base
//     margin, and, when the covers are those of a trained tree (positive, children's sum within
//     the parent's), a row's values sum to its margin within a tolerance relative to the leaves.
// The same text is then read as a propensity model against the test bank's catalog and, when it
// is one, ranks every test customer on the device as the app does: likelihoods within 0..1,
// summing to at most 1 over a customer's candidates.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#include "ranking_support.h"
#include "shared/ranking/behavior_model.h"
#include "shared/ranking/propensity/propensity_model.h"
#include "shared/ranking/trees/tree_predict.h"
#include "shared/ranking/trees/tree_shap.h"

namespace {

using namespace bank;
using fuzz::require;

constexpr const char* kTreeSource = "model.json";
constexpr const char* kPropensitySource = "the learned ranking model";  // as wasm/ranking_flow.cpp names it
constexpr float kInf = std::numeric_limits<float>::infinity();
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();
// TreeSHAP's output is group_count x (feature_count + 1) floats per row; the reader allows a
// million of each, which no caller would score (the propensity model has one group).
constexpr std::size_t kMaxShapValues = std::size_t{1} << 20;

bool same_float(float a, float b) {
    return std::memcmp(&a, &b, sizeof a) == 0 || (std::isnan(a) && std::isnan(b));
}

bool starts_with(const std::string& text, const std::string& prefix) {
    return text.rfind(prefix, 0) == 0;
}

// What the reader promises about the flattened ensemble, node by node.
void check_structure(const TreeEnsemble& m) {
    const TreeLimits limits;
    const std::size_t trees = m.tree_count();
    require(m.feature_count >= 1, "at least one feature");
    require(m.group_count >= 1, "at least one output group");
    const bool multi = m.objective == TreeObjective::kMultiSoftprob || m.objective == TreeObjective::kMultiSoftmax;
    require(multi || m.group_count == 1, "one output unless multi:*");
    require(m.feature_names.empty() || m.feature_names.size() == static_cast<std::size_t>(m.feature_count),
            "one feature name per feature, or none");
    require(std::isfinite(m.base_score), "the base score is finite");
    require(std::isfinite(m.base_margin), "the base margin is finite (the base score was)");
    require(m.tree_begin.size() == trees + 1 && m.tree_depth.size() == trees, "per-tree vectors match the tree count");
    require(trees <= limits.max_trees && m.nodes.size() <= limits.max_nodes, "within the limits");
    require(m.node_cover.size() == m.nodes.size() && m.node_mean.size() == m.nodes.size(),
            "per-node vectors match the node count");
    require(m.tree_begin.front() == 0 && static_cast<std::size_t>(m.tree_begin.back()) == m.nodes.size(),
            "trees cover the node list");
    for (std::size_t t = 0; t < trees; ++t) {
        const std::int32_t begin = m.tree_begin[t], end = m.tree_begin[t + 1];
        require(begin < end, "every tree has a node");
        require(m.tree_group[t] >= 0 && m.tree_group[t] < m.group_count, "a tree adds to an existing group");
        require(m.tree_depth[t] >= 0 && m.tree_depth[t] <= limits.max_depth, "tree depth within the limit");
        for (std::int32_t i = begin; i < end; ++i) {
            const TreeNode& n = m.nodes[i];
            require(std::isfinite(n.value), "leaf values and split conditions are finite");
            require(std::isfinite(m.node_cover[i]) && m.node_cover[i] >= 0, "covers are finite and >= 0");
            if (n.is_leaf()) {
                require(n.right < 0, "a leaf has no right child");
                continue;
            }
            require(n.left >= begin && n.left + 1 < end, "children lie in the same tree");
            require(n.right == n.left + 1, "the right child follows the left");
            require(n.feature >= 0 && n.feature < m.feature_count, "splits read an existing feature");
        }
    }
}

// XGBoost's rule, written out without child_taken: x < condition goes left, missing takes the
// default direction. Also checks that the walk stays in the tree and ends within its depth.
std::int32_t walk(const TreeEnsemble& m, std::size_t t, const float* row) {
    std::int32_t i = m.tree_begin[t];
    for (int level = 0;; ++level) {
        require(level <= m.tree_depth[t], "a row reaches a leaf within the tree's depth");
        require(i >= m.tree_begin[t] && i < m.tree_begin[t + 1], "a walk stays in its tree");
        const TreeNode& n = m.nodes[i];
        if (n.left < 0) return i;
        const float x = row[n.feature];
        const bool left = std::isnan(x) ? n.default_left : x < n.value;
        i = left ? n.left : n.right;
    }
}

// Per group: |base margin| + the largest |leaf| of each of its trees, a bound on any margin.
std::vector<double> margin_bounds(const TreeEnsemble& m) {
    std::vector<double> bound(m.group_count, std::fabs(static_cast<double>(m.base_margin)));
    for (std::size_t t = 0; t < m.tree_count(); ++t) {
        double largest = 0;
        for (std::int32_t i = m.tree_begin[t]; i < m.tree_begin[t + 1]; ++i)
            if (m.nodes[i].is_leaf()) largest = std::max(largest, std::fabs(static_cast<double>(m.nodes[i].value)));
        bound[m.tree_group[t]] += largest;
    }
    return bound;
}

// The covers of a trained tree: every split's cover is at least its children's sum (each child's
// share of the training rows within 0..1), so TreeSHAP's fractions are bounded, and every cover is
// a normal float far from both ends of the range, so cover x leaf neither underflows nor
// overflows in the node means. Only reachable nodes count (unreachable ones are inert leaves).
bool trained_covers(const TreeEnsemble& m) {
    for (std::size_t t = 0; t < m.tree_count(); ++t) {
        std::vector<std::int32_t> stack{m.tree_begin[t]};
        while (!stack.empty()) {
            const std::int32_t i = stack.back();
            stack.pop_back();
            const TreeNode& n = m.nodes[i];
            if (n.is_leaf()) continue;
            const double parent = m.node_cover[i], l = m.node_cover[n.left], r = m.node_cover[n.right];
            for (double c : {parent, l, r})
                if (!(c >= 1e-6 && c <= 1e12)) return false;
            if (l + r > parent * (1 + 1e-3)) return false;
            stack.push_back(n.left);
            stack.push_back(n.right);
        }
    }
    return true;
}

// Fixed rows, plus two that sit on and just below the model's own thresholds.
std::vector<std::vector<float>> rows_for(const TreeEnsemble& m) {
    const std::size_t f = static_cast<std::size_t>(m.feature_count);
    std::vector<std::vector<float>> rows(6, std::vector<float>(f, 0.0f));
    std::vector<char> seen(f, 0);
    for (std::size_t i = 0; i < f; ++i) {
        rows[1][i] = kNaN;
        rows[2][i] = i % 5 == 4 ? kNaN : static_cast<float>(static_cast<int>(i % 7) - 3) * 0.75f;
        const float odd[] = {kInf, -kInf, 3e38f, -0.0f, 1e-45f, -1e30f};
        rows[3][i] = odd[i % 6];
    }
    for (const TreeNode& n : m.nodes) {
        if (n.is_leaf() || seen[n.feature]) continue;
        seen[n.feature] = 1;
        rows[4][n.feature] = n.value;
        rows[5][n.feature] = std::nextafter(n.value, -kInf);
    }
    return rows;
}

void check_scoring(const TreeEnsemble& m, const std::vector<std::vector<float>>& rows) {
    const std::size_t groups = static_cast<std::size_t>(m.group_count);
    const std::size_t features = static_cast<std::size_t>(m.feature_count);
    const std::vector<double> bound = margin_bounds(m);
    const bool shap = groups * (features + 1) <= kMaxShapValues;
    const bool shap_sums = shap && trained_covers(m);
    int deepest = 0;
    for (int d : m.tree_depth) deepest = std::max(deepest, d);
    std::vector<char> used(features, 0);
    for (const TreeNode& n : m.nodes)
        if (!n.is_leaf()) used[n.feature] = 1;
    std::vector<char> group_has_trees(groups, 0);
    for (std::int32_t g : m.tree_group) group_has_trees[g] = 1;

    std::vector<float> flat;
    for (const auto& r : rows) flat.insert(flat.end(), r.begin(), r.end());
    std::vector<float> batch(rows.size() * groups), batch_p(rows.size() * groups);
    predict_margins_batch(m, flat.data(), rows.size(), batch.data());
    predict_batch(m, flat.data(), rows.size(), batch_p.data());
    std::vector<float> shap_batch;
    if (shap) {
        shap_batch.resize(rows.size() * shap_value_count(m));
        shap_contributions_batch(m, flat.data(), rows.size(), shap_batch.data());
    }

    std::vector<float> margins(groups), probs(groups), expected(groups), phi;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const float* row = rows[r].data();
        predict_margins(m, row, margins.data());
        predict(m, row, probs.data());
        std::fill(expected.begin(), expected.end(), m.base_margin);
        for (std::size_t t = 0; t < m.tree_count(); ++t) {
            const std::int32_t leaf = walk(m, t, row);
            require(leaf_reached(m, t, row) == leaf, "leaf_reached is XGBoost's walk");
            expected[m.tree_group[t]] += m.nodes[leaf].value;
        }
        bool finite = true;
        for (std::size_t g = 0; g < groups; ++g) {
            require(same_float(margins[g], expected[g]), "margins are the trees' sum in tree order");
            require(same_float(batch[r * groups + g], margins[g]), "batch margins are the single-row ones");
            require(same_float(batch_p[r * groups + g], probs[g]), "batch predictions are the single-row ones");
            if (bound[g] <= 1e38) require(std::isfinite(margins[g]), "margins are finite when they cannot overflow");
            if (!group_has_trees[g]) require(same_float(margins[g], m.base_margin), "a group without trees is the base margin");
            finite = finite && std::isfinite(margins[g]);
        }
        std::vector<float> transformed = margins;
        transform_margins(m, transformed.data());
        for (std::size_t g = 0; g < groups; ++g)
            require(same_float(transformed[g], probs[g]), "predict is the transform of the margins");
        if (m.objective == TreeObjective::kBinaryLogistic || m.objective == TreeObjective::kRegLogistic) {
            require(probs[0] >= 0 && probs[0] <= 1, "a logistic prediction is a probability");
        }
        if (m.objective == TreeObjective::kMultiSoftprob && finite) {
            double sum = 0;
            for (float p : probs) {
                require(p >= 0 && p <= 1, "softprob values are probabilities");
                sum += p;
            }
            require(std::fabs(sum - 1) <= 1e-4 + 1e-6 * static_cast<double>(groups), "softprob sums to 1");
        }

        if (!shap) continue;
        const std::size_t width = features + 1;
        phi.assign(shap_value_count(m), 0.0f);
        shap_contributions(m, row, phi.data());
        for (std::size_t i = 0; i < phi.size(); ++i)
            require(same_float(phi[i], shap_batch[r * phi.size() + i]), "batch SHAP is the single-row SHAP");
        for (std::size_t g = 0; g < groups; ++g) {
            const float* p = phi.data() + g * width;
            for (std::size_t f = 0; f < features; ++f) {
                if (!used[f] || !group_has_trees[g]) require(p[f] == 0.0f, "a feature no split reads contributes 0");
            }
            if (!group_has_trees[g]) require(p[features] == m.base_margin, "a group without trees has only the base margin");
            if (!shap_sums || bound[g] > 1e25) continue;
            double sum = 0, magnitude = 0;
            for (std::size_t f = 0; f < width; ++f) {
                require(std::isfinite(p[f]), "SHAP values are finite for trained covers");
                sum += p[f];
                magnitude += std::fabs(p[f]);
            }
            // Float rounding in TreeSHAP's path weights grows with depth; the scale is what any
            // term can reach: the leaves, the margin and the values themselves.
            const double scale = bound[g] + magnitude;
            const double tolerance = 1e-5 * (deepest + 1) * (deepest + 1) * scale + 1e-30;
            if (std::fabs(sum - margins[g]) > tolerance) {
                std::fprintf(stderr, "row %zu group %zu: SHAP sum %.9g, margin %.9g, tolerance %.3g\n", r, g, sum,
                             static_cast<double>(margins[g]), tolerance);
                require(false, "SHAP values sum to the margin");
            }
        }
    }
}

// ---- the propensity model on the test bank's catalog, ranked as the app ranks

const DeviceRanker& test_ranker() {
    static const DeviceRanker ranker = [] {
        auto made = make_device_ranker(fuzz::test_bank().catalog, fit_behavior_model(fuzz::test_bank()), RankingWeights{});
        require(made.ok(), "the test bank makes a device ranker");
        return std::move(made).value();
    }();
    return ranker;
}

std::vector<int> held_products(const Customer& c) {
    std::vector<int> held;
    const auto& catalog = fuzz::test_bank().catalog;
    for (std::size_t p = 0; p < catalog.size(); ++p)
        if (std::find(c.products_held.begin(), c.products_held.end(), catalog[p].id) != c.products_held.end())
            held.push_back(static_cast<int>(p));
    return held;
}

void check_propensity(std::string_view text) {
    const auto& catalog = fuzz::test_bank().catalog;
    auto parsed = parse_propensity_model(text, kPropensitySource, catalog);
    if (!parsed) {
        require(starts_with(parsed.error().message, std::string(kPropensitySource) + ": "),
                "propensity errors name the source");
        return;
    }
    const PropensityModel& pm = parsed.value();
    require(pm.trees.objective == TreeObjective::kBinaryLogistic && pm.trees.group_count == 1,
            "a propensity model is binary:logistic");
    require(pm.trees.feature_count == static_cast<int>(pm.layout.names.size()) &&
                pm.layout.slots.size() == pm.layout.names.size(),
            "the layout has one slot per feature");
    require(pm.priors.products() == catalog.size(), "statistics for every catalog product");
    require(pm.temperature > 0 && pm.temperature <= 100, "temperature within (0, 100]");

    // The likelihoods over all of a customer's unheld products, and TreeSHAP on the real rows.
    static const std::vector<CategorySpend> none;
    for (const Customer& c : fuzz::test_bank().customers) {
        PropensityCustomer who;
        who.customer = &c;
        who.held = held_products(c);
        const auto found = fuzz::test_spending().find(c.id);
        who.spending = found == fuzz::test_spending().end() ? &none : &found->second;
        std::vector<int> products;
        for (std::size_t p = 0; p < catalog.size(); ++p)
            if (!std::binary_search(who.held.begin(), who.held.end(), static_cast<int>(p)))
                products.push_back(static_cast<int>(p));
        if (products.empty()) continue;
        const std::vector<float> margins = propensity_margins(pm, catalog, who, products);
        const std::vector<float> likelihoods = take_up_likelihoods(margins, pm.temperature);
        double sum = 0;
        for (float l : likelihoods) {
            require(l >= 0 && l <= 1, "take-up likelihoods lie within 0..1");
            sum += l;
        }
        require(sum <= 1 + 1e-5, "take-up likelihoods sum to at most 1");
        std::vector<float> rows;
        propensity_rows(pm.layout, pm.priors, catalog, who, products, rows);
        std::vector<std::vector<float>> split;
        for (std::size_t i = 0; i < products.size(); ++i)
            split.emplace_back(rows.begin() + i * pm.layout.names.size(), rows.begin() + (i + 1) * pm.layout.names.size());
        check_scoring(pm.trees, split);
    }

    DeviceRanker ranker = test_ranker();
    ranker.propensity = std::move(parsed).value();
    static const std::vector<CategorySpend> no_spending;
    for (const Customer& c : fuzz::test_bank().customers) {
        const auto found = fuzz::test_spending().find(c.id);
        const auto result =
            rank_on_device(ranker, c, found == fuzz::test_spending().end() ? no_spending : found->second);
        if (!result) continue;
        const auto& recs = result.value().recommendations;
        require(recs.size() <= static_cast<std::size_t>(ranker.weights.top_k), "at most top_k recommendations");
        double sum = 0;
        for (std::size_t i = 0; i < recs.size(); ++i) {
            require(recs[i].product_index >= 0 && recs[i].product_index < static_cast<int>(catalog.size()),
                    "recommendations are catalog products");
            require(std::isfinite(recs[i].score), "scores are finite");
            require(recs[i].likelihood >= 0 && recs[i].likelihood <= 1, "a recommendation's likelihood lies within 0..1");
            sum += recs[i].likelihood;
            for (std::size_t j = 0; j < i; ++j)
                require(recs[j].product_index != recs[i].product_index, "no product twice");
        }
        require(sum <= 1 + 1e-5, "recommended likelihoods sum to at most 1");
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = fuzz::as_text(data, size);
    const auto parsed = parse_xgboost_model(text, kTreeSource);
    if (!parsed) {
        require(starts_with(parsed.error().message, std::string(kTreeSource) + ": "), "errors name the source");
        return 0;
    }
    const TreeEnsemble& m = parsed.value();
    check_structure(m);
    check_scoring(m, rows_for(m));
    check_propensity(text);
    return 0;
}
