#include "train/propensity_examples.h"

#include <algorithm>

#include "train/evaluation/protocol.h"
#include "shared/ranking/recommender.h"

namespace bank::train {

PropensityCustomer KnownCustomer::view(std::vector<int> held_now) const {
    PropensityCustomer v;
    v.customer = customer;
    v.known = known;
    v.held = std::move(held_now);
    v.spending = spending;
    v.text_similarity = text_similarity.empty() ? nullptr : text_similarity.data();
    return v;
}

namespace {

std::vector<int> candidates(const RankingCatalog& catalog, const PropensityCustomer& c) {
    const std::vector<unsigned char> ok = candidate_products(catalog, *c.customer, c.held, c.known);
    std::vector<int> out;
    for (std::size_t p = 0; p < ok.size(); ++p)
        if (ok[p]) out.push_back(static_cast<int>(p));
    return out;
}

// The hidden product and the `keep` other candidates with the smallest hash.
std::vector<int> sample(std::vector<int> products, int hidden, std::int64_t customer, std::size_t keep) {
    if (keep == 0 || products.size() <= keep + 1) return products;
    auto rank = [&](int p) {
        return mix64(static_cast<std::uint64_t>(customer) * 1000003u + static_cast<std::uint64_t>(hidden) * 1009u +
                     static_cast<std::uint64_t>(p));
    };
    products.erase(std::remove(products.begin(), products.end(), hidden), products.end());
    std::nth_element(products.begin(), products.begin() + static_cast<std::ptrdiff_t>(keep), products.end(),
                     [&](int a, int b) { return rank(a) < rank(b); });
    products.resize(keep);
    products.push_back(hidden);
    std::sort(products.begin(), products.end());
    return products;
}

}  // namespace

ExampleSet leave_one_out_examples(const FeatureLayout& layout, const PropensityPriors& priors,
                                  const RankingCatalog& catalog, const std::vector<KnownCustomer>& customers,
                                  std::size_t negatives_per_positive) {
    ExampleSet set;
    set.matrix.width = layout.names.size();
    set.matrix.feature_names = layout.names;
    std::vector<float> rows;
    for (const KnownCustomer& c : customers) {
        for (std::size_t i = 0; i < c.held.size(); ++i) {
            const int hidden = c.held[i];
            const std::string& when = c.taken_up.empty() ? std::string() : c.taken_up[i];
            std::vector<int> others;
            for (std::size_t j = 0; j < c.held.size(); ++j) {
                const std::string& since = c.taken_up.empty() ? std::string() : c.taken_up[j];
                const bool not_yet = !when.empty() && !since.empty() && since >= when;  // ISO dates compare as text
                if (j != i && !not_yet) others.push_back(c.held[j]);
            }
            const PropensityCustomer view = c.view(others);
            const std::vector<int> all = candidates(catalog, view);
            // A product the rules would not offer this customer is never ranked: nothing to learn.
            if (std::find(all.begin(), all.end(), hidden) == all.end()) continue;
            const std::vector<int> products = sample(all, hidden, c.customer->id, negatives_per_positive);
            propensity_rows(layout, priors, catalog.products, view, products, rows);
            set.matrix.rows.insert(set.matrix.rows.end(), rows.begin(), rows.end());
            for (int p : products) {
                set.matrix.labels.push_back(p == hidden ? 1.0f : 0.0f);
                set.customer_of_row.push_back(c.customer->id);
            }
        }
    }
    return set;
}

CandidateRows candidate_rows(const FeatureLayout& layout, const PropensityPriors& priors,
                             const RankingCatalog& catalog, const KnownCustomer& customer) {
    CandidateRows out;
    const PropensityCustomer view = customer.view(customer.held);
    out.products = candidates(catalog, view);
    propensity_rows(layout, priors, catalog.products, view, out.products, out.rows);
    return out;
}

}  // namespace bank::train
