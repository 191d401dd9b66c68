#include "shared/ranking/trees/leaf_privacy.h"

#include <algorithm>
#include <cmath>
#include <exception>
#include <limits>

#include "shared/ranking/trees/node_customers.h"
#include "shared/ranking/trees/xgboost_json.h"

namespace bank {
namespace {

using nlohmann::json;

// XGBoost's parent of a root (kInvalidNodeId with the left-child bit masked off), as it writes it.
constexpr std::int64_t kRootParent = 2147483647;

bool finite_number(const json& v) {
    return v.is_number() && std::isfinite(v.get<double>());
}

// The factor XGBoost applies to a node's weight to make it a leaf value: the learning rate, which
// its updaters and pruner divide by num_parallel_tree when they grow several trees per round.
Checked<float> leaf_scale(const json& document, float learning_rate) {
    if (!(std::isfinite(learning_rate) && learning_rate > 0)) return RankingError{"the learning rate must be positive"};
    const json& param =
        document.at("learner").at("gradient_booster").at("model").value("gbtree_model_param", json::object());
    const json parallel = json::parse(param.value("num_parallel_tree", std::string("1")), nullptr, false);
    if (!parallel.is_number_integer() || parallel.get<long long>() < 1)
        return RankingError{"gbtree_model_param.num_parallel_tree is not a positive count"};
    return learning_rate / static_cast<float>(parallel.get<long long>());
}

// One tree's XGBoost arrays, rebuilt node by node in the order the kept nodes are reached
// breadth first, so that (as XGBoost requires) a right child directly follows its left sibling.
class TreeRewrite {
public:
    TreeRewrite(const TreeEnsemble& model, std::size_t tree, const json& original)
        : model_(model), tree_(tree), base_(model.tree_begin[tree]), original_(original) {}

    // Empty, or what is wrong with the node's saved values.
    std::string rewrite(const std::vector<std::size_t>& customers, std::size_t k, float scale, std::size_t& collapsed) {
        const std::size_t node_count = static_cast<std::size_t>(model_.tree_begin[tree_ + 1] - base_);
        for (const char* field : kCopiedFields) {
            auto it = original_.find(field);
            if (it == original_.end() || !it->is_array() || it->size() != node_count)
                return std::string(field) + " does not hold one value per node";
        }
        std::vector<std::int32_t> old_index{0};
        std::vector<std::int64_t> parent{kRootParent};
        for (std::size_t next = 0; next < old_index.size(); ++next) {
            const std::int32_t old = old_index[next];
            const TreeNode& node = model_.nodes[base_ + old];
            const bool kept_split = !node.is_leaf() && customers[node.left] >= k && customers[node.right] >= k;
            for (const char* field : kCopiedFields) {
                if (!finite_number(original_.at(field).at(old)))
                    return "node " + std::to_string(old) + ": " + field + " is not a finite number";
            }
            out_["parents"].push_back(parent[next]);
            out_["sum_hessian"].push_back(original_.at("sum_hessian").at(old));
            out_["split_type"].push_back(0);
            if (kept_split) {
                const auto left = static_cast<std::int32_t>(old_index.size());
                old_index.push_back(node.left - base_);
                old_index.push_back(node.right - base_);
                parent.insert(parent.end(), 2, static_cast<std::int64_t>(next));
                push_node(left, left + 1, node.feature, copied("split_conditions", old), node.default_left,
                          copied("base_weights", old), copied("loss_changes", old));
            } else if (node.is_leaf()) {
                push_node(-1, -1, 0, copied("split_conditions", old), false, copied("base_weights", old),
                          copied("loss_changes", old));
            } else {
                // What XGBoost's pruner writes when it turns a split into a leaf; the base weight is
                // scaled too, as on every leaf XGBoost grows.
                float weight = 0;
                xgboost_float(copied("base_weights", old), weight);
                const float value = scale * weight;
                if (!std::isfinite(value))
                    return "node " + std::to_string(old) + ": its weight as a leaf is not finite";
                push_node(-1, -1, 0, value, false, value, 0.0);
                ++collapsed;
            }
        }
        return {};
    }

    // Replaces the per-node fields of `tree` with the rewritten ones.
    void store(json& tree) const {
        for (const auto& [field, values] : out_.items()) tree[field] = values;
        for (const char* field : {"categories", "categories_nodes", "categories_segments", "categories_sizes"})
            tree[field] = json::array();
        tree["tree_param"]["num_nodes"] = std::to_string(out_.at("left_children").size());
        tree["tree_param"]["num_deleted"] = "0";
    }

private:
    static constexpr const char* kCopiedFields[] = {"sum_hessian", "base_weights", "loss_changes", "split_conditions"};

    const json& copied(const char* field, std::int32_t node) const { return original_.at(field).at(node); }

    void push_node(std::int32_t left, std::int32_t right, std::int32_t feature, const json& condition,
                   bool default_left, const json& base_weight, const json& loss_change) {
        out_["left_children"].push_back(left);
        out_["right_children"].push_back(right);
        out_["split_indices"].push_back(feature);
        out_["split_conditions"].push_back(condition);
        out_["default_left"].push_back(default_left ? 1 : 0);
        out_["base_weights"].push_back(base_weight);
        out_["loss_changes"].push_back(loss_change);
    }

    const TreeEnsemble& model_;
    std::size_t tree_;
    std::int32_t base_;
    const json& original_;
    json out_ = json::object();
};

Checked<PrivateTreeModel> prune(const json& document, const CustomerRows& rows, const LeafPrivacyOptions& options,
                                const std::string& source) {
    auto fail = [&source](const std::string& what) { return RankingError{source + ": " + what}; };
    Checked<TreeEnsemble> model = xgboost_model_from_json(document, source);
    if (!model) return model.error();
    Checked<NodeCustomers> counts = count_node_customers(model.value(), rows);
    if (!counts) return counts.error();
    if (counts.value().customers < options.min_customers)
        return fail("only " + std::to_string(counts.value().customers) + " distinct customers in the training rows, " +
                    "fewer than k = " + std::to_string(options.min_customers) + ": no leaf can rest on k customers");
    Checked<float> scale = leaf_scale(document, options.learning_rate);
    if (!scale) return fail(scale.error().message);

    PrivateTreeModel result{document, {}};
    json& trees = result.document["learner"]["gradient_booster"]["model"]["trees"];
    for (std::size_t t = 0; t < model.value().tree_count(); ++t) {
        TreeRewrite rewrite(model.value(), t, trees[t]);
        const std::string fault = rewrite.rewrite(counts.value().per_node, options.min_customers, scale.value(),
                                                  result.report.splits_collapsed);
        if (!fault.empty()) return fail("tree " + std::to_string(t) + " " + fault);
        rewrite.store(trees[t]);
    }

    // The guarantee is checked on the published model itself, not taken from the rewrite.
    Checked<TreeEnsemble> pruned = xgboost_model_from_json(result.document, source);
    if (!pruned) return fail("the pruned model does not read back: " + pruned.error().message);
    Checked<std::vector<LeafCustomers>> leaves = leaf_customer_counts(pruned.value(), rows);
    if (!leaves) return leaves.error();
    result.report.customers = counts.value().customers;
    result.report.fewest_customers_behind_a_leaf = std::numeric_limits<std::size_t>::max();
    for (const LeafCustomers& leaf : leaves.value()) {
        result.report.fewest_customers_behind_a_leaf =
            std::min(result.report.fewest_customers_behind_a_leaf, leaf.customers);
    }
    if (leaves.value().empty()) result.report.fewest_customers_behind_a_leaf = 0;
    return result;
}

}  // namespace

Checked<PrivateTreeModel> prune_for_leaf_privacy(const json& document, const CustomerRows& rows,
                                                 const LeafPrivacyOptions& options, std::string_view source_name) {
    const std::string source(source_name);
    try {
        return prune(document, rows, options, source);
    } catch (const std::exception& e) {
        return RankingError{source + ": could not be pruned (" + e.what() + ")"};
    }
}

Checked<std::vector<LeafCustomers>> leaf_customer_counts(const TreeEnsemble& model, const CustomerRows& rows) {
    Checked<NodeCustomers> counts = count_node_customers(model, rows);
    if (!counts) return counts.error();
    std::vector<LeafCustomers> leaves;
    for (std::size_t t = 0; t < model.tree_count(); ++t) {
        const std::int32_t base = model.tree_begin[t];
        std::vector<std::int32_t> stack{base};
        while (!stack.empty()) {
            const std::int32_t node = stack.back();
            stack.pop_back();
            const TreeNode& n = model.nodes[node];
            if (n.is_leaf()) {
                leaves.push_back({t, node - base, counts.value().per_node[node]});
            } else {
                stack.push_back(n.right);
                stack.push_back(n.left);
            }
        }
    }
    return leaves;
}

}  // namespace bank
