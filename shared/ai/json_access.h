// Reading JSON that came from outside (a model, an upstream service) without exceptions: the
// WebAssembly build may run with exceptions disabled, so every access is type-checked first.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace bank::ai {

// The member `key` of an object, or null when `j` is not an object or has no such member.
inline const nlohmann::json* member(const nlohmann::json& j, const char* key) {
    if (!j.is_object()) return nullptr;
    const auto it = j.find(key);
    return it == j.end() ? nullptr : &*it;
}

// The string member `key`, or empty when missing or not a string.
inline std::string string_member(const nlohmann::json& j, const char* key) {
    const nlohmann::json* m = member(j, key);
    return m && m->is_string() ? m->get<std::string>() : std::string();
}

}  // namespace bank::ai
