#include "shared/ranking/signals.h"

#include <cmath>
#include <cstdint>
#include <cstring>

#include "shared/ranking/dot_products.h"

namespace bank {

namespace {

std::optional<RankingError> vector_problem(const std::vector<float>& v, const EmbeddingMatrix& m, const char* what) {
    if (v.size() != m.dimension) {
        return RankingError{std::string("profile ") + what + " vector has " + std::to_string(v.size()) +
                            " values, the catalog's " + m.encoder + " vectors have " +
                            std::to_string(m.dimension)};
    }
    // Infinity and NaN are the floats whose exponent bits are all set: an integer test the
    // compiler runs on several values at once (a book checks a profile per customer).
    std::uint32_t non_finite = 0;
    for (float x : v) {
        std::uint32_t bits = 0;
        std::memcpy(&bits, &x, sizeof bits);
        non_finite |= static_cast<std::uint32_t>((bits & 0x7f800000u) == 0x7f800000u);
    }
    if (non_finite) return RankingError{std::string("profile ") + what + " vector contains NaN or infinity"};
    return std::nullopt;
}

// Checks a profile vector against the catalog's dimension and returns it unit-length.
Checked<std::vector<float>> checked_profile(const std::vector<float>& v, const EmbeddingMatrix& m,
                                            const char* what) {
    if (auto problem = vector_problem(v, m, what)) return *problem;
    std::vector<float> unit = v;
    l2_normalize(unit.data(), unit.size());
    return unit;
}

}  // namespace

void set_similarity(SignalTable& t, Signal s, const float* cos, const std::vector<unsigned char>* present) {
    double sum = 0;
    std::size_t count = 0;
    for (std::size_t p = 0; p < t.products; ++p) {
        if (present == nullptr || (*present)[p]) {
            sum += cos[p];
            ++count;
        }
    }
    const float neutral = count > 0 ? static_cast<float>(sum / count) : 0.0f;
    float* out = t.column(s);
    for (std::size_t p = 0; p < t.products; ++p) {
        const bool has = present == nullptr || (*present)[p];
        out[p] = has ? cos[p] : neutral;
    }
}

void set_behavior_signals(SignalTable& t, const BehaviorModel& model, const CustomerFeatures& f) {
    co_ownership_scores(model, f.held, t.column(Signal::CoOwnership));
    model.spending.score_all(f.spending, t.column(Signal::Spending));
    model.context.score_all(f.context, t.column(Signal::Context));
}

bool model_matches_catalog(const BehaviorModel& model, const RankingCatalog& catalog) {
    if (model.product_ids.size() != catalog.products.size()) return false;
    for (std::size_t p = 0; p < catalog.products.size(); ++p) {
        if (model.product_ids[p] != catalog.products[p].id) return false;
    }
    return true;
}

Checked<SignalTable> score_signals(const RankingCatalog& catalog, const BehaviorModel& model,
                                   const CustomerFeatures& features, const ProfileVectors& profile) {
    if (!model_matches_catalog(model, catalog)) {
        return RankingError{"the behavioral model was fit on a different catalog; fit it again"};
    }
    SignalTable t;
    t.products = catalog.products.size();
    t.values.assign(t.products * kSignalCount, 0.0f);

    std::vector<float> cos(t.products);
    if (!profile.text.empty() && !catalog.text.empty()) {
        auto unit = checked_profile(profile.text, catalog.text, "text");
        if (!unit) return unit.error();
        dot_products(unit.value().data(), 1, catalog.text.values.data(), t.products, catalog.text.dimension,
                     cos.data());
        set_similarity(t, Signal::Semantic, cos.data(), nullptr);
        t.semantic_available = true;
    }
    if (!profile.image.empty() && !catalog.image.empty()) {
        auto unit = checked_profile(profile.image, catalog.image, "image");
        if (!unit) return unit.error();
        dot_products(unit.value().data(), 1, catalog.image.values.data(), t.products, catalog.image.dimension,
                     cos.data());
        set_similarity(t, Signal::Image, cos.data(), &catalog.has_image);
        t.image_available = true;
    }
    set_behavior_signals(t, model, features);
    return t;
}

std::optional<RankingError> profile_vectors_problem(const RankingCatalog& catalog, const ProfileVectors& profile) {
    if (!profile.text.empty() && !catalog.text.empty()) {
        if (auto problem = vector_problem(profile.text, catalog.text, "text")) return problem;
    }
    if (!profile.image.empty() && !catalog.image.empty()) {
        if (auto problem = vector_problem(profile.image, catalog.image, "image")) return problem;
    }
    return std::nullopt;
}

float signal_weight(const RankingWeights& w, Signal s) {
    switch (s) {
        case Signal::Semantic:
            return static_cast<float>(w.semantic);
        case Signal::Image:
            return static_cast<float>(w.image);
        case Signal::CoOwnership:
            return static_cast<float>(w.behavioral * w.co_ownership);
        case Signal::Spending:
            return static_cast<float>(w.behavioral * w.spending);
        case Signal::Context:
            return static_cast<float>(w.context);
    }
    return 0.0f;
}

std::vector<float> combine_signals(const SignalTable& t, const RankingWeights& w) {
    float weight[kSignalCount];
    for (std::size_t s = 0; s < kSignalCount; ++s) weight[s] = signal_weight(w, static_cast<Signal>(s));
    if (!t.semantic_available) weight[static_cast<std::size_t>(Signal::Semantic)] = 0;
    if (!t.image_available) weight[static_cast<std::size_t>(Signal::Image)] = 0;
    std::vector<float> score(t.products, 0.0f);
    for (std::size_t s = 0; s < kSignalCount; ++s) {
        if (weight[s] == 0) continue;
        const float* column = t.column(static_cast<Signal>(s));
        for (std::size_t p = 0; p < t.products; ++p) score[p] += weight[s] * column[p];
    }
    return score;
}

}  // namespace bank
