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
    Checked<RankingCatalog> ranking_catalog =
        make_ranking_catalog(std::move(catalog), std::move(text).value(), EmbeddingMatrix{});
    if (!ranking_catalog) return ranking_catalog.error();
    return DeviceRanker{std::move(ranking_catalog).value(), std::move(model), weights, std::move(lexical)};
}

Checked<RankingResult> rank_on_device(const DeviceRanker& ranker, const Customer& customer,
                                      const std::vector<CategorySpend>& spending,
                                      const ProfileVectors* model_profile) {
    CustomerToRank input;
    input.customer = &customer;
    input.spending = &spending;
    if (model_profile) input.profile = *model_profile;
    if (ranker.lexical) {
        input.profile.text.resize(ranker.lexical->dimension());
        ranker.lexical->encode_one(profile_text_for(ranker, customer, spending), input.profile.text.data());
    }
    // A signal whose product vectors have no matching profile vector is left out, not guessed.
    if (input.profile.text.size() != ranker.catalog.text.dimension) input.profile.text.clear();
    if (input.profile.image.size() != ranker.catalog.image.dimension) input.profile.image.clear();
    return rank_customer(ranker.catalog, ranker.model, ranker.weights, input);
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
