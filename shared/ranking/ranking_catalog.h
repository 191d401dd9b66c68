// The catalog as the ranker holds it: products plus their precomputed vectors (SBERT text, CLIP
// image), checked once when the catalog loads so that scoring never meets a bad vector. The
// scorer never computes product vectors itself.
#pragma once

#include <string>
#include <vector>

#include "shared/data/model.h"
#include "shared/ranking/checked.h"
#include "shared/ranking/embedding.h"

namespace bank {

struct RankingCatalog {
    std::vector<Product> products;
    EmbeddingMatrix text;                  // one row per product, or empty: no semantic signal
    EmbeddingMatrix image;                 // one row per product, or empty: no image signal
    std::vector<unsigned char> has_image;  // 0 where the product's image row is all zero
    std::vector<int> id_order;             // rank of each product id in sorted order: the tie-break
};

// Errors: empty catalog, duplicate product ids, a vector matrix whose row count is not the
// number of products.
Checked<RankingCatalog> make_ranking_catalog(std::vector<Product> products, EmbeddingMatrix text,
                                             EmbeddingMatrix image);

}  // namespace bank
