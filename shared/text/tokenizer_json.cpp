#include "shared/text/tokenizer_json.h"

#include <algorithm>
#include <limits>

#include "shared/text/utf8.h"

namespace bank::text {

using nlohmann::json;

Loaded<json> parse_json_file(std::string_view contents, const std::string& file) {
    try {
        return json::parse(contents.begin(), contents.end());
    } catch (const json::parse_error& e) {
        LoadError error;
        error.file = file;
        const std::size_t at = std::min<std::size_t>(e.byte, contents.size());
        error.line = 1 + static_cast<std::size_t>(std::count(contents.begin(), contents.begin() + at, '\n'));
        error.problem = "is not valid JSON";
        error.expected = "the file as published with the model";
        return error;
    }
}

LoadError field_error(const std::string& file, const std::string& field, const json& value,
                      std::string problem, std::string expected) {
    LoadError error;
    error.file = file;
    error.field = field;
    if (!value.is_null()) error.value = display_value(value.is_string() ? value.get<std::string>() : value.dump());
    error.problem = std::move(problem);
    error.expected = std::move(expected);
    return error;
}

const json& member(const json& object, const char* key) {
    static const json null;
    if (!object.is_object()) return null;
    const auto it = object.find(key);
    return it == object.end() ? null : *it;
}

LoadError structure_error(const std::string& file, const json::exception& e) {
    LoadError error;
    error.file = file;
    error.problem = std::string("has a field of an unexpected type (") + e.what() + ")";
    error.expected = "the file as published with the model";
    return error;
}

Loaded<std::string> string_field(const json& object, const char* key, const std::string& file,
                                 const std::string& path) {
    const auto it = object.find(key);
    if (it == object.end() || !it->is_string()) {
        return field_error(file, path + key, it == object.end() ? json() : *it, "is missing or not a string",
                           "a string");
    }
    return it->get<std::string>();
}

std::optional<LoadError> read_vocab_object(const json& model, const std::string& file, TokenIndex& index) {
    const json& vocab = member(model, "vocab");
    if (!vocab.is_object() || vocab.empty()) {
        return field_error(file, "model.vocab", json(), "is missing or empty",
                           "an object mapping each token to its id");
    }
    for (const auto& [token, id] : vocab.items()) {
        if (!id.is_number_integer() || id.get<std::int64_t>() < 0 ||
            id.get<std::int64_t>() > std::numeric_limits<std::int32_t>::max()) {
            return field_error(file, "model.vocab." + token, id, "is not a token id", "a whole number >= 0");
        }
        index.add(token, id.get<std::int32_t>());
    }
    return std::nullopt;
}

std::optional<LoadError> read_added_tokens(const json& root, const std::string& file, TokenIndex& index,
                                           AddedTokens& added,
                                           const std::function<std::u32string(std::u32string_view)>& normalize) {
    const auto tokens = root.find("added_tokens");
    if (tokens == root.end() || tokens->is_null()) return std::nullopt;
    if (!tokens->is_array()) {
        return field_error(file, "added_tokens", *tokens, "is not a list", "a list of {id, content, ...}");
    }
    for (std::size_t i = 0; i < tokens->size(); ++i) {
        const json& token = (*tokens)[i];
        const std::string path = "added_tokens[" + std::to_string(i) + "].";
        if (!token.is_object()) return field_error(file, path, token, "is not an object", "{id, content, ...}");
        const Loaded<std::string> content = string_field(token, "content", file, path);
        if (!content) return content.error();
        const auto id = token.find("id");
        if (id == token.end() || !id->is_number_integer() || id->get<std::int64_t>() < 0 ||
            id->get<std::int64_t>() > std::numeric_limits<std::int32_t>::max()) {
            return field_error(file, path + "id", id == token.end() ? json() : *id, "is not a token id",
                               "a whole number >= 0");
        }
        // transformers.js: special tokens default to normalized:false, others to true.
        const bool special = token.value("special", false);
        const bool normalized = token.contains("normalized") && token["normalized"].is_boolean()
                                    ? token["normalized"].get<bool>()
                                    : !special;
        index.add(content.value(), id->get<std::int32_t>());
        std::u32string text = decode_utf8(content.value());
        std::u32string normalized_text = normalized ? normalize(text) : std::u32string();
        added.add(std::move(text), id->get<std::int32_t>(), normalized, std::move(normalized_text));
    }
    return std::nullopt;
}

}  // namespace bank::text
