#include "shared/ranking/trees/xgboost_tree_reader.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

#include "shared/ranking/trees/xgboost_json.h"

namespace bank {
namespace {

using nlohmann::json;

// The arrays XGBoost writes for a tree, one entry per node.
struct TreeArrays {
    std::vector<std::int32_t> left, right, feature;
    std::vector<float> condition, cover;
    std::vector<bool> default_left;
    std::vector<std::int32_t> split_type;  // 0 numerical, 1 categorical; absent in older models
};

std::string array_fault(const char* field, const std::string& why) {
    return std::string(field) + " " + why;
}

const json* find_array(const json& tree, const char* field) {
    auto it = tree.find(field);
    return it != tree.end() && it->is_array() ? &*it : nullptr;
}

std::string read_ints(const json& tree, const char* field, bool required, std::vector<std::int32_t>& out) {
    const json* a = find_array(tree, field);
    if (!a) return required ? array_fault(field, "is missing or not a list") : std::string();
    out.reserve(a->size());
    for (const json& v : *a) {
        if (!v.is_number_integer()) return array_fault(field, "holds a value that is not a whole number");
        const auto x = v.get<std::int64_t>();
        if (x < std::numeric_limits<std::int32_t>::min() || x > std::numeric_limits<std::int32_t>::max())
            return array_fault(field, "holds " + std::to_string(x) + ", out of range");
        out.push_back(static_cast<std::int32_t>(x));
    }
    return {};
}

std::string read_floats(const json& tree, const char* field, std::vector<float>& out) {
    const json* a = find_array(tree, field);
    if (!a) return array_fault(field, "is missing or not a list");
    out.reserve(a->size());
    for (const json& v : *a) {
        float x = 0;
        if (!xgboost_float(v, x)) return array_fault(field, "holds a value that is not a number");
        out.push_back(x);
    }
    return {};
}

// XGBoost 1.7 writes default_left as 0/1; booleans are accepted too.
std::string read_flags(const json& tree, const char* field, std::vector<bool>& out) {
    const json* a = find_array(tree, field);
    if (!a) return array_fault(field, "is missing or not a list");
    out.reserve(a->size());
    for (const json& v : *a) {
        if (v.is_boolean()) {
            out.push_back(v.get<bool>());
        } else if (v.is_number_integer() && (v.get<std::int64_t>() == 0 || v.get<std::int64_t>() == 1)) {
            out.push_back(v.get<std::int64_t>() == 1);
        } else {
            return array_fault(field, "holds a value that is neither 0 nor 1");
        }
    }
    return {};
}

// tree_param.num_nodes, saved as text ("13"); -1 when absent.
std::string read_declared_node_count(const json& tree, long long& count) {
    count = -1;
    auto param = tree.find("tree_param");
    if (param == tree.end() || !param->is_object()) return {};
    auto n = param->find("num_nodes");
    if (n == param->end()) return {};
    if (n->is_string()) {
        const json parsed = json::parse(n->get<std::string>(), nullptr, false);
        if (parsed.is_number_integer()) count = parsed.get<long long>();
    } else if (n->is_number_integer()) {
        count = n->get<long long>();
    }
    return count >= 0 ? std::string() : "tree_param.num_nodes is not a count";
}

TreeFault read_arrays(const json& tree, TreeArrays& a) {
    if (!tree.is_object()) return {-1, "is not a JSON object"};
    for (std::string e :
         {read_ints(tree, "left_children", true, a.left), read_ints(tree, "right_children", true, a.right),
          read_ints(tree, "split_indices", true, a.feature), read_floats(tree, "split_conditions", a.condition),
          read_floats(tree, "sum_hessian", a.cover), read_flags(tree, "default_left", a.default_left),
          read_ints(tree, "split_type", false, a.split_type)}) {
        if (!e.empty()) return {-1, e};
    }
    const std::size_t n = a.left.size();
    const std::pair<const char*, std::size_t> sizes[] = {{"right_children", a.right.size()},
                                                         {"split_indices", a.feature.size()},
                                                         {"split_conditions", a.condition.size()},
                                                         {"sum_hessian", a.cover.size()},
                                                         {"default_left", a.default_left.size()}};
    for (const auto& [field, size] : sizes) {
        if (size != n)
            return {-1, std::string(field) + " has " + std::to_string(size) + " values but left_children has " +
                            std::to_string(n)};
    }
    if (!a.split_type.empty() && a.split_type.size() != n)
        return {-1, "split_type has " + std::to_string(a.split_type.size()) + " values, expected " + std::to_string(n)};
    if (n == 0) return {-1, "has no nodes"};
    long long declared = -1;
    if (std::string e = read_declared_node_count(tree, declared); !e.empty()) return {-1, e};
    if (declared >= 0 && static_cast<std::size_t>(declared) != n)
        return {-1, "tree_param.num_nodes is " + std::to_string(declared) + " but the arrays hold " +
                        std::to_string(n) + " nodes"};
    auto categories = tree.find("categories_nodes");
    if (categories != tree.end() && categories->is_array() && !categories->empty())
        return {categories->front().is_number_integer() ? categories->front().get<int>() : -1,
                "is a categorical split; categorical features are not supported"};
    return {};
}

const char* non_finite_word(float x) {
    return std::isnan(x) ? "NaN" : "infinite";
}

// Checks the node the walk has reached; children are checked when they are reached in turn.
TreeFault check_node(const TreeArrays& a, int i, int feature_count) {
    const int n = static_cast<int>(a.left.size());
    if (!std::isfinite(a.cover[i]) || a.cover[i] < 0) return {i, "sum_hessian is negative or not finite"};
    const int l = a.left[i], r = a.right[i];
    if (l == -1 && r == -1) {
        if (!std::isfinite(a.condition[i])) return {i, std::string("leaf value is ") + non_finite_word(a.condition[i])};
        return {};
    }
    if (l == -1 || r == -1) return {i, "has only one child"};
    for (int child : {l, r}) {
        if (child < 0 || child >= n)
            return {i, "child " + std::to_string(child) + " is out of range (the tree has " + std::to_string(n) +
                           " nodes)"};
    }
    // XGBoost's predictor takes the right child to be left + 1 (every tree it grows is numbered so);
    // another numbering would be scored one way here and another way by XGBoost.
    if (r != l + 1)
        return {i, "right child " + std::to_string(r) + " does not follow left child " + std::to_string(l) +
                       ", as XGBoost requires"};
    if (!a.split_type.empty() && a.split_type[i] != 0)
        return {i, "is a categorical split; categorical features are not supported"};
    if (a.feature[i] < 0 || a.feature[i] >= feature_count)
        return {i, "splits on feature " + std::to_string(a.feature[i]) + " but the model has " +
                       std::to_string(feature_count) + " features"};
    if (!std::isfinite(a.condition[i]))
        return {i, std::string("split condition is ") + non_finite_word(a.condition[i])};
    return {};
}

// Walks from the root with an explicit stack (a hostile tree may be deep), visiting each node at
// most once, so a cycle or a shared child is found rather than followed forever. Returns the nodes
// in the order reached: every parent before its children.
TreeFault walk_from_root(const TreeArrays& a, int feature_count, int max_depth, std::vector<int>& order, int& deepest) {
    std::vector<char> reached(a.left.size(), 0);
    std::vector<std::pair<int, int>> stack{{0, 0}};  // node, level
    deepest = 0;
    while (!stack.empty()) {
        const auto [i, level] = stack.back();
        stack.pop_back();
        if (reached[i]) return {i, "is reached twice: the tree has a cycle or a shared child"};
        reached[i] = 1;
        if (level > max_depth) return {-1, "is deeper than the limit of " + std::to_string(max_depth) + " levels"};
        if (TreeFault f = check_node(a, i, feature_count); !f.ok()) return f;
        order.push_back(i);
        deepest = std::max(deepest, level);
        if (a.left[i] >= 0) {
            stack.push_back({a.right[i], level + 1});
            stack.push_back({a.left[i], level + 1});
        }
    }
    return {};
}

}  // namespace

TreeFault append_xgboost_tree(const json& tree, const TreeLimits& limits, TreeEnsemble& ensemble) {
    TreeArrays a;
    if (TreeFault f = read_arrays(tree, a); !f.ok()) return f;
    if (ensemble.nodes.size() + a.left.size() > limits.max_nodes)
        return {-1, "takes the model past the limit of " + std::to_string(limits.max_nodes) + " nodes"};
    std::vector<int> order;
    int deepest = 0;
    if (TreeFault f = walk_from_root(a, ensemble.feature_count, limits.max_depth, order, deepest); !f.ok()) return f;

    const auto base = static_cast<std::int32_t>(ensemble.nodes.size());
    const std::size_t n = a.left.size();
    ensemble.nodes.resize(base + n);
    ensemble.node_cover.resize(base + n, 0.0f);
    ensemble.node_mean.resize(base + n, 0.0f);
    for (int i : order) {
        TreeNode& node = ensemble.nodes[base + i];
        node.value = a.condition[i];
        ensemble.node_cover[base + i] = a.cover[i];
        if (a.left[i] >= 0) {
            node.feature = a.feature[i];
            node.left = base + a.left[i];
            node.right = base + a.right[i];
            node.default_left = a.default_left[i];
        }
    }
    // XGBoost's FillNodeMeanValues, in the same float operations, children before parents.
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
        const std::size_t i = base + *it;
        const TreeNode& node = ensemble.nodes[i];
        if (node.is_leaf()) {
            ensemble.node_mean[i] = node.value;
        } else {
            float mean = ensemble.node_mean[node.left] * ensemble.node_cover[node.left];
            mean += ensemble.node_mean[node.right] * ensemble.node_cover[node.right];
            mean /= ensemble.node_cover[i];
            ensemble.node_mean[i] = mean;
        }
    }
    ensemble.tree_depth.push_back(deepest);
    return {};
}

}  // namespace bank
