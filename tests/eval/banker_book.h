// Scoring a banker's whole book at once: the same pipeline as rank_customer, with the two
// embedding signals computed as one dense matrix product (customers x products) over flat float
// arrays, the part that dominates the cost. Reasons are not built here; the banker's screen asks
// rank_customer for them when one customer is opened.
#pragma once

#include <cstddef>
#include <vector>

#include "shared/ranking/recommender.h"

namespace bank {

struct BookCustomer {
    const Customer* customer = nullptr;
    const std::vector<CategorySpend>* spending = nullptr;  // may be null: no transactions
    KnownFields known;
};

struct BankerBook {
    std::vector<BookCustomer> customers;
    EmbeddingMatrix profile_text;   // one row per customer, same encoder as the catalog's text; or empty
    EmbeddingMatrix profile_image;  // one row per customer, CLIP text tower; or empty
};

struct BookRanking {
    std::size_t top_k = 0;
    std::vector<int> product_index;  // customers x top_k, catalog indices; -1 past a short list
    std::vector<float> score;        // same layout, hybrid relevance

    const int* products_of(std::size_t customer) const { return product_index.data() + customer * top_k; }
};

// Errors: profile matrices whose rows or dimension do not match the book and the catalog, NaN or
// infinity in them, a model fit on another catalog. An empty book gives an empty ranking.
Checked<BookRanking> rank_book(const RankingCatalog& catalog, const BehaviorModel& model,
                               const RankingWeights& weights, const BankerBook& book);

}  // namespace bank
