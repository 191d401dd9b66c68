#include "shared/ranking/diversity.h"

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace bank {

namespace {

// A 64-bit key whose ascending order is "higher relevance first, then smaller product id", so the
// tie-break is one integer comparison instead of a comparator chasing two arrays.
std::uint64_t rank_key(float relevance, int id_order) {
    const float f = relevance + 0.0f;  // -0 and +0 must compare equal
    std::uint32_t bits;
    std::memcpy(&bits, &f, sizeof bits);
    const std::uint32_t ascending = (bits & 0x80000000u) ? ~bits : (bits | 0x80000000u);
    return (static_cast<std::uint64_t>(~ascending) << 32) | static_cast<std::uint32_t>(id_order);
}

}  // namespace

// Within one category every product carries the same penalty, so only a category's best remaining
// product can win a pick, and no category gives more than k products. One pass keeps each
// category's k best in a small sorted list; the picks then compare one head per category. This runs
// for every customer of a banker book, so it allocates a fixed few buffers and never sorts.
std::vector<int> select_diverse(const DiversityInput& in, int k, double diversity) {
    const std::vector<float>& rel = *in.relevance;
    const std::vector<unsigned char>& candidate = *in.candidate;
    const std::vector<int>& category = *in.category;
    const std::size_t n = rel.size();
    if (k <= 0) return {};
    // A negative code (never made by the loaders) shares category 0 rather than indexing out of range.
    const auto code = [&](std::size_t p) {
        return static_cast<std::size_t>(category[p] < 0 ? 0 : category[p]);
    };
    int max_category = -1;
    for (std::size_t p = 0; p < n; ++p) {
        if (candidate[p] && static_cast<int>(code(p)) > max_category)
            max_category = static_cast<int>(code(p));
    }
    if (max_category < 0) return {};

    using Entry = std::pair<std::uint64_t, int>;  // (rank key, product)
    const std::size_t depth = static_cast<std::size_t>(k);
    const std::size_t categories = static_cast<std::size_t>(max_category) + 1;
    std::vector<Entry> best(categories * depth);
    std::vector<std::size_t> count(categories, 0);
    float lo = 0, hi = 0;
    bool any = false;
    for (std::size_t p = 0; p < n; ++p) {
        if (!candidate[p]) continue;
        lo = any && lo < rel[p] ? lo : rel[p];
        hi = any && hi > rel[p] ? hi : rel[p];
        any = true;
        const Entry e{rank_key(rel[p], (*in.id_order)[p]), static_cast<int>(p)};
        Entry* list = best.data() + code(p) * depth;
        std::size_t& m = count[code(p)];
        if (m == depth && !(e < list[m - 1])) continue;
        std::size_t at = m < depth ? m++ : depth - 1;
        for (; at > 0 && e < list[at - 1]; --at) list[at] = list[at - 1];
        list[at] = e;
    }
    const float span = hi > lo ? hi - lo : 1.0f;
    const float keep = static_cast<float>(1.0 - diversity);
    const float penalty = static_cast<float>(diversity);

    std::vector<std::size_t> head(categories, 0);
    std::vector<int> picked;
    while (static_cast<int>(picked.size()) < k) {
        int chosen = -1;
        float chosen_objective = 0;
        for (std::size_t c = 0; c < categories; ++c) {
            if (head[c] == count[c]) continue;
            const Entry& e = best[c * depth + head[c]];
            const float objective = keep * (rel[e.second] - lo) / span - (head[c] > 0 ? penalty : 0.0f);
            // Equal objectives: higher relevance, then smaller product id (the smaller key).
            if (chosen < 0 || objective > chosen_objective ||
                (objective == chosen_objective && e.first < best[chosen * depth + head[chosen]].first)) {
                chosen = static_cast<int>(c);
                chosen_objective = objective;
            }
        }
        if (chosen < 0) break;
        picked.push_back(best[static_cast<std::size_t>(chosen) * depth + head[chosen]].second);
        ++head[chosen];
    }
    return picked;
}

}  // namespace bank
