// The propensity model's inputs, one row per (customer, candidate product). A feature is named by
// what it measures ("income_log", "holds:ACC-CURRENT", "spend:Travel", "peer_popularity"), and the
// names are stored in the model file itself (XGBoost's feature_names), so the file says exactly
// which inputs it was trained on and the scorer rebuilds the same row from the names: a name it
// does not know is an error, never a silent zero. Unknown customer fields are missing values (NaN),
// which the trees route by their learned default direction. Gender is never a feature.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "shared/data/model.h"
#include "shared/profile/known_fields.h"
#include "shared/profile/spending.h"
#include "shared/ranking/checked.h"
#include "shared/ranking/embedding.h"
#include "shared/ranking/lexical_encoder.h"
#include "shared/ranking/propensity/propensity_priors.h"

namespace bank {

enum class FeatureKind {
    AgeBand, IncomeLog, Segment, TenureMonths, Active, Engagement, Sentiment, SocialActivity,
    CreditScore, RiskAppetite, HoldingsCount, Holds, Spend,                    // the customer
    Popularity, CoOwnership, PeerPopularity, TextSimilarity, ImageSimilarity,  // customer x product
    Product, Category                                                          // the product
};

struct FeatureSlot {
    FeatureKind kind;
    int product = -1;  // Holds, Product: catalog index
    std::string text;  // what follows the name's prefix: segment, merchant category, product id, category
    int category = -1;  // Category: the ProductCategory `text` names
};

struct FeatureLayout {
    std::vector<std::string> names;
    std::vector<FeatureSlot> slots;  // same order
    bool uses_text = false, uses_image = false;
};

// Which inputs a training set offers; the layout has a feature for each.
struct FeatureChoice {
    bool age = false, income = false, tenure = false, activity = false, engagement = false,
         sentiment = false, social_activity = false, credit_score = false, risk_profile = false;
    std::vector<std::string> segments;             // published segments (PropensityPriors::segment_age)
    std::vector<std::string> merchant_categories;  // spending shares; empty: no transactions
    bool text_similarity = false, image_similarity = false;
};

FeatureLayout choose_features(const FeatureChoice& choice, const std::vector<Product>& catalog);

// The layout named by a model's feature names, against the catalog the app holds. Errors: an
// unknown name, a product or category not in the catalog, a name given twice.
Checked<FeatureLayout> layout_from_names(const std::vector<std::string>& names, const std::vector<Product>& catalog);

// One customer as the features see them.
struct PropensityCustomer {
    const Customer* customer = nullptr;
    KnownFields known;
    std::vector<int> held;                                 // catalog indices
    const std::vector<CategorySpend>* spending = nullptr;  // null: no transactions known
    const float* text_similarity = nullptr;                // per catalog product, or null
    const float* image_similarity = nullptr;
};

// The text_similarity feature of every product: the profile text's lexical vector against each
// product's (both L2-normalised, so a dot product is the cosine). Training and the device both
// call this, so the model sees on the device exactly the values it was trained on.
std::vector<float> lexical_similarities(const LexicalEncoder& encoder, const EmbeddingMatrix& products,
                                        const std::string& profile_text);
// The same from the profile text already encoded by that encoder (products.dimension values).
std::vector<float> lexical_similarities(const EmbeddingMatrix& products, const float* profile);

// The products' lexical vectors by word bucket, only their non-zero values: what scoring a whole
// book against the same products reads, instead of a product's whole row per profile word.
struct ProductWords {
    std::size_t products = 0, dimension = 0;
    std::vector<std::uint32_t> begin;  // bucket d's entries are [begin[d], begin[d + 1])
    std::vector<std::uint32_t> product;
    std::vector<float> value;
};
ProductWords product_words(const EmbeddingMatrix& products);
// lexical_similarities(products, profile) bit for bit, from product_words(products). `nonzero`:
// ascending bucket numbers outside which the profile is zero (LexicalEncoder::encode_one gives
// them); without it the profile is searched for them.
std::vector<float> lexical_similarities(const ProductWords& products, const float* profile,
                                        const std::vector<std::uint32_t>& nonzero);
std::vector<float> lexical_similarities(const ProductWords& products, const float* profile);

// Each feature's value per catalog product when it depends on the product alone (popularity, the
// product and category indicators), exactly as propensity_rows writes it; empty for the others.
std::vector<std::vector<float>> product_only_values(const FeatureLayout& layout, const PropensityPriors& priors,
                                                    const std::vector<Product>& catalog);

// Rows for `products` (catalog indices), row-major, layout.names.size() values each.
void propensity_rows(const FeatureLayout& layout, const PropensityPriors& priors, const std::vector<Product>& catalog,
                     const PropensityCustomer& customer, const std::vector<int>& products, std::vector<float>& rows);

}  // namespace bank
