// The encoders behind the semantic and image signals: batch in, L2-normalized vectors out, each
// result labelled with the encoder that produced it so no screen or report can pass a lexical
// fallback off as SBERT. The ONNX models (SBERT, CLIP) run in the browser behind this same shape;
// the core ships only the lexical fallback (lexical_encoder.h).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "shared/ranking/checked.h"
#include "shared/ranking/embedding.h"

namespace bank {

class TextEncoder {
public:
    virtual ~TextEncoder() = default;
    virtual std::string label() const = 0;  // e.g. "all-MiniLM-L6-v2" or the fallback's label
    virtual std::size_t dimension() const = 0;
    virtual Checked<EmbeddingMatrix> encode(const std::vector<std::string>& texts) const = 0;
};

// 8-bit RGB pixels, row-major, width * height * 3 bytes.
struct RgbImage {
    std::size_t width = 0;
    std::size_t height = 0;
    std::vector<std::uint8_t> pixels;
};

class ImageEncoder {
public:
    virtual ~ImageEncoder() = default;
    virtual std::string label() const = 0;  // e.g. "clip-vit-base-patch32 image"
    virtual std::size_t dimension() const = 0;
    virtual Checked<EmbeddingMatrix> encode(const std::vector<RgbImage>& images) const = 0;
};

}  // namespace bank
