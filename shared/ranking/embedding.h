// Embeddings as the scorer consumes them: one contiguous float array, row after row, every row
// L2-normalized so a dot product is a cosine. Vectors come from outside the scorer (SBERT and CLIP
// in the browser, precomputed product vectors, the lexical fallback); this is where they are checked.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "shared/ranking/checked.h"

namespace bank {

struct EmbeddingMatrix {
    std::string encoder;  // label of the encoder that produced the rows, shown with results
    std::size_t dimension = 0;
    std::vector<float> values;  // rows() * dimension floats

    std::size_t rows() const { return dimension == 0 ? 0 : values.size() / dimension; }
    bool empty() const { return values.empty(); }
    const float* row(std::size_t i) const { return values.data() + i * dimension; }
};

// Checks and normalizes vectors given as one flat array with a name per row (product id,
// customer id) for the messages. Rejects a wrong total size, NaN or infinity. An all-zero row is
// kept as zero: it means "no signal" (e.g. a profile sharing no word with the catalog) and scores 0.
Checked<EmbeddingMatrix> make_embedding_matrix(std::string encoder, std::size_t dimension,
                                               std::vector<float> values,
                                               const std::vector<std::string>& row_names);

// Same check for a list of vectors of possibly different lengths (e.g. parsed from JSON).
Checked<EmbeddingMatrix> make_embedding_matrix(std::string encoder, std::size_t dimension,
                                               const std::vector<std::vector<float>>& rows,
                                               const std::vector<std::string>& row_names);

// Scales v to unit length in place; leaves an all-zero vector unchanged.
void l2_normalize(float* v, std::size_t n);

}  // namespace bank
