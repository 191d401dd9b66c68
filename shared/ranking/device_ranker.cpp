#include "shared/ranking/device_ranker.h"

#include "shared/profile/profile_text.h"
#include "shared/ranking/product_text.h"

namespace bank {

Checked<DeviceRanker> make_device_ranker(std::vector<Product> catalog, BehaviorModel model,
                                         RankingWeights weights) {
    if (model.product_ids.size() != catalog.size()) {
        return RankingError{"the behavioral model was learned on " + std::to_string(model.product_ids.size()) +
                            " products but the catalog has " + std::to_string(catalog.size())};
    }
    for (std::size_t i = 0; i < catalog.size(); ++i) {
        if (model.product_ids[i] != catalog[i].id) {
            return RankingError{"the behavioral model was learned on another catalog (product " +
                                std::to_string(i) + " is " + model.product_ids[i] + ", not " + catalog[i].id + ")"};
        }
    }
    std::vector<std::string> documents;
    documents.reserve(catalog.size());
    for (const Product& p : catalog) documents.push_back(product_text(p));
    LexicalEncoder lexical = LexicalEncoder::fit(documents);
    Checked<EmbeddingMatrix> text = lexical.encode(documents);
    if (!text) return text.error();
    EmbeddingMatrix lexical_products = text.value();
    Checked<RankingCatalog> ranking_catalog =
        make_ranking_catalog(std::move(catalog), std::move(text).value(), EmbeddingMatrix{});
    if (!ranking_catalog) return ranking_catalog.error();
    ProductWords words = product_words(lexical_products);
    DeviceRanker ranker{std::move(ranking_catalog).value(), std::move(model), weights, lexical, std::nullopt,
                        lexical, std::move(lexical_products), std::move(words), {}};
    return ranker;
}

Checked<DeviceRanker> with_propensity_model(DeviceRanker ranker, std::string_view model_json, std::string_view source) {
    auto model = parse_propensity_model(model_json, source, ranker.catalog.products);
    if (!model) return model.error();
    ranker.propensity = std::move(model).value();
    return ranker;
}

Checked<DeviceRanker> with_propensity_document(DeviceRanker ranker, const nlohmann::json& model_json, std::string_view source) {
    auto model = propensity_model_from_json(model_json, source, ranker.catalog.products);
    if (!model) return model.error();
    ranker.propensity = std::move(model).value();
    return ranker;
}

namespace {

// The ranking's input for one customer; `similarity` holds the learned model's text similarity.
CustomerToRank device_input(const DeviceRanker& ranker, const Customer& customer,
                            const std::vector<CategorySpend>& spending, const ProfileVectors* model_profile,
                            std::vector<float>& similarity) {
    CustomerToRank input;
    input.customer = &customer;
    input.spending = &spending;
    if (model_profile) input.profile = *model_profile;
    if (auto visit = ranker.visits.find(customer.id); visit != ranker.visits.end()) input.visit = &visit->second;
    const std::string text = profile_text_for(ranker, customer, spending);
    std::vector<std::uint32_t> words;  // the profile's non-zero buckets
    if (ranker.lexical) {
        input.profile.text.resize(ranker.lexical->dimension());
        ranker.lexical->encode_one(text, input.profile.text.data(), &words);
    }
    // A signal whose product vectors have no matching profile vector is left out, not guessed.
    if (input.profile.text.size() != ranker.catalog.text.dimension) input.profile.text.clear();
    if (input.profile.image.size() != ranker.catalog.image.dimension) input.profile.image.clear();
    if (ranker.propensity) {
        input.propensity = &*ranker.propensity;
        if (ranker.propensity->layout.uses_text && ranker.propensity_lexical) {
            // Until SBERT replaces it, the hybrid's encoder is the model's own (make_device_ranker):
            // the profile is encoded once.
            const bool encoded = ranker.lexical && !input.profile.text.empty() &&
                                 ranker.lexical->same_fit(*ranker.propensity_lexical);
            similarity = encoded ? lexical_similarities(ranker.propensity_words, input.profile.text.data(), words)
                                 : lexical_similarities(*ranker.propensity_lexical, ranker.propensity_products, text);
            input.propensity_text_similarity = similarity.data();
        }
    }
    return input;
}

}  // namespace

Checked<RankingResult> rank_on_device(const DeviceRanker& ranker, const Customer& customer,
                                      const std::vector<CategorySpend>& spending,
                                      const ProfileVectors* model_profile, Reasons reasons) {
    std::vector<float> similarity;
    CustomerToRank input = device_input(ranker, customer, spending, model_profile, similarity);
    input.reasons = reasons;
    return rank_customer(ranker.catalog, ranker.model, ranker.weights, input);
}

Checked<RankingResult> explain_on_device(const DeviceRanker& ranker, const Customer& customer,
                                         const std::vector<CategorySpend>& spending,
                                         const ProfileVectors* model_profile, RankingResult listed) {
    if (listed.explained) return listed;
    std::vector<float> similarity;
    const CustomerToRank input = device_input(ranker, customer, spending, model_profile, similarity);
    return explain_ranking(ranker.catalog, ranker.model, ranker.weights, input, std::move(listed));
}

std::vector<std::string> product_texts(const DeviceRanker& ranker) {
    std::vector<std::string> texts;
    texts.reserve(ranker.catalog.products.size());
    for (const Product& p : ranker.catalog.products) texts.push_back(product_text(p));
    return texts;
}

std::string profile_text_for(const DeviceRanker& ranker, const Customer& customer,
                             const std::vector<CategorySpend>& spending) {
    return profile_text(customer, spending, ranker.catalog.products);
}

Checked<DeviceRanker> with_model_vectors(DeviceRanker ranker, EmbeddingMatrix text, EmbeddingMatrix image) {
    const bool new_text = !text.empty();
    Checked<RankingCatalog> catalog = make_ranking_catalog(
        ranker.catalog.products, new_text ? std::move(text) : ranker.catalog.text,
        image.empty() ? ranker.catalog.image : std::move(image));
    if (!catalog) return catalog.error();
    ranker.catalog = std::move(catalog).value();
    if (new_text) ranker.lexical.reset();
    return ranker;
}

}  // namespace bank
