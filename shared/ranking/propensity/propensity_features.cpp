#include "shared/ranking/propensity/propensity_features.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>
#include <set>
#include <utility>

#include "shared/data/load_error.h"
#include "shared/data/vocabulary.h"

namespace bank {

namespace {

constexpr float kMissing = std::numeric_limits<float>::quiet_NaN();

// Names without an argument, and the prefixes of those with one.
const std::pair<const char*, FeatureKind> kPlainNames[] = {
    {"age_band", FeatureKind::AgeBand},           {"income_log", FeatureKind::IncomeLog},
    {"tenure_months", FeatureKind::TenureMonths}, {"active", FeatureKind::Active},
    {"engagement", FeatureKind::Engagement},      {"sentiment", FeatureKind::Sentiment},
    {"social_activity", FeatureKind::SocialActivity}, {"credit_score", FeatureKind::CreditScore},
    {"risk_appetite", FeatureKind::RiskAppetite}, {"holdings_count", FeatureKind::HoldingsCount},
    {"popularity", FeatureKind::Popularity},      {"co_ownership", FeatureKind::CoOwnership},
    {"peer_popularity", FeatureKind::PeerPopularity}, {"text_similarity", FeatureKind::TextSimilarity},
    {"image_similarity", FeatureKind::ImageSimilarity}};
const std::pair<const char*, FeatureKind> kPrefixes[] = {{"segment:", FeatureKind::Segment},
                                                         {"holds:", FeatureKind::Holds},
                                                         {"spend:", FeatureKind::Spend},
                                                         {"product:", FeatureKind::Product},
                                                         {"category:", FeatureKind::Category}};
constexpr ProductCategory kCategories[] = {ProductCategory::Account,  ProductCategory::Card,
                                           ProductCategory::Loan,     ProductCategory::Mortgage,
                                           ProductCategory::Savings,  ProductCategory::Deposit,
                                           ProductCategory::Investment, ProductCategory::Insurance};

int product_index(const std::vector<Product>& catalog, const std::string& id) {
    for (std::size_t i = 0; i < catalog.size(); ++i)
        if (catalog[i].id == id) return static_cast<int>(i);
    return -1;
}

void add(FeatureLayout& layout, std::string name, FeatureKind kind, int product = -1, std::string text = {}) {
    FeatureSlot slot{kind, product, std::move(text)};
    if (kind == FeatureKind::Category) {
        for (ProductCategory c : kCategories)
            if (slot.text == to_string(c)) slot.category = static_cast<int>(c);
    }
    layout.names.push_back(std::move(name));
    layout.slots.push_back(std::move(slot));
}

float risk_appetite(RiskProfile r) {
    return r == RiskProfile::Conservative ? 0.0f : r == RiskProfile::Moderate ? 0.5f : 1.0f;
}
float social_level(SocialActivity s) {
    return s == SocialActivity::Low ? 0.0f : s == SocialActivity::Medium ? 0.5f : 1.0f;
}

// The value of a slot that depends on the customer only.
float customer_value(const FeatureSlot& slot, const PropensityCustomer& in, int band) {
    const Customer& c = *in.customer;
    const KnownFields& k = in.known;
    switch (slot.kind) {
        case FeatureKind::AgeBand: return band == 0 ? kMissing : static_cast<float>(band);
        case FeatureKind::IncomeLog:
            return k.income ? static_cast<float>(std::log1p(std::max(0.0, c.annual_income))) : kMissing;
        case FeatureKind::Segment: return k.segment ? (c.segment == slot.text ? 1.0f : 0.0f) : kMissing;
        case FeatureKind::TenureMonths: return k.tenure ? static_cast<float>(c.tenure_months) : kMissing;
        case FeatureKind::Active: return k.activity ? (c.active ? 1.0f : 0.0f) : kMissing;
        case FeatureKind::Engagement: return k.engagement ? static_cast<float>(c.engagement) : kMissing;
        case FeatureKind::Sentiment: return k.sentiment ? static_cast<float>(c.sentiment) : kMissing;
        case FeatureKind::SocialActivity: return k.social_activity ? social_level(c.social_activity) : kMissing;
        case FeatureKind::CreditScore: return k.credit_score ? static_cast<float>(c.credit_score) : kMissing;
        case FeatureKind::RiskAppetite: return k.risk_profile ? risk_appetite(c.risk_profile) : kMissing;
        case FeatureKind::HoldingsCount: return static_cast<float>(in.held.size());
        case FeatureKind::Holds: {
            for (int h : in.held)
                if (h == slot.product) return 1.0f;
            return 0.0f;
        }
        case FeatureKind::Spend:
            return in.spending ? static_cast<float>(share_of(*in.spending, slot.text)) : kMissing;
        default: return kMissing;  // not a customer slot
    }
}

bool is_product_slot(FeatureKind kind) {
    return kind == FeatureKind::Popularity || kind == FeatureKind::CoOwnership ||
           kind == FeatureKind::PeerPopularity || kind == FeatureKind::TextSimilarity ||
           kind == FeatureKind::ImageSimilarity || kind == FeatureKind::Product || kind == FeatureKind::Category;
}

// `peers`: the customer's row of peer popularity (PropensityPriors::peer_row), looked up once.
float product_value(const FeatureSlot& slot, const PropensityPriors& priors, const std::vector<Product>& catalog,
                    const PropensityCustomer& in, const float* peers, int p) {
    switch (slot.kind) {
        case FeatureKind::Popularity: return priors.popularity[p];
        case FeatureKind::CoOwnership: return priors.co_owned(in.held, p);
        case FeatureKind::PeerPopularity: return peers[p];
        case FeatureKind::TextSimilarity: return in.text_similarity ? in.text_similarity[p] : kMissing;
        case FeatureKind::ImageSimilarity: return in.image_similarity ? in.image_similarity[p] : kMissing;
        case FeatureKind::Product: return p == slot.product ? 1.0f : 0.0f;
        case FeatureKind::Category: return static_cast<int>(catalog[p].category) == slot.category ? 1.0f : 0.0f;
        default: return kMissing;
    }
}

}  // namespace

std::vector<std::vector<float>> product_only_values(const FeatureLayout& layout, const PropensityPriors& priors,
                                                    const std::vector<Product>& catalog) {
    std::vector<std::vector<float>> values(layout.slots.size());
    const PropensityCustomer nobody;  // these features never read the customer
    for (std::size_t f = 0; f < layout.slots.size(); ++f) {
        const FeatureKind kind = layout.slots[f].kind;
        if (kind != FeatureKind::Popularity && kind != FeatureKind::Product && kind != FeatureKind::Category) continue;
        for (std::size_t p = 0; p < catalog.size(); ++p) {
            values[f].push_back(product_value(layout.slots[f], priors, catalog, nobody, nullptr, static_cast<int>(p)));
        }
    }
    return values;
}

FeatureLayout choose_features(const FeatureChoice& c, const std::vector<Product>& catalog) {
    FeatureLayout l;
    if (c.age) add(l, "age_band", FeatureKind::AgeBand);
    if (c.income) add(l, "income_log", FeatureKind::IncomeLog);
    for (const std::string& s : c.segments) add(l, "segment:" + s, FeatureKind::Segment, -1, s);
    if (c.tenure) add(l, "tenure_months", FeatureKind::TenureMonths);
    if (c.activity) add(l, "active", FeatureKind::Active);
    if (c.engagement) add(l, "engagement", FeatureKind::Engagement);
    if (c.sentiment) add(l, "sentiment", FeatureKind::Sentiment);
    if (c.social_activity) add(l, "social_activity", FeatureKind::SocialActivity);
    if (c.credit_score) add(l, "credit_score", FeatureKind::CreditScore);
    if (c.risk_profile) add(l, "risk_appetite", FeatureKind::RiskAppetite);
    add(l, "holdings_count", FeatureKind::HoldingsCount);
    for (std::size_t p = 0; p < catalog.size(); ++p)
        add(l, "holds:" + catalog[p].id, FeatureKind::Holds, static_cast<int>(p), catalog[p].id);
    for (const std::string& m : c.merchant_categories) add(l, "spend:" + m, FeatureKind::Spend, -1, m);
    add(l, "popularity", FeatureKind::Popularity);
    add(l, "co_ownership", FeatureKind::CoOwnership);
    add(l, "peer_popularity", FeatureKind::PeerPopularity);
    if (c.text_similarity) {
        add(l, "text_similarity", FeatureKind::TextSimilarity);
        l.uses_text = true;
    }
    if (c.image_similarity) {
        add(l, "image_similarity", FeatureKind::ImageSimilarity);
        l.uses_image = true;
    }
    for (std::size_t p = 0; p < catalog.size(); ++p)
        add(l, "product:" + catalog[p].id, FeatureKind::Product, static_cast<int>(p), catalog[p].id);
    std::set<std::string> categories;
    for (const Product& p : catalog) categories.insert(to_string(p.category));
    for (const std::string& cat : categories) add(l, "category:" + cat, FeatureKind::Category, -1, cat);
    return l;
}

Checked<FeatureLayout> layout_from_names(const std::vector<std::string>& names, const std::vector<Product>& catalog) {
    FeatureLayout l;
    std::set<std::string> seen;
    for (const std::string& name : names) {
        // Names come from the model file: shown through display_value, never raw.
        const std::string shown = display_value(name);
        if (!seen.insert(name).second) return RankingError{"feature '" + shown + "' is named twice"};
        bool found = false;
        for (const auto& [plain, kind] : kPlainNames) {
            if (name == plain) {
                add(l, name, kind);
                l.uses_text |= kind == FeatureKind::TextSimilarity;
                l.uses_image |= kind == FeatureKind::ImageSimilarity;
                found = true;
            }
        }
        for (const auto& [prefix, kind] : kPrefixes) {
            const std::string p = prefix;
            if (found || name.compare(0, p.size(), p) != 0) continue;
            const std::string arg = name.substr(p.size());
            FeatureSlot slot{kind, -1, arg};
            if (kind == FeatureKind::Holds || kind == FeatureKind::Product) {
                slot.product = product_index(catalog, arg);
                if (slot.product < 0)
                    return RankingError{"feature '" + shown + "': product " + display_value(arg) + " is not in the catalog"};
            }
            if (kind == FeatureKind::Category) {
                bool known = false;
                for (ProductCategory c : kCategories) known |= arg == to_string(c);
                if (!known) return RankingError{"feature '" + shown + "': " + display_value(arg) + " is not a product category"};
            }
            if (arg.empty()) return RankingError{"feature '" + shown + "' names nothing after the prefix"};
            add(l, name, slot.kind, slot.product, slot.text);
            found = true;
        }
        if (!found) return RankingError{"unknown feature '" + shown + "': this version cannot compute it"};
    }
    return l;
}

std::vector<float> lexical_similarities(const LexicalEncoder& encoder, const EmbeddingMatrix& products,
                                        const std::string& profile_text) {
    std::vector<float> profile(encoder.dimension());
    encoder.encode_one(profile_text, profile.data());
    return lexical_similarities(products, profile.data());
}

std::vector<float> lexical_similarities(const EmbeddingMatrix& products, const float* profile) {
    // A profile is a few dozen words in thousands of buckets: only its non-zero buckets are
    // multiplied, in the same order as a dense loop, whose other terms add exact zeros, so every
    // sum is the dense one and the model sees the values it was trained on. Four products at a
    // time, each with its own running sum: the same sums, without waiting on one another.
    std::vector<std::size_t> words;
    for (std::size_t d = 0; d < products.dimension; ++d)
        if (profile[d] != 0.0f) words.push_back(d);
    std::vector<float> similarity(products.rows());
    std::size_t p = 0;
    for (; p + 4 <= similarity.size(); p += 4) {
        const float *v0 = products.row(p), *v1 = products.row(p + 1), *v2 = products.row(p + 2), *v3 = products.row(p + 3);
        float d0 = 0, d1 = 0, d2 = 0, d3 = 0;
        for (std::size_t d : words) {
            d0 += v0[d] * profile[d];
            d1 += v1[d] * profile[d];
            d2 += v2[d] * profile[d];
            d3 += v3[d] * profile[d];
        }
        similarity[p] = d0;
        similarity[p + 1] = d1;
        similarity[p + 2] = d2;
        similarity[p + 3] = d3;
    }
    for (; p < similarity.size(); ++p) {
        const float* v = products.row(p);
        float dot = 0;
        for (std::size_t d : words) dot += v[d] * profile[d];
        similarity[p] = dot;
    }
    return similarity;
}

ProductWords product_words(const EmbeddingMatrix& products) {
    ProductWords index;
    index.products = products.rows();
    index.dimension = products.dimension;
    index.begin.assign(1, 0);
    for (std::size_t d = 0; d < products.dimension; ++d) {
        for (std::size_t p = 0; p < index.products; ++p) {
            const float v = products.row(p)[d];
            if (v == 0.0f) continue;
            index.product.push_back(static_cast<std::uint32_t>(p));
            index.value.push_back(v);
        }
        index.begin.push_back(static_cast<std::uint32_t>(index.product.size()));
    }
    return index;
}

std::vector<float> lexical_similarities(const ProductWords& products, const float* profile) {
    std::vector<std::uint32_t> nonzero;
    for (std::size_t d = 0; d < products.dimension; ++d)
        if (profile[d] != 0.0f) nonzero.push_back(static_cast<std::uint32_t>(d));
    return lexical_similarities(products, profile, nonzero);
}

std::vector<float> lexical_similarities(const ProductWords& products, const float* profile,
                                        const std::vector<std::uint32_t>& nonzero) {
    // Each product's sum takes the profile's words in the same (ascending) order as the dense
    // loop and leaves out only the terms where the product's or the profile's value is zero,
    // which add an exact zero to a sum that is never -0: the same sums, bit for bit.
    std::vector<float> similarity(products.products, 0.0f);
    for (const std::uint32_t d : nonzero) {
        const float weight = profile[d];
        if (weight == 0.0f) continue;
        if (!std::isfinite(weight)) {  // zero times infinity or NaN is NaN: every term counts
            std::vector<float> column(products.products, 0.0f);
            for (std::uint32_t i = products.begin[d]; i < products.begin[d + 1]; ++i)
                column[products.product[i]] = products.value[i];
            for (std::size_t p = 0; p < products.products; ++p) similarity[p] += column[p] * weight;
            continue;
        }
        for (std::uint32_t i = products.begin[d]; i < products.begin[d + 1]; ++i)
            similarity[products.product[i]] += products.value[i] * weight;
    }
    return similarity;
}

void propensity_rows(const FeatureLayout& layout, const PropensityPriors& priors, const std::vector<Product>& catalog,
                     const PropensityCustomer& in, const std::vector<int>& products, std::vector<float>& rows) {
    const std::size_t width = layout.slots.size();
    const int band = age_band_index(*in.customer, in.known);
    const float* peers = priors.peer_row(in.known.segment ? in.customer->segment : std::string(), band);
    // Every row starts as the customer's values with every product and category indicator at 0;
    // per row, the indicator of its product and of its category are set to 1 and the other values
    // of the product are written.
    std::vector<float> base(width, kMissing);
    std::vector<std::size_t> per_product;
    std::vector<int> indicator_of_product(catalog.size(), -1);
    int indicator_of_category[std::size(kCategories)];
    std::fill(std::begin(indicator_of_category), std::end(indicator_of_category), -1);
    for (std::size_t f = 0; f < width; ++f) {
        const FeatureSlot& slot = layout.slots[f];
        int* indicator = slot.kind == FeatureKind::Product && slot.product >= 0 &&
                                 static_cast<std::size_t>(slot.product) < catalog.size()
                             ? &indicator_of_product[static_cast<std::size_t>(slot.product)]
                         : slot.kind == FeatureKind::Category && slot.category >= 0 ? &indicator_of_category[slot.category]
                                                                                   : nullptr;
        if (indicator && *indicator < 0) {  // a second slot for the same product, if any, is worked out per row
            *indicator = static_cast<int>(f);
            base[f] = 0.0f;
        } else if (is_product_slot(slot.kind)) {
            per_product.push_back(f);
        } else {
            base[f] = customer_value(slot, in, band);
        }
    }
    rows.resize(products.size() * width);
    for (std::size_t r = 0; r < products.size(); ++r) {
        float* row = rows.data() + r * width;
        std::copy(base.begin(), base.end(), row);
        const int p = products[r];
        for (std::size_t f : per_product) row[f] = product_value(layout.slots[f], priors, catalog, in, peers, p);
        const int product_indicator = indicator_of_product[static_cast<std::size_t>(p)];
        const int category_indicator = indicator_of_category[static_cast<int>(catalog[static_cast<std::size_t>(p)].category)];
        if (product_indicator >= 0) row[product_indicator] = 1.0f;
        if (category_indicator >= 0) row[category_indicator] = 1.0f;
    }
}

}  // namespace bank
