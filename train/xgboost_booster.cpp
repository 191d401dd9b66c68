#include "train/xgboost_booster.h"

#include <cmath>

#include <xgboost/c_api.h>

namespace bank::train {

namespace {

RankingError xgboost_error(const char* what) {
    return RankingError{std::string("XGBoost could not ") + what + ": " + XGBGetLastError()};
}

struct Matrix {
    DMatrixHandle handle = nullptr;
    ~Matrix() {
        if (handle) XGDMatrixFree(handle);
    }
};

Checked<bool> make_matrix(const float* rows, std::size_t count, std::size_t width, Matrix& out) {
    if (XGDMatrixCreateFromMat(rows, count, width, std::nanf(""), &out.handle) != 0)
        return xgboost_error("build a matrix");
    return true;
}

}  // namespace

Checked<Booster> Booster::create(const TrainingMatrix& train, const BoosterParams& params) {
    if (train.count() == 0) return RankingError{"there are no training examples"};
    Booster b;
    Matrix m;
    if (auto made = make_matrix(train.rows.data(), train.count(), train.width, m); !made) return made.error();
    if (XGDMatrixSetFloatInfo(m.handle, "label", train.labels.data(), train.labels.size()) != 0)
        return xgboost_error("set the labels");
    std::vector<const char*> names;
    for (const std::string& n : train.feature_names) names.push_back(n.c_str());
    if (!names.empty() && XGDMatrixSetStrFeatureInfo(m.handle, "feature_name", names.data(), names.size()) != 0)
        return xgboost_error("set the feature names");
    if (XGBoosterCreate(&m.handle, 1, &b.handle_) != 0) return xgboost_error("create a booster");
    b.train_ = m.handle;
    m.handle = nullptr;  // owned by the booster object now
    // The model file names its features only when the booster is told them (the matrix's names
    // are not copied into the model): the scorer rebuilds rows from these names.
    if (!names.empty() && XGBoosterSetStrFeatureInfo(b.handle_, "feature_name", names.data(), names.size()) != 0)
        return xgboost_error("name the features");
    const std::pair<const char*, std::string> settings[] = {
        {"objective", "binary:logistic"},
        {"tree_method", "hist"},
        {"max_depth", std::to_string(params.max_depth)},
        {"eta", std::to_string(params.learning_rate)},
        {"min_child_weight", std::to_string(params.min_child_weight)},
        {"lambda", std::to_string(params.reg_lambda)},
        {"nthread", std::to_string(params.threads)},
        {"seed", "0"},
        {"verbosity", "0"}};
    for (const auto& [key, value] : settings) {
        if (XGBoosterSetParam(b.handle_, key, value.c_str()) != 0) return xgboost_error("set a parameter");
    }
    return b;
}

Checked<Booster> Booster::load(const std::string& json_model) {
    Booster b;
    if (XGBoosterCreate(nullptr, 0, &b.handle_) != 0) return xgboost_error("create a booster");
    if (XGBoosterLoadModelFromBuffer(b.handle_, json_model.data(), json_model.size()) != 0)
        return xgboost_error("load the model");
    if (XGBoosterBoostedRounds(b.handle_, &b.rounds_) != 0) return xgboost_error("count the rounds");
    return b;
}

Booster::Booster(Booster&& other) noexcept : handle_(other.handle_), train_(other.train_), rounds_(other.rounds_) {
    other.handle_ = nullptr;
    other.train_ = nullptr;
}

Booster::~Booster() {
    if (handle_) XGBoosterFree(handle_);
    if (train_) XGDMatrixFree(train_);
}

Checked<bool> Booster::boost(int rounds) {
    for (int i = 0; i < rounds; ++i, ++rounds_) {
        if (XGBoosterUpdateOneIter(handle_, rounds_, train_) != 0) return xgboost_error("train a round");
    }
    return true;
}

Checked<std::vector<float>> Booster::predict(const std::vector<float>& rows, std::size_t width, int rounds,
                                             bool margins) const {
    if (width == 0 || rows.empty()) return std::vector<float>{};
    Matrix m;
    if (auto made = make_matrix(rows.data(), rows.size() / width, width, m); !made) return made.error();
    const std::string config = std::string("{\"type\": ") + (margins ? "1" : "0") + ", \"training\": false, \"iteration_begin\": 0, \"iteration_end\": " +
                               std::to_string(rounds) + ", \"strict_shape\": false}";
    const bst_ulong* shape = nullptr;
    bst_ulong dims = 0;
    const float* out = nullptr;
    if (XGBoosterPredictFromDMatrix(handle_, m.handle, config.c_str(), &shape, &dims, &out) != 0)
        return xgboost_error("predict");
    return std::vector<float>(out, out + rows.size() / width);
}

Checked<bool> Booster::set_attribute(const std::string& key, const std::string& value) {
    if (XGBoosterSetAttr(handle_, key.c_str(), value.c_str()) != 0) return xgboost_error("store an attribute");
    return true;
}

Checked<std::string> Booster::json() const {
    bst_ulong length = 0;
    const char* data = nullptr;
    if (XGBoosterSaveModelToBuffer(handle_, "{\"format\": \"json\"}", &length, &data) != 0)
        return xgboost_error("save the model");
    return std::string(data, length);
}

}  // namespace bank::train
