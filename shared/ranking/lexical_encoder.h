// The text encoder used when no model weights are available (and the "semantic only" baseline of
// the evaluator in that case): hashed word and character-trigram TF-IDF, fit on the catalog text.
// It finds shared words and word pieces ("travel" ~ "travelling"), not meaning; every result it
// produces carries kLexicalEncoderLabel so nobody mistakes it for SBERT.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "shared/ranking/encoder.h"

namespace bank {

inline constexpr const char* kLexicalEncoderLabel = "lexical TF-IDF (fallback, no model weights)";

class LexicalEncoder final : public TextEncoder {
public:
    // Learns inverse document frequencies from the documents (one per product). Deterministic.
    static LexicalEncoder fit(const std::vector<std::string>& documents, std::size_t dimension = 2048);

    std::string label() const override { return kLexicalEncoderLabel; }
    std::size_t dimension() const override { return idf_.size(); }
    Checked<EmbeddingMatrix> encode(const std::vector<std::string>& texts) const override;

    // One text into out[0..dimension()), L2-normalized; all zero when no feature is known.
    // `nonzero`, when given, receives the buckets the text touched, ascending: every value outside
    // them is zero.
    void encode_one(const std::string& text, float* out, std::vector<std::uint32_t>* nonzero = nullptr) const;
    // True when `other` encodes every text exactly as this one does (fit on the same documents).
    bool same_fit(const LexicalEncoder& other) const { return idf_ == other.idf_; }

private:
    explicit LexicalEncoder(std::vector<float> idf) : idf_(std::move(idf)) {}
    std::vector<float> idf_;
};

}  // namespace bank
