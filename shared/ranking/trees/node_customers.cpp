#include "shared/ranking/trees/node_customers.h"

#include <algorithm>
#include <limits>
#include <numeric>
#include <string>

namespace bank {

Checked<NodeCustomers> count_node_customers(const TreeEnsemble& model, const CustomerRows& rows) {
    const std::size_t features = static_cast<std::size_t>(model.feature_count);
    const std::size_t row_count = rows.customer_of_row.size();
    if (rows.values.size() != row_count * features)
        return RankingError{model.source_name + ": the training rows hold " + std::to_string(rows.values.size()) +
                            " values, expected " + std::to_string(row_count) + " rows of " + std::to_string(features) +
                            " features (one customer id per row)"};

    // Rows taken customer by customer, so a node counts a customer once: when the customer differs
    // from the last one that reached it.
    std::vector<std::size_t> order(row_count);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return rows.customer_of_row[a] < rows.customer_of_row[b]; });
    std::vector<std::size_t> customer(row_count);
    NodeCustomers counts;
    for (std::size_t i = 0; i < row_count; ++i) {
        if (i > 0 && rows.customer_of_row[order[i]] != rows.customer_of_row[order[i - 1]]) ++counts.customers;
        customer[i] = counts.customers;
    }
    if (row_count > 0) ++counts.customers;

    constexpr std::size_t kNobody = std::numeric_limits<std::size_t>::max();
    std::vector<std::size_t> last_customer(model.nodes.size(), kNobody);
    counts.per_node.assign(model.nodes.size(), 0);
    auto reach = [&](std::int32_t node, std::size_t who) {
        if (last_customer[node] != who) {
            last_customer[node] = who;
            ++counts.per_node[node];
        }
    };
    for (std::size_t t = 0; t < model.tree_count(); ++t) {
        for (std::size_t i = 0; i < row_count; ++i) {
            const float* row = rows.values.data() + order[i] * features;
            std::int32_t node = model.tree_begin[t];
            reach(node, customer[i]);
            while (!model.nodes[node].is_leaf()) {
                node = child_taken(model.nodes[node], row);
                reach(node, customer[i]);
            }
        }
    }
    return counts;
}

}  // namespace bank
