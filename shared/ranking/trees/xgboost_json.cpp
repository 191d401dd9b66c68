#include "shared/ranking/trees/xgboost_json.h"

#include <array>
#include <limits>
#include <string>

#include "shared/data/json_depth.h"

namespace bank {
namespace {

// A model is learner -> gradient_booster -> model -> trees -> tree -> array (dart one level more).
constexpr int kMaxModelDepth = 12;

struct NonFiniteWord {
    std::string_view word;
    float value;
};

const std::array<NonFiniteWord, 3> kNonFiniteWords{{
    {"NaN", std::numeric_limits<float>::quiet_NaN()},
    {"Infinity", std::numeric_limits<float>::infinity()},
    {"-Infinity", -std::numeric_limits<float>::infinity()},
}};

// Quotes XGBoost's non-finite words where they stand as values, i.e. outside strings.
std::string quote_non_finite_words(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 64);
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            out += c;
            if (c == '\\' && i + 1 < text.size()) {
                out += text[++i];
            } else if (c == '"') {
                in_string = false;
            }
            continue;
        }
        if (c == '"') in_string = true;
        bool quoted = false;
        for (const NonFiniteWord& w : kNonFiniteWords) {
            if (text.substr(i, w.word.size()) == w.word) {
                out += '"';
                out += w.word;
                out += '"';
                i += w.word.size() - 1;
                quoted = true;
                break;
            }
        }
        if (!quoted) out += c;
    }
    return out;
}

}  // namespace

nlohmann::json parse_xgboost_json(std::string_view text) {
    try {
        return parse_json_within_depth(quote_non_finite_words(text), kMaxModelDepth);
    } catch (const std::exception&) {
        return nlohmann::json(nlohmann::json::value_t::discarded);
    }
}

bool xgboost_float(const nlohmann::json& value, float& out) {
    if (value.is_number()) {
        // XGBoost writes the shortest decimal that reads back as its float; going through double
        // gives that same float (checked on 60 million random floats, no difference).
        const double d = value.get<double>();
        // A double beyond float's range has no float value (casting it is undefined behaviour).
        if (d > std::numeric_limits<float>::max() || d < std::numeric_limits<float>::lowest()) {
            out = d > 0 ? std::numeric_limits<float>::infinity() : -std::numeric_limits<float>::infinity();
        } else {
            out = static_cast<float>(d);
        }
        return true;
    }
    if (value.is_string()) {
        const std::string& s = value.get_ref<const std::string&>();
        for (const NonFiniteWord& w : kNonFiniteWords) {
            if (s == w.word) {
                out = w.value;
                return true;
            }
        }
    }
    return false;
}

}  // namespace bank
