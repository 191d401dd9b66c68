// Reading the Hugging Face tokenizer files (tokenizer.json, tokenizer_config.json) into values
// the loaders check, with errors that name the file and the field to fix.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "shared/data/load_error.h"
#include "shared/text/added_tokens.h"
#include "shared/text/token_index.h"

namespace bank::text {

// Parses contents; a syntax error is reported with its line.
Loaded<nlohmann::json> parse_json_file(std::string_view contents, const std::string& file);

// "tokenizer.json, field model.type: 'Unigram' is not supported (expected WordPiece)".
LoadError field_error(const std::string& file, const std::string& field, const nlohmann::json& value,
                      std::string problem, std::string expected);

// object[key] without copying it, or null when object is not an object or lacks key.
const nlohmann::json& member(const nlohmann::json& object, const char* key);

// A field of an unexpected JSON type (nlohmann throws on value() of the wrong type): loaders catch
// the exception once and report it with this.
LoadError structure_error(const std::string& file, const nlohmann::json::exception& e);

// The string at object[key], or an error naming the field when it is missing or not a string.
Loaded<std::string> string_field(const nlohmann::json& object, const char* key, const std::string& file,
                                 const std::string& path);

// model.vocab ({"token": id, ...}) into index. Returns the first problem, if any.
std::optional<LoadError> read_vocab_object(const nlohmann::json& model, const std::string& file,
                                           TokenIndex& index);

// The added_tokens array. As in transformers.js, each token's content also goes into index under
// its id, and tokens with "normalized": true are matched after the normalizer, in the form
// normalize gives them. Returns the first problem, if any.
std::optional<LoadError> read_added_tokens(
    const nlohmann::json& root, const std::string& file, TokenIndex& index, AddedTokens& added,
    const std::function<std::u32string(std::u32string_view)>& normalize);

}  // namespace bank::text
