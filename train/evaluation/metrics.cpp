#include "train/evaluation/metrics.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace bank {

namespace {

bool contains(const std::vector<std::string>& v, const std::string& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
}

std::size_t top(const std::vector<std::string>& ranked, std::size_t k) {
    return std::min(k, ranked.size());
}

}  // namespace

double average_precision_at_k(const std::vector<std::string>& ranked,
                              const std::vector<std::string>& relevant, std::size_t k) {
    if (relevant.empty() || k == 0) return 0;
    double hits = 0, sum = 0;
    for (std::size_t i = 0; i < top(ranked, k); ++i) {
        // A product listed twice counts once, as in the Kaggle scorer.
        if (contains(relevant, ranked[i]) && std::find(ranked.begin(), ranked.begin() + static_cast<long>(i),
                                                       ranked[i]) == ranked.begin() + static_cast<long>(i)) {
            hits += 1;
            sum += hits / static_cast<double>(i + 1);
        }
    }
    return sum / static_cast<double>(std::min(relevant.size(), k));
}

double ndcg_at_k(const std::vector<std::string>& ranked, const std::vector<std::string>& relevant,
                 std::size_t k) {
    if (relevant.empty() || k == 0) return 0;
    double dcg = 0, ideal = 0;
    for (std::size_t i = 0; i < top(ranked, k); ++i) {
        if (contains(relevant, ranked[i])) dcg += 1.0 / std::log2(static_cast<double>(i) + 2.0);
    }
    for (std::size_t i = 0; i < std::min(relevant.size(), k); ++i) {
        ideal += 1.0 / std::log2(static_cast<double>(i) + 2.0);
    }
    return dcg / ideal;
}

double recall_at_k(const std::vector<std::string>& ranked, const std::vector<std::string>& relevant,
                   std::size_t k) {
    if (relevant.empty()) return 0;
    std::set<std::string> found;
    for (std::size_t i = 0; i < top(ranked, k); ++i) {
        if (contains(relevant, ranked[i])) found.insert(ranked[i]);
    }
    return static_cast<double>(found.size()) / static_cast<double>(relevant.size());
}

double hit_at_k(const std::vector<std::string>& ranked, const std::vector<std::string>& relevant,
                std::size_t k) {
    for (std::size_t i = 0; i < top(ranked, k); ++i) {
        if (contains(relevant, ranked[i])) return 1;
    }
    return 0;
}

double catalog_coverage(const std::vector<std::vector<std::string>>& lists, std::size_t catalog_size) {
    if (catalog_size == 0) return 0;
    std::set<std::string> seen;
    for (const auto& list : lists) seen.insert(list.begin(), list.end());
    return static_cast<double>(seen.size()) / static_cast<double>(catalog_size);
}

ExposureRatio exposure_ratio(const std::vector<std::string>& group,
                             const std::vector<std::vector<std::string>>& categories,
                             std::size_t min_group_size) {
    std::map<std::string, std::size_t> members;
    for (const std::string& g : group) ++members[g];
    std::map<std::string, std::map<std::string, double>> slots;  // group -> category -> slots
    std::map<std::string, double> group_slots, category_slots;
    double all_slots = 0;
    for (std::size_t i = 0; i < group.size() && i < categories.size(); ++i) {
        if (members[group[i]] < min_group_size) continue;
        for (const std::string& c : categories[i]) {
            slots[group[i]][c] += 1;
            group_slots[group[i]] += 1;
            category_slots[c] += 1;
            all_slots += 1;
        }
    }
    ExposureRatio out;
    for (const auto& [g, n] : group_slots) {
        if (n > 0) out.groups.push_back(g);
    }
    if (out.groups.size() < 2 || all_slots == 0) return out;
    double weighted = 0;
    for (const auto& [category, count] : category_slots) {
        double lo = 1, hi = 0;
        for (const std::string& g : out.groups) {
            const double share = slots[g][category] / group_slots[g];
            lo = std::min(lo, share);
            hi = std::max(hi, share);
        }
        const double r = hi > 0 ? lo / hi : 1;
        weighted += (count / all_slots) * r;
        if (r < out.least_even_ratio) {
            out.least_even_ratio = r;
            out.least_even_category = category;
        }
    }
    out.ratio = weighted;
    return out;
}

}  // namespace bank
