// The only place that talks to XGBoost (its C API, Debian's libxgboost): a dense training matrix
// and a booster, owned by RAII handles, every failure turned into a message with XGBoost's own
// text. Training is native and offline; browsers only ever see the JSON model it writes.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "shared/ranking/checked.h"

namespace bank::train {

struct TrainingMatrix {
    std::vector<float> rows;  // row-major, NaN = missing
    std::size_t width = 0;
    std::vector<float> labels;
    std::vector<std::string> feature_names;

    std::size_t count() const { return width == 0 ? 0 : rows.size() / width; }
};

struct BoosterParams {
    int max_depth = 4;
    double learning_rate = 0.1;
    double min_child_weight = 1;
    double reg_lambda = 1;
    int threads = 2;
};

class Booster {
public:
    // Starts a binary:logistic booster on `train` (kept by reference: it must outlive the booster).
    static Checked<Booster> create(const TrainingMatrix& train, const BoosterParams& params);
    // From a saved JSON model (to check what XGBoost itself predicts with a rewritten file).
    static Checked<Booster> load(const std::string& json_model);
    Booster(Booster&& other) noexcept;
    Booster& operator=(Booster&&) = delete;
    Booster(const Booster&) = delete;
    ~Booster();

    Checked<bool> boost(int rounds);  // adds `rounds` trees
    int rounds() const { return rounds_; }
    // Probabilities (or log-odds with `margins`) for rows (width as trained), using the first
    // `rounds` trees (0 = all).
    Checked<std::vector<float>> predict(const std::vector<float>& rows, std::size_t width, int rounds = 0,
                                        bool margins = false) const;
    Checked<bool> set_attribute(const std::string& key, const std::string& value);
    Checked<std::string> json() const;

private:
    Booster() = default;
    void* handle_ = nullptr;
    void* train_ = nullptr;  // DMatrix of the training rows
    int rounds_ = 0;
};

}  // namespace bank::train
