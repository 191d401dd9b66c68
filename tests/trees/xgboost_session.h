// The few XGBoost C API calls the parity test needs, with handles freed on every path and every
// failure turned into an exception carrying XGBoost's own message.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include <xgboost/c_api.h>

namespace bank::trees_test {

// A dense matrix, row-major, NaN = missing; labels optional.
class XgbMatrix {
public:
    XgbMatrix(const std::vector<float>& values, std::size_t rows, std::size_t columns,
              const std::vector<float>& labels = {});
    ~XgbMatrix();
    XgbMatrix(const XgbMatrix&) = delete;
    XgbMatrix& operator=(const XgbMatrix&) = delete;
    DMatrixHandle handle() const { return handle_; }

private:
    DMatrixHandle handle_ = nullptr;
};

class XgbBooster {
public:
    explicit XgbBooster(const XgbMatrix& train);  // to train on `train`
    XgbBooster();                                 // to load a model into
    ~XgbBooster();
    XgbBooster(const XgbBooster&) = delete;
    XgbBooster& operator=(const XgbBooster&) = delete;

    void set(const std::string& name, const std::string& value);
    void update(int iteration, const XgbMatrix& train);  // one round (XGBoosterUpdateOneIter)
    std::string save_json() const;
    void load_json(const std::string& text);
    // XGBoosterPredictFromDMatrix with {"type": type}: 0 transformed predictions, 2 SHAP values.
    std::vector<float> predict(const XgbMatrix& rows, int type) const;

private:
    BoosterHandle handle_ = nullptr;
};

}  // namespace bank::trees_test
