#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "shared/ranking/dot_products.h"
#include "shared/ranking/embedding.h"
#include "shared/ranking/lexical_encoder.h"

using namespace bank;

TEST_CASE("embeddings: rows are normalized, zero rows stay zero", "[rank][embedding]") {
    auto m = make_embedding_matrix("sbert", 2, std::vector<float>{3, 4, 0, 0}, {"A", "B"});
    REQUIRE(m.ok());
    CHECK(m.value().rows() == 2);
    CHECK(m.value().row(0)[0] == Approx(0.6));
    CHECK(m.value().row(0)[1] == Approx(0.8));
    CHECK(m.value().row(1)[0] == 0.0f);
}

TEST_CASE("embeddings: wrong sizes and non-finite values are errors naming the row",
          "[rank][embedding][bad-input]") {
    auto ragged = make_embedding_matrix(
        "sbert", 384, std::vector<std::vector<float>>{std::vector<float>(384, 1), std::vector<float>(383, 1)},
        {"CARD-GOLD", "CARD-BLUE"});
    REQUIRE_FALSE(ragged.ok());
    CHECK(ragged.error().message == "CARD-BLUE: sbert vector has 383 values, expected 384");
    auto nan = make_embedding_matrix("clip", 2,
                                     std::vector<float>{1, std::numeric_limits<float>::quiet_NaN()}, {"A"});
    REQUIRE_FALSE(nan.ok());
    CHECK_THAT(nan.error().message, Catch::Contains("A: clip vector value 2 is not a finite number"));
    CHECK_FALSE(make_embedding_matrix("clip", 2, std::vector<float>{1, 2, 3}, {}).ok());
    CHECK_FALSE(make_embedding_matrix("clip", 0, std::vector<float>{}, {}).ok());
    CHECK_FALSE(make_embedding_matrix("clip", 2, std::vector<float>{1, 2}, {"A", "B"}).ok());
}

TEST_CASE("dot products match a plain loop for every shape", "[rank][embedding]") {
    for (std::size_t dim : {1u, 3u, 4u, 7u, 384u, 513u}) {
        for (std::size_t na : {1u, 2u, 3u, 9u}) {
            for (std::size_t nb : {1u, 4u, 5u, 11u}) {
                std::vector<float> a(na * dim), b(nb * dim), out(na * nb);
                for (std::size_t i = 0; i < a.size(); ++i) a[i] = static_cast<float>((i * 7) % 13) - 6.0f;
                for (std::size_t i = 0; i < b.size(); ++i) b[i] = static_cast<float>((i * 5) % 11) - 5.0f;
                dot_products(a.data(), na, b.data(), nb, dim, out.data());
                for (std::size_t i = 0; i < na; ++i) {
                    for (std::size_t j = 0; j < nb; ++j) {
                        double expected = 0;
                        for (std::size_t d = 0; d < dim; ++d)
                            expected += static_cast<double>(a[i * dim + d]) * b[j * dim + d];
                        INFO("dim " << dim << " na " << na << " nb " << nb);
                        CHECK(out[i * nb + j] == Approx(expected).margin(1e-3));
                    }
                }
            }
        }
    }
}

TEST_CASE("lexical encoder: labelled, normalized, and closer for shared words",
          "[rank][embedding][lexical]") {
    const auto encoder = LexicalEncoder::fit({"Travel credit card with lounge access",
                                              "Pet insurance for dogs", "Fixed rate mortgage for your home"},
                                             256);
    CHECK(encoder.label() == kLexicalEncoderLabel);
    CHECK(encoder.dimension() == 256);
    auto m = encoder.encode({"Travel credit card with lounge access", "Pet insurance for dogs",
                             "travelling a lot", "", "the and of"});
    REQUIRE(m.ok());
    CHECK(m.value().encoder == kLexicalEncoderLabel);
    const auto dot = [&](std::size_t i, std::size_t j) {
        float s = 0;
        for (std::size_t d = 0; d < 256; ++d) s += m.value().row(i)[d] * m.value().row(j)[d];
        return s;
    };
    CHECK(dot(0, 0) == Approx(1.0f));
    CHECK(dot(2, 0) > dot(2, 1));  // "travelling" shares trigrams with "travel"
    CHECK(dot(3, 3) == 0.0f);      // empty text: no features, zero vector
    CHECK(dot(4, 4) == 0.0f);      // only stop words
    auto again = encoder.encode({"travelling a lot"});
    CHECK(std::equal(again.value().values.begin(), again.value().values.end(), m.value().row(2)));
}
