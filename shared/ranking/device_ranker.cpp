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
                                      const std::vector<CategorySpend>& spending) {
    CustomerToRank input;
    input.customer = &customer;
    input.spending = &spending;
    if (ranker.lexical) {
        input.profile.text.resize(ranker.lexical->dimension());
        ranker.lexical->encode_one(profile_text(customer, spending, ranker.catalog.products),
                                   input.profile.text.data());
    }
    return rank_customer(ranker.catalog, ranker.model, ranker.weights, input);
}

}  // namespace bank
