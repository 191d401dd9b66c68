#include "tests/eval/banker_book.h"

#include <algorithm>

#include "shared/ranking/diversity.h"
#include "shared/ranking/dot_products.h"

namespace bank {

namespace {

// The similarity block of up to this many customers is computed at once: large enough for the
// matrix kernel to reuse each product group across customers, small enough to stay in cache.
constexpr std::size_t kCustomersPerBlock = 256;

std::string check_profiles(const EmbeddingMatrix& profiles, const EmbeddingMatrix& products,
                           std::size_t customers, const char* what) {
    if (profiles.empty()) return "";
    if (products.empty()) return "";
    if (profiles.dimension != products.dimension) {
        return std::string("book ") + what + " vectors have " + std::to_string(profiles.dimension) +
               " values, the catalog's have " + std::to_string(products.dimension);
    }
    if (profiles.rows() != customers) {
        return std::string("book ") + what + " vectors: " + std::to_string(profiles.rows()) + " rows for " +
               std::to_string(customers) + " customers";
    }
    return "";
}

// Fills signal `s` of every customer's table in [first, last) from one matrix product. NaN or
// infinity in a profile vector makes its cosines non-finite, so they are caught here, at no
// extra pass over the 10,000 x 896 input floats. Returns an error text or "".
std::string fill_block_similarity(std::vector<SignalTable>& tables, std::size_t first, std::size_t last,
                                  const EmbeddingMatrix& profiles, const EmbeddingMatrix& products,
                                  const std::vector<unsigned char>* present, Signal s,
                                  std::vector<float>& scratch) {
    const std::size_t n = products.rows();
    scratch.resize((last - first) * n);
    dot_products(profiles.row(first), last - first, products.values.data(), n, products.dimension,
                 scratch.data());
    for (std::size_t c = first; c < last; ++c) {
        const float* cos = scratch.data() + (c - first) * n;
        float check = 0;
        for (std::size_t p = 0; p < n; ++p) check += cos[p] * 0.0f;  // NaN if any is NaN or inf
        if (check != 0) {
            return std::string("book ") + (s == Signal::Image ? "profile image" : "profile text") +
                   " vector of customer " + std::to_string(c + 1) + " contains NaN or infinity";
        }
        set_similarity(tables[c - first], s, cos, present);
    }
    return "";
}

}  // namespace

Checked<BookRanking> rank_book(const RankingCatalog& catalog, const BehaviorModel& model,
                               const RankingWeights& weights, const BankerBook& book) {
    if (!model_matches_catalog(model, catalog)) {
        return RankingError{"the behavioral model was fit on a different catalog; fit it again"};
    }
    if (weights.top_k < 1) return RankingError{"top_k must be at least 1"};
    const std::size_t customers = book.customers.size();
    for (std::size_t c = 0; c < customers; ++c) {
        if (book.customers[c].customer == nullptr) {
            return RankingError{"book entry " + std::to_string(c + 1) + " has no customer"};
        }
    }
    for (const std::string& error :
         {check_profiles(book.profile_text, catalog.text, customers, "profile text"),
          check_profiles(book.profile_image, catalog.image, customers, "profile image")}) {
        if (!error.empty()) return RankingError{error};
    }
    const bool semantic = !book.profile_text.empty() && !catalog.text.empty();
    const bool image = !book.profile_image.empty() && !catalog.image.empty();
    const std::size_t n = catalog.products.size();
    const std::size_t k = static_cast<std::size_t>(weights.top_k);

    BookRanking out;
    out.top_k = k;
    out.product_index.assign(customers * k, -1);
    out.score.assign(customers * k, 0.0f);
    std::vector<int> category(n);
    for (std::size_t p = 0; p < n; ++p) category[p] = static_cast<int>(catalog.products[p].category);
    static const std::vector<CategorySpend> no_spending;
    std::vector<float> scratch;

    for (std::size_t first = 0; first < customers; first += kCustomersPerBlock) {
        const std::size_t last = std::min(customers, first + kCustomersPerBlock);
        std::vector<SignalTable> tables(last - first);
        for (SignalTable& t : tables) {
            t = SignalTable{n, std::vector<float>(n * kSignalCount, 0.0f), semantic, image};
        }
        const std::string text_error =
            semantic ? fill_block_similarity(tables, first, last, book.profile_text, catalog.text, nullptr,
                                             Signal::Semantic, scratch)
                     : "";
        if (!text_error.empty()) return RankingError{text_error};
        const std::string image_error =
            image ? fill_block_similarity(tables, first, last, book.profile_image, catalog.image,
                                          &catalog.has_image, Signal::Image, scratch)
                  : "";
        if (!image_error.empty()) return RankingError{image_error};
        for (std::size_t c = first; c < last; ++c) {
            const BookCustomer& bc = book.customers[c];
            const auto& spending = bc.spending != nullptr ? *bc.spending : no_spending;
            const CustomerFeatures f = customer_features(model, *bc.customer, spending, bc.known);
            SignalTable& t = tables[c - first];
            set_behavior_signals(t, model, f);
            const std::vector<float> relevance = combine_signals(t, weights);
            const auto candidate = candidate_products(catalog, *bc.customer, f.held, bc.known);
            const DiversityInput in{&relevance, &candidate, &category, &catalog.id_order};
            const std::vector<int> picked = select_diverse(in, weights.top_k, weights.diversity);
            for (std::size_t i = 0; i < picked.size(); ++i) {
                out.product_index[c * k + i] = picked[i];
                out.score[c * k + i] = relevance[picked[i]];
            }
        }
    }
    return out;
}

}  // namespace bank
