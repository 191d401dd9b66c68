// The group statistics the propensity model reads as features: how popular each product is, how
// often it is held together with each other product, and how popular it is within the customer's
// segment and age band. They are published to every signed-in user inside the model file, so each
// one rests on at least k distinct customers (DESIGN.md "Privacy of what is published"): a smaller
// group falls back to its parent (segment x age band -> age band -> whole bank), a rare product to
// the pooled popularity of all rare products, a rare pair to the product's popularity.
#pragma once

#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

#include "shared/data/model.h"
#include "shared/profile/known_fields.h"
#include "shared/ranking/checked.h"

namespace bank {

// Age as the model sees it: wide bands only, plus "under 18" (junior products) and "unknown".
constexpr int kAgeBandCount = 7;
int age_band_index(const Customer& customer, const KnownFields& known);  // 0 unknown, 1 under 18, 2.. life stages

struct PropensityPriors {
    std::size_t min_group_size = 20;
    std::vector<std::string> product_ids;  // catalog order the statistics were computed on
    std::vector<float> popularity;         // per product
    std::vector<float> co_ownership;       // products x products; row h: P(p | holds h)
    std::vector<float> age_band;           // kAgeBandCount x products; P(p | age band)
    std::unordered_map<std::string, std::vector<float>> segment_age;  // segment -> bands x products

    std::size_t products() const { return product_ids.size(); }
    // Mean of P(p | h) over the held products h; the popularity when nothing is held.
    float co_owned(const std::vector<int>& held, int product) const;
    // P(p | segment, age band) with the fallbacks above.
    float peer_popularity(const std::string& segment, int band, int product) const;
    // The same for every product at once: peer_row(segment, band)[product].
    const float* peer_row(const std::string& segment, int band) const;
};

// One customer as the statistics count them: catalog indices held, segment, age band.
struct PriorInput {
    std::vector<int> held;
    std::string segment;  // "" when unknown
    int age_band = 0;
};

PropensityPriors fit_propensity_priors(const std::vector<Product>& catalog, const std::vector<PriorInput>& customers,
                                       std::size_t min_group_size);

// The JSON text stored in the model file, and back. Errors name what is wrong ("priors: popularity
// has 23 values for 24 products").
std::string propensity_priors_json(const PropensityPriors& priors);
Checked<PropensityPriors> parse_propensity_priors(const std::string& json_text);

}  // namespace bank
