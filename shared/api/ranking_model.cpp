#include "shared/api/ranking_model.h"

#include <array>
#include <string>

#include "shared/data/json_fields.h"
#include "shared/ranking/behavior_model_json.h"

namespace bank::api {
namespace {

enum Field { kBehavior, kWeights, kDiversity, kTopK, kPropensity, kFieldCount };
constexpr std::array<std::string_view, kFieldCount> kFields = {"behavior", "weights", "weights.diversity",
                                                              "weights.top_k", "propensity"};

constexpr const char* kWeightsNote = "served by bank-proxy";

// The weights' reader names the file it was written for in its messages.
constexpr std::string_view kWeightsReaderName = "config/ranking.json";

// The ranking core's readers start their message with a name ("<named>: what is wrong"); the
// error keeps what is wrong and says which field of which document it is in.
LoadError ranking_error(const RankingError& e, std::string_view named, std::string_view source,
                        std::string_view field) {
    std::string what = e.message;
    const std::string prefix = std::string(named) + ": ";
    if (what.compare(0, prefix.size(), prefix) == 0) what.erase(0, prefix.size());
    LoadError error = load_error(source, 0, "", "", what);
    error.field = std::string(field);
    return error;
}

}  // namespace

nlohmann::json write_ranking_model(const RankingModel& model) {
    nlohmann::json j = nlohmann::json::object();
    put(j, kFields[kBehavior], behavior_model_to_json(model.behavior));
    put(j, kFields[kWeights], nlohmann::json::parse(ranking_weights_json(model.weights, kWeightsNote)));
    if (!model.propensity.is_null()) put(j, kFields[kPropensity], model.propensity);
    return j;
}

Loaded<RankingModel> read_ranking_model(const nlohmann::json& j, std::string_view source) {
    JsonFields fields(j, source, kFields.data());
    const nlohmann::json& behavior = fields.object(kBehavior);
    const nlohmann::json& weights = fields.object(kWeights);
    // The weights' reader reads config/ranking.json, where these two may be left at their defaults.
    fields.require(kDiversity, "a number from 0 to 1");
    fields.require(kTopK, "a whole number from 1 to 50");
    const nlohmann::json* propensity = fields.optional_object(kPropensity);
    if (fields.failed()) return fields.error();

    auto model = behavior_model_from_json(behavior, source);
    if (!model) return ranking_error(model.error(), source, source, kFields[kBehavior]);
    // Replacement rather than an exception for a string that is not UTF-8: only a document built
    // in memory can hold one, and the reader must still answer with an error, not throw.
    auto parsed_weights =
        parse_ranking_weights(weights.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    if (!parsed_weights) {
        return ranking_error(parsed_weights.error(), kWeightsReaderName, source, kFields[kWeights]);
    }
    return RankingModel{std::move(model).value(), parsed_weights.value(),
                        propensity ? *propensity : nlohmann::json()};
}

}  // namespace bank::api
