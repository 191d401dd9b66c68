// The propensity model's rows are built for a whole book, customer after customer, so the builder
// writes the customer's values once, sets one product and one category indicator per row, and
// looks the peer statistics up once. Each value must still be what its feature means, bit for bit:
// checked slot by slot against the public statistics, for every bundled customer's candidates
// under the shipped model's layout (143 features, text similarity included).
#include <catch2/catch.hpp>

#include <cstring>
#include <string>
#include <vector>

#include "shared/data/loaders.h"
#include "shared/ranking/propensity/propensity_model.h"
#include "tests/unit/test_bundled_bank.h"

namespace {

bool same_bits(float a, float b) { return std::memcmp(&a, &b, sizeof a) == 0; }

// What slot `slot` holds for product p, from the statistics' own lookups (NaN when not product-dependent).
bool product_value(const bank::FeatureSlot& slot, const bank::PropensityPriors& priors,
                   const std::vector<bank::Product>& catalog, const bank::PropensityCustomer& who,
                   const std::string& segment, int band, int p, float& value) {
    switch (slot.kind) {
        case bank::FeatureKind::Popularity: value = priors.popularity[p]; return true;
        case bank::FeatureKind::CoOwnership: value = priors.co_owned(who.held, p); return true;
        case bank::FeatureKind::PeerPopularity: value = priors.peer_popularity(segment, band, p); return true;
        case bank::FeatureKind::TextSimilarity: value = who.text_similarity[p]; return true;
        case bank::FeatureKind::Product: value = slot.product == p ? 1.0f : 0.0f; return true;
        case bank::FeatureKind::Category:
            value = slot.text == bank::to_string(catalog[static_cast<std::size_t>(p)].category) ? 1.0f : 0.0f;
            return true;
        default: return false;
    }
}

}  // namespace

TEST_CASE("propensity rows: every slot of every candidate row is what its feature means", "[ranking][propensity]") {
    const bank::Dataset& data = bank::testing::bundled_dataset();
    auto parsed = bank::parse_propensity_model(bank::testing::project_file("config/propensity-model.json"),
                                               "config/propensity-model.json", data.catalog);
    REQUIRE(parsed.ok());
    const bank::PropensityModel& m = parsed.value();
    const std::size_t width = m.layout.slots.size();
    std::vector<float> similarity(data.catalog.size());
    for (std::size_t p = 0; p < similarity.size(); ++p) similarity[p] = 0.01f * static_cast<float>(p) - 0.2f;

    std::vector<float> rows, one;
    int product_slots = 0;
    for (const bank::Customer& c : data.customers) {
        bank::PropensityCustomer who;
        who.customer = &c;
        who.known.segment = c.id % 2 == 0;  // known and unknown segments both
        who.text_similarity = similarity.data();
        for (std::size_t p = 0; p < data.catalog.size(); ++p) {
            for (const std::string& id : c.products_held)
                if (id == data.catalog[p].id) who.held.push_back(static_cast<int>(p));
        }
        std::vector<int> products;
        for (int p = static_cast<int>(data.catalog.size()) - 1; p >= 0; --p) products.push_back(p);  // any order
        bank::propensity_rows(m.layout, m.priors, data.catalog, who, products, rows);
        REQUIRE(rows.size() == products.size() * width);
        const int band = bank::age_band_index(c, who.known);
        const std::string segment = who.known.segment ? c.segment : std::string();
        for (std::size_t r = 0; r < products.size(); ++r) {
            // A row alone is the same row: nothing leaks from one row to the next.
            bank::propensity_rows(m.layout, m.priors, data.catalog, who, {products[r]}, one);
            for (std::size_t f = 0; f < width; ++f) {
                INFO("customer " << c.id << ", product " << products[r] << ", feature " << m.layout.names[f]);
                const float got = rows[r * width + f];
                REQUIRE(same_bits(got, one[f]));
                float want = 0;
                if (product_value(m.layout.slots[f], m.priors, data.catalog, who, segment, band, products[r], want)) {
                    REQUIRE(same_bits(got, want));
                    ++product_slots;
                } else {
                    REQUIRE(same_bits(got, rows[f]));  // the customer's own: the first row's
                }
            }
        }
    }
    CHECK(product_slots > 0);
}
