#include "shared/api/api_error.h"

#include <array>

#include "shared/data/json_fields.h"

namespace bank::api {
namespace {

enum DocumentField { kError, kDocumentFieldCount };
constexpr std::array<std::string_view, kDocumentFieldCount> kDocumentFields = {"error"};

enum Field { kCode, kMessage, kFieldCount };
constexpr std::array<std::string_view, kFieldCount> kFields = {"code", "message"};

Loaded<ApiError> read_error(const nlohmann::json& j, std::string_view source) {
    JsonFields fields(j, source, kFields.data());
    ApiError error;
    error.code = fields.required_text(kCode, "a stable error code such as not_found");
    error.message = fields.required_text(kMessage, "a message saying what to do");
    if (fields.failed()) return fields.error();
    return error;
}

}  // namespace

nlohmann::json write_api_error(const ApiError& error) {
    nlohmann::json inner = nlohmann::json::object();
    put(inner, kFields[kCode], error.code);
    put(inner, kFields[kMessage], error.message);
    nlohmann::json j = nlohmann::json::object();
    put(j, kDocumentFields[kError], std::move(inner));
    return j;
}

Loaded<ApiError> read_api_error(const nlohmann::json& j, std::string_view source) {
    JsonFields fields(j, source, kDocumentFields.data());
    const nlohmann::json& inner = fields.object(kError);
    if (fields.failed()) return fields.error();
    auto error = read_error(inner, source);
    if (!error) return nested(error.error(), kDocumentFields[kError]);
    return error;
}

}  // namespace bank::api
