#include "xgboost_session.h"

#include <limits>
#include <stdexcept>

namespace bank::trees_test {
namespace {

void check(int status, const char* call) {
    if (status != 0) throw std::runtime_error(std::string(call) + ": " + XGBGetLastError());
}

}  // namespace

XgbMatrix::XgbMatrix(const std::vector<float>& values, std::size_t rows, std::size_t columns,
                     const std::vector<float>& labels) {
    check(XGDMatrixCreateFromMat(values.data(), rows, columns, std::numeric_limits<float>::quiet_NaN(), &handle_),
          "XGDMatrixCreateFromMat");
    if (!labels.empty())
        check(XGDMatrixSetFloatInfo(handle_, "label", labels.data(), labels.size()), "XGDMatrixSetFloatInfo");
}

XgbMatrix::~XgbMatrix() {
    XGDMatrixFree(handle_);
}

XgbBooster::XgbBooster(const XgbMatrix& train) {
    DMatrixHandle matrices[] = {train.handle()};
    check(XGBoosterCreate(matrices, 1, &handle_), "XGBoosterCreate");
}

XgbBooster::XgbBooster() {
    check(XGBoosterCreate(nullptr, 0, &handle_), "XGBoosterCreate");
}

XgbBooster::~XgbBooster() {
    XGBoosterFree(handle_);
}

void XgbBooster::set(const std::string& name, const std::string& value) {
    check(XGBoosterSetParam(handle_, name.c_str(), value.c_str()), "XGBoosterSetParam");
}

void XgbBooster::update(int iteration, const XgbMatrix& train) {
    check(XGBoosterUpdateOneIter(handle_, iteration, train.handle()), "XGBoosterUpdateOneIter");
}

std::string XgbBooster::save_json() const {
    bst_ulong length = 0;
    const char* bytes = nullptr;
    check(XGBoosterSaveModelToBuffer(handle_, R"({"format": "json"})", &length, &bytes), "XGBoosterSaveModelToBuffer");
    return std::string(bytes, length);
}

void XgbBooster::load_json(const std::string& text) {
    check(XGBoosterLoadModelFromBuffer(handle_, text.data(), text.size()), "XGBoosterLoadModelFromBuffer");
}

std::vector<float> XgbBooster::predict(const XgbMatrix& rows, int type) const {
    const std::string config =
        R"({"type": )" + std::to_string(type) +
        R"(, "training": false, "iteration_begin": 0, "iteration_end": 0, "strict_shape": false})";
    const bst_ulong* shape = nullptr;
    bst_ulong dimensions = 0;
    const float* result = nullptr;
    check(XGBoosterPredictFromDMatrix(handle_, rows.handle(), config.c_str(), &shape, &dimensions, &result),
          "XGBoosterPredictFromDMatrix");
    std::size_t count = 1;
    for (bst_ulong d = 0; d < dimensions; ++d) count *= shape[d];
    return std::vector<float>(result, result + count);
}

}  // namespace bank::trees_test
