#include "shared/ranking/ranking_weights.h"

#include <cmath>
#include <map>

#include <nlohmann/json.hpp>

namespace bank {

namespace {

using json = nlohmann::json;

constexpr const char* kFile = "config/ranking.json";

RankingError bad(const std::string& what) {
    return RankingError{std::string(kFile) + ": " + what};
}

// The offending value for a message: a number or short text as written, a list or an object by
// its kind (dumping a deeply nested one would recurse once per level, and flood the message).
std::string shown(const json& value) {
    if (value.is_array()) return "a list";
    if (value.is_object()) return "an object";
    const std::string text = value.dump(-1, ' ', /*ensure_ascii=*/true);
    return text.size() > 40 ? text.substr(0, 40) + "..." : text;
}

// Reads a non-negative finite number into `out`; returns an error text or "".
std::string read_weight(const json& value, const std::string& path, double max, double& out) {
    if (!value.is_number()) return path + " must be a number, got " + shown(value);
    const double v = value.get<double>();
    if (!std::isfinite(v) || v < 0 || v > max) {
        return path + " must be between 0 and " + json(max).dump() + ", got " + shown(value);
    }
    out = v;
    return "";
}

}  // namespace

Checked<RankingWeights> parse_ranking_weights(const std::string& json_text) {
    const json doc = json::parse(json_text, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) return bad("is not valid JSON");
    if (!doc.is_object()) return bad("must be a JSON object");
    if (!doc.contains("weights") || !doc["weights"].is_object()) {
        return bad(
            "needs a \"weights\" object (semantic, image, behavioral, co_ownership, "
            "spending, context)");
    }

    RankingWeights w;
    const std::map<std::string, double*> known = {
        {"semantic", &w.semantic},         {"image", &w.image},       {"behavioral", &w.behavioral},
        {"co_ownership", &w.co_ownership}, {"spending", &w.spending}, {"context", &w.context}};
    for (const auto& [key, value] : doc["weights"].items()) {
        auto it = known.find(key);
        if (it == known.end()) return bad("unknown weight \"" + key + "\"");
        const std::string error = read_weight(value, "weights." + key, 1e6, *it->second);
        if (!error.empty()) return bad(error);
    }
    for (const auto& [key, target] : known) {
        if (!doc["weights"].contains(key)) return bad("weights." + key + " is missing");
    }
    if (doc.contains("diversity")) {
        const std::string error = read_weight(doc["diversity"], "diversity", 1.0, w.diversity);
        if (!error.empty()) return bad(error);
    }
    if (doc.contains("top_k")) {
        const json& k = doc["top_k"];
        if (!k.is_number_integer() || k.get<long long>() < 1 || k.get<long long>() > 50) {
            return bad("top_k must be a whole number from 1 to 50, got " + shown(k));
        }
        w.top_k = k.get<int>();
    }
    return w;
}

std::string ranking_weights_json(const RankingWeights& w, const std::string& fit_note) {
    json doc;
    doc["about"] =
        "Hybrid ranker weights, see DESIGN.md 'Ranking' and EVALUATION.md. "
        "Written by bank-eval --fit; edit by hand only to experiment.";
    doc["weights"] = {{"semantic", w.semantic},     {"image", w.image},
                      {"behavioral", w.behavioral}, {"co_ownership", w.co_ownership},
                      {"spending", w.spending},     {"context", w.context}};
    doc["diversity"] = w.diversity;
    doc["top_k"] = w.top_k;
    doc["fit"] = fit_note;
    return doc.dump(2) + "\n";
}

}  // namespace bank
