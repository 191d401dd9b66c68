// trees.xgboost_parity: the core's tree scoring, TreeSHAP and leaf-privacy pruning against
// XGBoost 1.7 itself. Trains models with XGBoost's C API on seeded synthetic rows, reads the saved
// JSON with the core and compares, on every row, the core's predictions with XGBoost's (type 0)
// and the core's SHAP values with XGBoost's (type 2); then prunes the model for k customers per
// leaf, loads the pruned JSON back into XGBoost and compares again, and checks every leaf's
// customers and every collapsed leaf's value against XGBoost's own pruner.
//
// Prints a table of maximum absolute differences; exits non-zero when one exceeds 1e-6, or when a
// leaf rests on fewer than k customers. --perturb-leaf changes one leaf of the core's copy of each
// model by 1e-3, to show that the comparison does fail (registered as a test that must fail).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdint>
#include <exception>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "shared/ranking/trees/leaf_privacy.h"
#include "shared/ranking/trees/tree_ensemble.h"
#include "shared/ranking/trees/tree_predict.h"
#include "shared/ranking/trees/tree_shap.h"
#include "shared/ranking/trees/xgboost_json.h"
#include "synthetic_rows.h"
#include "xgboost_pruner_oracle.h"
#include "xgboost_session.h"

namespace bank::trees_test {
namespace {

constexpr double kTolerance = 1e-6;
constexpr std::size_t kRows = 3000;
constexpr std::size_t kRowsPerCustomer = 3;
constexpr std::size_t kMinCustomers = 20;  // k
constexpr unsigned kSeed = 20261206;
const char* const kLearningRate = "0.3";

struct ModelCase {
    std::string name;
    const std::vector<float> SyntheticRows::*labels;
    std::vector<std::pair<std::string, std::string>> params;
    int rounds;
    int max_depth;
};

struct Comparison {
    std::string model, check;
    std::size_t values = 0, bit_equal = 0;
    double max_abs_diff = 0;  // infinity when the shapes differ or a value is NaN on one side only
    bool fails() const { return !(max_abs_diff <= kTolerance); }
};

Comparison compare(std::string model, std::string check, const std::vector<float>& core,
                   const std::vector<float>& xgb) {
    Comparison c{std::move(model), std::move(check), core.size(), 0, 0};
    if (core.size() != xgb.size()) {
        c.max_abs_diff = INFINITY;
        return c;
    }
    for (std::size_t i = 0; i < core.size(); ++i) {
        if (core[i] == xgb[i] || (std::isnan(core[i]) && std::isnan(xgb[i]))) {
            ++c.bit_equal;
            continue;
        }
        const double d = std::fabs(static_cast<double>(core[i]) - static_cast<double>(xgb[i]));
        c.max_abs_diff = std::isnan(d) ? INFINITY : std::max(c.max_abs_diff, d);
    }
    return c;
}

TreeEnsemble read_model(const std::string& text, const std::string& source, bool perturb) {
    auto model = parse_xgboost_model(text, source);
    if (!model) throw std::runtime_error(model.error().message);
    TreeEnsemble m = std::move(model).value();
    if (perturb) {
        const auto leaf = std::find_if(m.nodes.begin(), m.nodes.end(), [](const TreeNode& n) { return n.is_leaf(); });
        leaf->value += 1e-3f;
        m.node_mean[static_cast<std::size_t>(leaf - m.nodes.begin())] += 1e-3f;
    }
    return m;
}

// The core's predictions and SHAP values on every row against XGBoost's for the same JSON.
void compare_scoring(const std::string& label, const TreeEnsemble& core, const XgbBooster& xgb,
                     const SyntheticRows& data, const XgbMatrix& rows, std::vector<Comparison>& out) {
    std::vector<float> predictions(data.rows * static_cast<std::size_t>(core.group_count));
    predict_batch(core, data.values.data(), data.rows, predictions.data());
    out.push_back(compare(label, "predict vs type 0", predictions, xgb.predict(rows, 0)));
    std::vector<float> shap(data.rows * shap_value_count(core));
    shap_contributions_batch(core, data.values.data(), data.rows, shap.data());
    out.push_back(compare(label, "SHAP vs type 2", shap, xgb.predict(rows, 2)));
}

// Walks the original and the core-pruned trees together; where the core collapsed a split that
// XGBoost's pruner also collapses, the two leaf values must agree.
Comparison compare_collapsed(const std::string& label, const TreeEnsemble& original, const TreeEnsemble& pruned,
                             const CollapseValues& xgboost_values) {
    std::vector<float> ours, theirs;
    for (std::size_t t = 0; t < original.tree_count(); ++t) {
        std::vector<std::pair<std::int32_t, std::int32_t>> stack{{original.tree_begin[t], pruned.tree_begin[t]}};
        while (!stack.empty()) {
            const auto [o, p] = stack.back();
            stack.pop_back();
            const TreeNode &on = original.nodes[o], &pn = pruned.nodes[p];
            if (!pn.is_leaf()) {
                stack.push_back({on.left, pn.left});
                stack.push_back({on.right, pn.right});
            } else if (!on.is_leaf()) {
                auto it = xgboost_values.find({t, o - original.tree_begin[t]});
                if (it != xgboost_values.end()) {
                    ours.push_back(pn.value);
                    theirs.push_back(it->second);
                }
            }
        }
    }
    return compare(label, "collapsed leaf vs XGBoost pruner", ours, theirs);
}

bool run_case(const ModelCase& mc, const SyntheticRows& data, bool perturb, std::vector<Comparison>& table) {
    const XgbMatrix train(data.values, data.rows, data.features, data.*mc.labels);
    const XgbMatrix rows(data.values, data.rows, data.features);
    XgbBooster booster(train);
    for (const auto& [name, value] : mc.params) booster.set(name, value);
    for (int round = 0; round < mc.rounds; ++round) booster.update(round, train);
    const std::string text = booster.save_json();

    const TreeEnsemble core = read_model(text, mc.name, perturb);
    compare_scoring(mc.name, core, booster, data, rows, table);

    const CustomerRows customers{data.values, data.customer};
    const auto pruned =
        prune_for_leaf_privacy(parse_xgboost_json(text), customers, {kMinCustomers, std::stof(kLearningRate)}, mc.name);
    if (!pruned) throw std::runtime_error(pruned.error().message);
    const std::string pruned_text = pruned.value().document.dump();
    XgbBooster reloaded;
    reloaded.load_json(pruned_text);
    const std::string label = mc.name + ", k=" + std::to_string(kMinCustomers);
    const TreeEnsemble core_pruned = read_model(pruned_text, label, perturb);
    compare_scoring(label, core_pruned, reloaded, data, rows, table);
    table.push_back(compare_collapsed(label, core, core_pruned,
                                      xgboost_collapse_values(text, train, mc.rounds, kLearningRate, mc.max_depth)));

    const auto leaves = leaf_customer_counts(core_pruned, customers);
    if (!leaves) throw std::runtime_error(leaves.error().message);
    std::size_t fewest = SIZE_MAX;
    for (const LeafCustomers& l : leaves.value()) fewest = std::min(fewest, l.customers);
    const LeafPrivacyReport& r = pruned.value().report;
    std::printf(
        "%s: %zu trees, %zu customers; pruning for k=%zu collapsed %zu splits; fewest customers behind a leaf: "
        "%zu (report says %zu)\n",
        mc.name.c_str(), core.tree_count(), r.customers, kMinCustomers, r.splits_collapsed, fewest,
        r.fewest_customers_behind_a_leaf);
    return fewest >= kMinCustomers && fewest == r.fewest_customers_behind_a_leaf && r.splits_collapsed > 0;
}

void print_table(const std::vector<Comparison>& table) {
    std::printf("\n| model | check | values | bit-equal | max abs diff |\n|---|---|---:|---:|---:|\n");
    for (const Comparison& c : table) {
        std::printf("| %s | %s | %zu | %zu | %.3g%s |\n", c.model.c_str(), c.check.c_str(), c.values, c.bit_equal,
                    c.max_abs_diff, c.fails() ? " FAIL" : "");
    }
}

}  // namespace
}  // namespace bank::trees_test

int main(int argc, char** argv) {
    using namespace bank::trees_test;
    const bool perturb = argc > 1 && std::string(argv[1]) == "--perturb-leaf";
    const SyntheticRows data = make_synthetic_rows(kRows, kSeed, kRowsPerCustomer);
    const std::vector<ModelCase> cases{
        {"binary:logistic (hist, base_score 0.3)",
         &SyntheticRows::binary_label,
         {{"objective", "binary:logistic"},
          {"tree_method", "hist"},
          {"max_depth", "6"},
          {"eta", kLearningRate},
          {"base_score", "0.3"},
          {"nthread", "1"},
          {"seed", "7"}},
         60,
         6},
        {"multi:softprob 3 classes (exact)",
         &SyntheticRows::class_label,
         {{"objective", "multi:softprob"},
          {"num_class", "3"},
          {"tree_method", "exact"},
          {"max_depth", "5"},
          {"eta", kLearningRate},
          {"nthread", "1"},
          {"seed", "7"}},
         50,
         5},
    };
    std::vector<Comparison> table;
    bool privacy_ok = true;
    try {
        for (const ModelCase& mc : cases) privacy_ok = run_case(mc, data, perturb, table) && privacy_ok;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "trees.xgboost_parity: %s\n", e.what());
        return 2;
    }
    print_table(table);
    const bool parity_ok = std::none_of(table.begin(), table.end(), [](const Comparison& c) { return c.fails(); });
    std::printf("\n%s (tolerance %g; every leaf on >= %zu customers: %s)\n", parity_ok && privacy_ok ? "PASS" : "FAIL",
                kTolerance, kMinCustomers, privacy_ok ? "yes" : "no");
    return parity_ok && privacy_ok ? 0 : 1;
}
