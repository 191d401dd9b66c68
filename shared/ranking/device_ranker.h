// Everything the browser needs to rank on the customer's device, assembled once per session: the
// catalog with its text vectors, the learned propensity model, and the aggregate behavioral model
// and weights of the hand-weighted hybrid, which ranks when no usable propensity model came.
// Text vectors come from SBERT when the model is loaded, else from the lexical encoder fit here
// on the catalog, and every result names which one it used.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "shared/ranking/behavior_model.h"
#include "shared/ranking/lexical_encoder.h"
#include "shared/ranking/ranking_catalog.h"
#include "shared/ranking/ranking_weights.h"
#include "shared/ranking/recommender.h"

namespace bank {

struct DeviceRanker {
    RankingCatalog catalog;
    BehaviorModel model;
    RankingWeights weights;
    std::optional<LexicalEncoder> lexical;  // set while no SBERT vectors are in use
    std::optional<PropensityModel> propensity;
    // The propensity model's text similarity is the lexical one it was trained with, whatever
    // encoder the hybrid uses: these stay when SBERT vectors arrive.
    std::optional<LexicalEncoder> propensity_lexical;
    EmbeddingMatrix propensity_products;
    ProductWords propensity_words;  // propensity_products by word bucket (product_words)
    // What each customer said this visit (interests typed, products declined), by customer id:
    // kept on the device for the session, applied by every ranking of that customer.
    std::map<std::int64_t, VisitChoices> visits;
};

// Errors: the model was fit on another catalog, an empty catalog.
Checked<DeviceRanker> make_device_ranker(std::vector<Product> catalog, BehaviorModel model,
                                         RankingWeights weights);

// One customer's ranking. Interests the customer adjusted for this session are simply part of
// the Customer passed in: nothing about them leaves the device. While the lexical encoder is in
// use it encodes the profile here; once model vectors are in (with_model_vectors), the caller
// passes the profile's vectors from the same models, or the signals they feed are left out.
// A banker's book is ranked with Reasons::Later (recommender.h): the same lists and likelihoods,
// with each customer's reasons worked out by explain_on_device when their cards are shown.
Checked<RankingResult> rank_on_device(const DeviceRanker& ranker, const Customer& customer,
                                      const std::vector<CategorySpend>& spending,
                                      const ProfileVectors* model_profile = nullptr,
                                      Reasons reasons = Reasons::Now);

// The reasons of a list rank_on_device made with Reasons::Later, for the same ranker, customer and
// vectors: the result equals rank_on_device with Reasons::Now.
Checked<RankingResult> explain_on_device(const DeviceRanker& ranker, const Customer& customer,
                                         const std::vector<CategorySpend>& spending,
                                         const ProfileVectors* model_profile, RankingResult listed);

// The ranker with the learned model from its XGBoost JSON text. Errors name the source and what
// is wrong (a tree, a feature, another catalog); the caller keeps ranking with the hybrid.
Checked<DeviceRanker> with_propensity_model(DeviceRanker ranker, std::string_view model_json, std::string_view source);
// The same from the model's JSON already parsed (not a string of it: a std::string would convert).
Checked<DeviceRanker> with_propensity_document(DeviceRanker ranker, const nlohmann::json& model, std::string_view source);

// What the models embed: each product's text (catalog order) and a customer's profile text.
std::vector<std::string> product_texts(const DeviceRanker& ranker);
std::string profile_text_for(const DeviceRanker& ranker, const Customer& customer,
                             const std::vector<CategorySpend>& spending);

// The ranker with the products' SBERT text vectors and/or CLIP image vectors from the models
// that loaded on the device (an empty matrix keeps what is there). Errors: a row count that is
// not the catalog's, a bad vector.
Checked<DeviceRanker> with_model_vectors(DeviceRanker ranker, EmbeddingMatrix text, EmbeddingMatrix image);

}  // namespace bank
