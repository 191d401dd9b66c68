#include "xgboost_pruner_oracle.h"

#include <stdexcept>
#include <vector>

#include "shared/ranking/trees/tree_ensemble.h"

namespace bank::trees_test {
namespace {

TreeEnsemble read(const std::string& text, const char* what) {
    auto model = parse_xgboost_model(text, what);
    if (!model) throw std::runtime_error(model.error().message);
    return std::move(model).value();
}

// Records the splits of `original` that `pruned` (same node numbering: XGBoost's pruner only marks
// nodes deleted) reaches as leaves.
void record_collapsed(const TreeEnsemble& original, const TreeEnsemble& pruned, CollapseValues& out) {
    for (std::size_t t = 0; t < pruned.tree_count(); ++t) {
        std::vector<std::int32_t> stack{pruned.tree_begin[t]};
        while (!stack.empty()) {
            const std::int32_t node = stack.back();
            stack.pop_back();
            const std::int32_t local = node - pruned.tree_begin[t];
            const TreeNode& n = pruned.nodes[node];
            if (!n.is_leaf()) {
                stack.push_back(n.left);
                stack.push_back(n.right);
            } else if (!original.nodes[original.tree_begin[t] + local].is_leaf()) {
                out[{t, local}] = n.value;
            }
        }
    }
}

}  // namespace

CollapseValues xgboost_collapse_values(const std::string& model_json, const XgbMatrix& train, int rounds,
                                       const std::string& learning_rate, int max_depth) {
    const TreeEnsemble original = read(model_json, "trained model");
    std::vector<std::vector<std::pair<std::string, std::string>>> settings{{{"gamma", "1e30"}}};
    for (int depth = 1; depth < max_depth; ++depth) settings.push_back({{"max_depth", std::to_string(depth)}});
    CollapseValues values;
    for (const auto& setting : settings) {
        XgbBooster booster(train);
        booster.load_json(model_json);
        for (const auto& [name, value] : std::vector<std::pair<std::string, std::string>>{{"process_type", "update"},
                                                                                          {"updater", "prune"},
                                                                                          {"eta", learning_rate},
                                                                                          {"nthread", "1"},
                                                                                          {"verbosity", "0"}}) {
            booster.set(name, value);
        }
        for (const auto& [name, value] : setting) booster.set(name, value);
        for (int round = 0; round < rounds; ++round) booster.update(round, train);
        record_collapsed(original, read(booster.save_json(), "model pruned by XGBoost"), values);
    }
    return values;
}

}  // namespace bank::trees_test
