#include "shared/ranking/embedding.h"

#include <cmath>
#include <utility>

namespace bank {

namespace {

std::string row_label(const std::vector<std::string>& names, std::size_t i) {
    return i < names.size() ? names[i] : "row " + std::to_string(i + 1);
}

}  // namespace

void l2_normalize(float* v, std::size_t n) {
    double sum = 0;
    for (std::size_t i = 0; i < n; ++i) sum += static_cast<double>(v[i]) * v[i];
    if (sum <= 0) return;
    const float inv = static_cast<float>(1.0 / std::sqrt(sum));
    for (std::size_t i = 0; i < n; ++i) v[i] *= inv;
}

Checked<EmbeddingMatrix> make_embedding_matrix(std::string encoder, std::size_t dimension,
                                               std::vector<float> values,
                                               const std::vector<std::string>& row_names) {
    if (dimension == 0) return RankingError{encoder + ": vector dimension must be greater than 0"};
    if (values.size() % dimension != 0) {
        return RankingError{encoder + ": " + std::to_string(values.size()) +
                            " values do not split into rows of " + std::to_string(dimension)};
    }
    const std::size_t rows = values.size() / dimension;
    if (!row_names.empty() && row_names.size() != rows) {
        return RankingError{encoder + ": " + std::to_string(rows) + " vectors for " +
                            std::to_string(row_names.size()) + " names"};
    }
    for (std::size_t r = 0; r < rows; ++r) {
        float* row = values.data() + r * dimension;
        for (std::size_t d = 0; d < dimension; ++d) {
            if (!std::isfinite(row[d])) {
                return RankingError{row_label(row_names, r) + ": " + encoder + " vector value " +
                                    std::to_string(d + 1) + " is not a finite number"};
            }
        }
        l2_normalize(row, dimension);
    }
    return EmbeddingMatrix{std::move(encoder), dimension, std::move(values)};
}

Checked<EmbeddingMatrix> make_embedding_matrix(std::string encoder, std::size_t dimension,
                                               const std::vector<std::vector<float>>& rows,
                                               const std::vector<std::string>& row_names) {
    std::vector<float> flat;
    flat.reserve(rows.size() * dimension);
    for (std::size_t r = 0; r < rows.size(); ++r) {
        if (rows[r].size() != dimension) {
            return RankingError{row_label(row_names, r) + ": " + encoder + " vector has " +
                                std::to_string(rows[r].size()) + " values, expected " +
                                std::to_string(dimension)};
        }
        flat.insert(flat.end(), rows[r].begin(), rows[r].end());
    }
    return make_embedding_matrix(std::move(encoder), dimension, std::move(flat), row_names);
}

}  // namespace bank
