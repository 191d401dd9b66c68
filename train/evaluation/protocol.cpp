#include "train/evaluation/protocol.h"

#include <algorithm>
#include <map>
#include <unordered_map>

namespace bank {

namespace {

// Distinct salts so the choice of hidden product and the validation/test draw are independent.
constexpr std::uint64_t kHideSalt = 0x68696465;     // "hide"
constexpr std::uint64_t kGroupSalt = 0x67726f7570;  // "group"

std::unordered_map<std::int64_t, std::size_t> index_of_customers(const EvalData& data) {
    std::unordered_map<std::int64_t, std::size_t> index;
    for (std::size_t i = 0; i < data.customers.size(); ++i) index.emplace(data.customers[i].id, i);
    return index;
}

bool in_validation(std::int64_t customer_id, std::uint64_t seed, double validation_share) {
    const std::uint64_t h = mix64(mix64(seed ^ kGroupSalt) ^ static_cast<std::uint64_t>(customer_id));
    return unit_interval(h) < validation_share;
}

void assign_case(EvalSplit& split, const EvalData& data, EvalCase c, std::uint64_t seed,
                 double validation_share) {
    std::sort(c.relevant.begin(), c.relevant.end());
    if (in_validation(data.customers[c.customer].id, seed, validation_share)) {
        split.validation.push_back(std::move(c));
    } else {
        split.test.push_back(std::move(c));
    }
}

}  // namespace

std::uint64_t mix64(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ull;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
    return x ^ (x >> 31);
}

double unit_interval(std::uint64_t hash) {
    return static_cast<double>(hash >> 11) * 0x1.0p-53;
}

EvalSplit leave_one_out_split(const EvalData& data, std::uint64_t seed, double validation_share) {
    EvalSplit split;
    split.protocol = "leave-one-out, seed " + std::to_string(seed);
    split.train_holdings.assign(data.customers.size(), {});
    const auto index = index_of_customers(data);
    for (const Holding& h : data.holdings)
        split.train_holdings[index.at(h.customer_id)].push_back(h.product_id);
    for (std::size_t i = 0; i < data.customers.size(); ++i) {
        auto& held = split.train_holdings[i];
        std::sort(held.begin(), held.end());
        if (held.size() < 2) continue;
        const std::uint64_t h =
            mix64(mix64(seed ^ kHideSalt) ^ static_cast<std::uint64_t>(data.customers[i].id));
        const std::size_t hide = static_cast<std::size_t>(h % held.size());
        EvalCase c{i, {held[hide]}};
        held.erase(held.begin() + static_cast<long>(hide));
        assign_case(split, data, std::move(c), seed, validation_share);
    }
    split.train_transactions = data.transactions;
    return split;
}

Checked<EvalSplit> temporal_split(const EvalData& data, double hidden_share, std::uint64_t seed,
                                  double validation_share) {
    std::vector<std::string> dates;
    for (const Holding& h : data.holdings) {
        if (!h.date.empty()) dates.push_back(h.date);
    }
    if (dates.empty()) {
        return RankingError{
            "temporal split needs holding dates, and no holding has one; "
            "use leave-one-out"};
    }
    std::sort(dates.begin(), dates.end());
    const auto cut = static_cast<std::size_t>(static_cast<double>(dates.size()) * (1.0 - hidden_share));
    const std::string cutoff = dates[std::min(cut, dates.size() - 1)];

    EvalSplit split;
    split.protocol = "temporal, holdings from " + cutoff + " hidden";
    split.train_holdings.assign(data.customers.size(), {});
    std::map<std::size_t, std::vector<std::string>> hidden;
    const auto index = index_of_customers(data);
    for (const Holding& h : data.holdings) {
        const std::size_t i = index.at(h.customer_id);
        if (!h.date.empty() && h.date >= cutoff) {
            hidden[i].push_back(h.product_id);
        } else {
            split.train_holdings[i].push_back(h.product_id);
        }
    }
    for (auto& held : split.train_holdings) std::sort(held.begin(), held.end());
    for (auto& [i, relevant] : hidden)
        assign_case(split, data, EvalCase{i, relevant}, seed, validation_share);
    for (const Transaction& t : data.transactions) {
        if (t.date < cutoff) split.train_transactions.push_back(t);
    }
    return split;
}

}  // namespace bank
