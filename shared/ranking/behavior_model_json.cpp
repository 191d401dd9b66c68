#include "shared/ranking/behavior_model_json.h"

#include <climits>
#include <cmath>
#include <string>

namespace bank {
namespace {

using nlohmann::json;

json profiles_to_json(const HolderProfiles& p) {
    return {{"features", p.features}, {"mean", p.mean}, {"scale", p.scale},
            {"lift", p.lift}, {"half_square", p.half_square}};
}

bool all_finite(const std::vector<float>& values) {
    for (float v : values) {
        if (!std::isfinite(v)) return false;
    }
    return true;
}

// Bounds that keep every score finite in float arithmetic, far wider than a fitted model needs
// (standardized lifts are a few units; means are log incomes, scores and shares). A value outside
// them cannot come from fitting, and would turn scores into infinity or NaN.
constexpr float kMaxMagnitude = 1e6f;
constexpr float kMinScale = 1e-7f;  // fitting writes 0 (a constant feature) or more than 1e-6

bool all_within(const std::vector<float>& values, float low, float high) {
    for (float v : values) {
        if (!(v >= low && v <= high)) return false;
    }
    return true;
}

// Reads a float array of exactly `expected` finite values, or says which field is wrong.
std::string read_floats(const json& j, const char* field, std::size_t expected, std::vector<float>& out) {
    if (!j.contains(field) || !j[field].is_array()) return std::string(field) + " is missing or not a list";
    out.clear();
    out.reserve(j[field].size());
    for (const json& v : j[field]) {
        if (!v.is_number()) return std::string(field) + " holds a value that is not a number";
        out.push_back(v.get<float>());
    }
    if (out.size() != expected) {
        return std::string(field) + " has " + std::to_string(out.size()) + " values, expected " +
               std::to_string(expected);
    }
    if (!all_finite(out)) return std::string(field) + " holds NaN or infinity";
    return {};
}

std::string read_profiles(const json& j, std::size_t products, HolderProfiles& p) {
    if (!j.is_object() || !j.contains("features") || !j["features"].is_number_unsigned()) {
        return "holder profile has no feature count";
    }
    p.features = j["features"].get<std::size_t>();
    for (auto [field, size, out] : {std::tuple{"mean", p.features, &p.mean},
                                    std::tuple{"scale", p.features, &p.scale},
                                    std::tuple{"lift", products * p.features, &p.lift},
                                    std::tuple{"half_square", products, &p.half_square}}) {
        if (std::string e = read_floats(j, field, size, *out); !e.empty()) return e;
    }
    if (!all_within(p.mean, -kMaxMagnitude, kMaxMagnitude) || !all_within(p.lift, -kMaxMagnitude, kMaxMagnitude) ||
        !all_within(p.half_square, 0.0f, kMaxMagnitude * kMaxMagnitude))
        return "mean, lift or half_square holds a value no fit produces";
    for (float s : p.scale) {
        if (s != 0.0f && !(s >= kMinScale && s <= kMaxMagnitude)) return "scale holds a value no fit produces";
    }
    return {};
}

// The k the model was fit with (docs/API.md, "What a published model can reveal"). Optional: a
// model written before it was stated still loads, as "not stated" (0).
std::string read_min_group_size(const json& j, BehaviorModel& m) {
    if (!j.contains("min_group_size")) return {};
    const json& k = j["min_group_size"];
    if (!k.is_number_integer() || k.get<long long>() < 1 || k.get<long long>() > INT_MAX)
        return "min_group_size is not a whole number of customers of at least 1";
    m.min_group_size = k.get<int>();
    return {};
}

std::string read_model(const json& j, BehaviorModel& m) {
    if (!j.is_object()) return "is not a JSON object";
    if (std::string e = read_min_group_size(j, m); !e.empty()) return e;
    if (!j.contains("product_ids") || !j["product_ids"].is_array()) return "product_ids is missing";
    for (const json& id : j["product_ids"]) {
        if (!id.is_string()) return "product_ids holds a value that is not text";
        m.product_index[id.get<std::string>()] = static_cast<int>(m.product_ids.size());
        m.product_ids.push_back(id.get<std::string>());
    }
    const std::size_t n = m.product_ids.size();
    if (m.product_index.size() != n) return "product_ids has duplicates";
    if (!j.contains("holders") || !j["holders"].is_array() || j["holders"].size() != n) {
        return "holders must have one count per product";
    }
    for (const json& h : j["holders"]) {
        if (!h.is_number_integer() || h.get<long long>() < 0 || h.get<long long>() > INT_MAX)
            return "holders holds a value that is not a count";
        m.holders.push_back(h.get<int>());
    }
    if (std::string e = read_floats(j, "prior", n, m.prior); !e.empty()) return e;
    if (std::string e = read_floats(j, "co_ownership", n * n, m.co_ownership); !e.empty()) return e;
    for (float p : m.prior) {
        if (p <= 0.0f || p > 1.0f) return "prior holds a value outside (0, 1]";
    }
    for (float p : m.co_ownership) {
        if (p <= 0.0f || p > 1.0f) return "co_ownership holds a value outside (0, 1]";
    }
    if (!j.contains("merchant_categories") || !j["merchant_categories"].is_array()) {
        return "merchant_categories is missing";
    }
    for (const json& c : j["merchant_categories"]) {
        if (!c.is_string()) return "merchant_categories holds a value that is not text";
        m.merchant_categories.push_back(c.get<std::string>());
    }
    if (!j.contains("spending") || !j.contains("context")) return "spending or context profiles are missing";
    if (std::string e = read_profiles(j["spending"], n, m.spending); !e.empty()) return "spending: " + e;
    if (m.spending.features != m.merchant_categories.size()) {
        return "spending profiles do not match merchant_categories";
    }
    if (std::string e = read_profiles(j["context"], n, m.context); !e.empty()) return "context: " + e;
    return {};
}

}  // namespace

json behavior_model_to_json(const BehaviorModel& model) {
    json j = {{"product_ids", model.product_ids},
              {"holders", model.holders},
              {"prior", model.prior},
              {"co_ownership", model.co_ownership},
              {"merchant_categories", model.merchant_categories},
              {"spending", profiles_to_json(model.spending)},
              {"context", profiles_to_json(model.context)}};
    if (model.min_group_size > 0) j["min_group_size"] = model.min_group_size;  // 0: not stated
    return j;
}

Checked<BehaviorModel> behavior_model_from_json(const json& j, std::string_view source) {
    BehaviorModel model;
    if (std::string e = read_model(j, model); !e.empty()) {
        return RankingError{std::string(source) + ": behavioral model " + e};
    }
    return model;
}

}  // namespace bank
