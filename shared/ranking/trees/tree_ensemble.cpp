#include "shared/ranking/trees/tree_ensemble.h"

#include <algorithm>
#include <cmath>
#include <exception>
#include <utility>

#include "shared/data/load_error.h"
#include "shared/ranking/trees/xgboost_json.h"
#include "shared/ranking/trees/xgboost_tree_reader.h"

namespace bank {
namespace {

using nlohmann::json;

struct ObjectiveName {
    const char* name;
    TreeObjective objective;
};

constexpr ObjectiveName kObjectives[] = {
    {"binary:logistic", TreeObjective::kBinaryLogistic}, {"reg:logistic", TreeObjective::kRegLogistic},
    {"binary:logitraw", TreeObjective::kBinaryLogitRaw}, {"reg:squarederror", TreeObjective::kRegSquaredError},
    {"multi:softprob", TreeObjective::kMultiSoftprob},   {"multi:softmax", TreeObjective::kMultiSoftmax},
};

bool is_multiclass(TreeObjective o) {
    return o == TreeObjective::kMultiSoftprob || o == TreeObjective::kMultiSoftmax;
}

// XGBoost's ProbToMargin: base_score is a probability for the objectives whose prediction is a
// sigmoid, and their sums start from its logit, computed in float as XGBoost 1.7 does
// (-logf(1/p - 1); in double the result differs in the last bit, e.g. for p = 0.3).
// binary:logitraw keeps base_score as it is, although it shares the logistic loss (checked
// against XGBoost 1.7.4).
bool base_score_is_probability(TreeObjective o) {
    return o == TreeObjective::kBinaryLogistic || o == TreeObjective::kRegLogistic;
}

const json* member(const json& object, const char* key) {
    if (!object.is_object()) return nullptr;
    auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
}

// learner_model_param holds numbers as text ("5E-1", "20").
bool number_in_text(const json* value, double& out) {
    if (!value) return false;
    const json parsed = value->is_string() ? json::parse(value->get<std::string>(), nullptr, false) : *value;
    if (!parsed.is_number()) return false;
    out = parsed.get<double>();
    return std::isfinite(out);
}

bool count_in_text(const json* value, long long limit, int& out) {
    double x = 0;
    if (!number_in_text(value, x) || x < 0 || x > static_cast<double>(limit) || x != std::floor(x)) return false;
    out = static_cast<int>(x);
    return true;
}

// Reading stops at the first fault; the message is the source's and says where.
class ModelReader {
public:
    ModelReader(std::string_view source, const TreeLimits& limits) : source_(source), limits_(limits) {}

    Checked<TreeEnsemble> read(const json& document) {
        model_.source_name = source_;
        const json* learner = member(document, "learner");
        const json* booster = learner ? member(*learner, "gradient_booster") : nullptr;
        if (!booster || !booster->is_object()) return fail("is not an XGBoost JSON model: no learner.gradient_booster");
        if (!read_booster_name(*booster) || !read_objective(*learner) || !read_model_param(*learner) ||
            !read_names(*learner) || !read_trees(*booster))
            return RankingError{std::move(error_)};
        return std::move(model_);
    }

private:
    RankingError fail(const std::string& what) {
        error_ = source_ + ": " + what;
        return RankingError{error_};
    }
    bool fault(const std::string& what) {
        fail(what);
        return false;
    }

    bool read_booster_name(const json& booster) {
        const json* name = member(booster, "name");
        const std::string n = name && name->is_string() ? name->get<std::string>() : "";
        if (n == "gbtree") return true;
        if (n == "dart")
            return fault(
                "uses the dart booster, whose trees are weighted at prediction; only gbtree models are "
                "supported");
        if (n == "gblinear")
            return fault("uses the gblinear booster (a linear model); only gbtree models are supported");
        return fault("gradient_booster.name '" + display_value(n) + "' is not gbtree; only gbtree models are supported");
    }

    bool read_objective(const json& learner) {
        const json* objective = member(learner, "objective");
        const json* name = objective ? member(*objective, "name") : nullptr;
        if (!name || !name->is_string()) return fault("has no learner.objective.name");
        model_.objective_name = name->get<std::string>();
        for (const ObjectiveName& o : kObjectives) {
            if (model_.objective_name == o.name) {
                model_.objective = o.objective;
                return true;
            }
        }
        return fault("objective '" + display_value(model_.objective_name) +
                     "' is not supported (binary:logistic, reg:logistic, binary:logitraw, reg:squarederror, "
                     "multi:softprob, multi:softmax are)");
    }

    bool read_model_param(const json& learner) {
        const json* param = member(learner, "learner_model_param");
        if (!param) return fault("has no learner.learner_model_param");
        if (!count_in_text(member(*param, "num_feature"), 1'000'000, model_.feature_count) || model_.feature_count == 0)
            return fault("learner_model_param.num_feature is not a positive count");
        int num_class = 0;
        if (!count_in_text(member(*param, "num_class"), 1'000'000, num_class))
            return fault("learner_model_param.num_class is not a count");
        int num_target = 1;
        if (member(*param, "num_target") &&
            (!count_in_text(member(*param, "num_target"), 1'000'000, num_target) || num_target != 1))
            return fault("has several targets (num_target); multi-target models are not supported");
        if (is_multiclass(model_.objective)) {
            if (num_class < 1)
                return fault(model_.objective_name + " needs learner_model_param.num_class of 1 or more");
            model_.group_count = num_class;
        } else if (num_class > 1) {
            return fault("has num_class " + std::to_string(num_class) + " but objective " + model_.objective_name +
                         " has one output");
        }
        double base = 0;
        if (!number_in_text(member(*param, "base_score"), base))
            return fault("learner_model_param.base_score is not a number");
        // Checked as the float it is used as: a double beyond float's range would become infinity,
        // and a denormal probability a margin of minus infinity.
        if (!(std::fabs(base) <= static_cast<double>(kLargestScore)))
            return fault("base_score is beyond the range a score may take");
        model_.base_score = static_cast<float>(base);
        model_.base_margin = model_.base_score;
        if (base_score_is_probability(model_.objective)) {
            const float p = model_.base_score;
            if (!(p > 0.0f && p < 1.0f))
                return fault("base_score " + std::to_string(p) + " is not a probability strictly between 0 and 1, as " +
                             model_.objective_name + " needs");
            model_.base_margin = -std::log(1.0f / p - 1.0f);
            if (!std::isfinite(model_.base_margin))
                return fault("base_score " + std::to_string(base) + " is too close to 0 or 1 to give a finite margin");
        }
        return true;
    }

    bool read_names(const json& learner) {
        if (const json* names = member(learner, "feature_names"); names && !names->empty()) {
            if (!names->is_array() || names->size() != static_cast<std::size_t>(model_.feature_count))
                return fault("feature_names does not list one name per feature (" +
                             std::to_string(model_.feature_count) + ")");
            for (const json& n : *names) {
                if (!n.is_string()) return fault("feature_names holds a value that is not text");
                model_.feature_names.push_back(n.get<std::string>());
            }
        }
        if (const json* attributes = member(learner, "attributes"); attributes && attributes->is_object()) {
            for (const auto& [key, value] : attributes->items()) {
                if (!value.is_string()) return fault("attribute '" + display_value(key) + "' is not text");
                model_.attributes[key] = value.get<std::string>();
            }
        }
        return true;
    }

    bool read_trees(const json& booster) {
        const json* model = member(booster, "model");
        const json* trees = model ? member(*model, "trees") : nullptr;
        const json* info = model ? member(*model, "tree_info") : nullptr;
        if (!trees || !trees->is_array()) return fault("has no gradient_booster.model.trees list");
        if (!info || !info->is_array() || info->size() != trees->size())
            return fault("tree_info does not give the output of each of the " + std::to_string(trees->size()) +
                         " trees");
        if (trees->size() > limits_.max_trees)
            return fault("has " + std::to_string(trees->size()) + " trees, more than the limit of " +
                         std::to_string(limits_.max_trees));
        for (std::size_t t = 0; t < trees->size(); ++t) {
            const json& group = (*info)[t];
            if (!group.is_number_integer() || group.get<long long>() < 0 ||
                group.get<long long>() >= model_.group_count)
                return fault("tree " + std::to_string(t) + ": tree_info gives an output outside 0.." +
                             std::to_string(model_.group_count - 1));
            model_.tree_begin.push_back(static_cast<std::int32_t>(model_.nodes.size()));
            model_.tree_group.push_back(group.get<std::int32_t>());
            const TreeFault f = append_xgboost_tree((*trees)[t], limits_, model_);
            if (!f.ok()) {
                const std::string where = f.node >= 0 ? " node " + std::to_string(f.node) : "";
                return fault("tree " + std::to_string(t) + where + ": " + f.what);
            }
        }
        model_.tree_begin.push_back(static_cast<std::int32_t>(model_.nodes.size()));
        return scores_stay_finite();
    }

    // Every leaf may be finite and their sum still overflow: bound the largest score any row can
    // reach (base margin plus each tree's largest leaf), so scoring never meets infinity.
    bool scores_stay_finite() {
        std::vector<double> reach(static_cast<std::size_t>(model_.group_count), std::fabs(model_.base_margin));
        for (std::size_t t = 0; t < model_.tree_count(); ++t) {
            double largest = 0;
            for (std::int32_t n = model_.tree_begin[t]; n < model_.tree_begin[t + 1]; ++n) {
                if (model_.nodes[n].is_leaf()) largest = std::max(largest, std::fabs(static_cast<double>(model_.nodes[n].value)));
            }
            reach[model_.tree_group[t]] += largest;
        }
        for (double r : reach) {
            if (!(r <= kLargestScore))
                return fault("leaf values add up beyond the range a score may take (" + std::to_string(r) + ")");
        }
        return true;
    }

    std::string source_;
    TreeLimits limits_;
    TreeEnsemble model_;
    std::string error_;
};

}  // namespace

Checked<TreeEnsemble> xgboost_model_from_json(const json& document, std::string_view source_name,
                                              const TreeLimits& limits) {
    try {
        return ModelReader(source_name, limits).read(document);
    } catch (const std::exception& e) {
        return RankingError{std::string(source_name) + ": could not be read as an XGBoost model (" + e.what() + ")"};
    }
}

Checked<TreeEnsemble> parse_xgboost_model(std::string_view json_text, std::string_view source_name,
                                          const TreeLimits& limits) {
    const json document = parse_xgboost_json(json_text);
    if (document.is_discarded()) return RankingError{std::string(source_name) + ": is not JSON"};
    return xgboost_model_from_json(document, source_name, limits);
}

}  // namespace bank
