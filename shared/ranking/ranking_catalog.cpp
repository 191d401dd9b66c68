#include "shared/ranking/ranking_catalog.h"

#include <algorithm>
#include <numeric>
#include <set>

namespace bank {

namespace {

std::string check_rows(const EmbeddingMatrix& m, std::size_t products, const char* what) {
    if (m.empty() || m.rows() == products) return "";
    return std::string(what) + " vectors: " + std::to_string(m.rows()) + " rows for " +
           std::to_string(products) + " products";
}

}  // namespace

Checked<RankingCatalog> make_ranking_catalog(std::vector<Product> products, EmbeddingMatrix text,
                                             EmbeddingMatrix image) {
    if (products.empty()) return RankingError{"the product catalog is empty: nothing to recommend"};
    std::set<std::string> ids;
    for (const Product& p : products) {
        if (!ids.insert(p.id).second)
            return RankingError{"product id " + p.id + " appears twice in the catalog"};
    }
    for (const std::string& error : {check_rows(text, products.size(), "product text"),
                                     check_rows(image, products.size(), "product image")}) {
        if (!error.empty()) return RankingError{error};
    }

    RankingCatalog c{std::move(products), std::move(text), std::move(image), {}, {}};
    const std::size_t n = c.products.size();
    c.has_image.assign(n, 0);
    for (std::size_t p = 0; p < n && !c.image.empty(); ++p) {
        const float* row = c.image.row(p);
        c.has_image[p] = std::any_of(row, row + c.image.dimension, [](float v) { return v != 0.0f; });
    }
    std::vector<int> by_id(n);
    std::iota(by_id.begin(), by_id.end(), 0);
    std::sort(by_id.begin(), by_id.end(), [&](int a, int b) { return c.products[a].id < c.products[b].id; });
    c.id_order.assign(n, 0);
    for (std::size_t r = 0; r < n; ++r) c.id_order[by_id[r]] = static_cast<int>(r);
    return c;
}

}  // namespace bank
