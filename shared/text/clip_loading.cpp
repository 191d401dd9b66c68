// ClipTokenizer::from_files: tokenizer.json is checked to describe exactly the pipeline this class
// implements, so a different tokenizer fails loudly at load time instead of producing ids the
// model was never trained on.
#include "shared/text/clip_normalizer.h"
#include "shared/text/clip_tokenizer.h"
#include "shared/text/tokenizer_json.h"

namespace bank {
namespace {

using nlohmann::json;

const std::string kJsonFile = "tokenizer.json";
const std::string kConfigFile = "tokenizer_config.json";
const std::string kSplitPattern =
    R"(<\|startoftext\|>|<\|endoftext\|>|'s|'t|'re|'ve|'m|'ll|'d|[\p{L}]+|[\p{N}]|[^\s\p{L}\p{N}]+)";

bool is_type(const json& j, const char* type) { return j.is_object() && j.value("type", "") == type; }

std::optional<LoadError> check_pipeline(const json& root) {
    const json& n = text::member(root, "normalizer");
    const json& steps = is_type(n, "Sequence") ? text::member(n, "normalizers") : json();
    const bool normalizer_ok = steps.is_array() && steps.size() == 3 && is_type(steps[0], "NFC") &&
                               is_type(steps[1], "Replace") &&
                               text::member(steps[1], "pattern").value("Regex", "") == "\\s+" &&
                               steps[1].value("content", "") == " " && is_type(steps[2], "Lowercase");
    if (!normalizer_ok) {
        return text::field_error(kJsonFile, "normalizer", json(), "is not CLIP's",
                                 "Sequence [NFC, Replace \\s+ with ' ', Lowercase]");
    }
    const json& p = text::member(root, "pre_tokenizer");
    const json& pre = is_type(p, "Sequence") ? text::member(p, "pretokenizers") : json();
    const bool pre_ok = pre.is_array() && pre.size() == 2 && is_type(pre[0], "Split") &&
                        text::member(pre[0], "pattern").value("Regex", "") == kSplitPattern &&
                        pre[0].value("invert", false) && is_type(pre[1], "ByteLevel") &&
                        !pre[1].value("add_prefix_space", false) && pre[1].value("use_regex", true);
    if (!pre_ok) {
        return text::field_error(kJsonFile, "pre_tokenizer", json(), "is not CLIP's",
                                 "Sequence [Split (CLIP pattern, inverted), ByteLevel without prefix space]");
    }
    const json& model = text::member(root, "model");
    const bool plain_bpe = is_type(model, "BPE") && text::member(model, "byte_fallback") != true &&
                           text::member(model, "ignore_merges") != true && text::member(model, "dropout").is_null() &&
                           text::member(model, "end_of_word_suffix").is_string();
    if (!plain_bpe) {
        return text::field_error(kJsonFile, "model", json(), "is not a plain BPE model",
                                 "type BPE with an end_of_word_suffix, without byte_fallback, ignore_merges or dropout");
    }
    return std::nullopt;
}

std::optional<LoadError> read_merges(const json& model, std::vector<std::pair<std::string, std::string>>& merges) {
    const json& list = text::member(model, "merges");
    if (!list.is_array()) {
        return text::field_error(kJsonFile, "model.merges", json(), "is missing", "a list of merges");
    }
    merges.reserve(list.size());
    for (std::size_t i = 0; i < list.size(); ++i) {
        const json& m = list[i];
        // Older files write "left right", newer ones ["left", "right"].
        if (m.is_string()) {
            const std::string s = m.get<std::string>();
            const std::size_t space = s.find(' ');
            if (space != std::string::npos && space > 0 && space + 1 < s.size()) {
                merges.emplace_back(s.substr(0, space), s.substr(space + 1, s.find(' ', space + 1) - space - 1));
                continue;
            }
        } else if (m.is_array() && m.size() == 2 && m[0].is_string() && m[1].is_string()) {
            merges.emplace_back(m[0].get<std::string>(), m[1].get<std::string>());
            continue;
        }
        return text::field_error(kJsonFile, "model.merges[" + std::to_string(i) + "]", m, "is not a merge",
                                 "\"left right\" or [\"left\", \"right\"]");
    }
    return std::nullopt;
}

std::optional<LoadError> read_roberta_ids(const json& root, const text::TokenIndex& vocab, std::int32_t& start,
                                          std::int32_t& end) {
    const json& p = text::member(root, "post_processor");
    const auto token_of = [&](const char* key) {
        const json& pair = text::member(p, key);
        return pair.is_array() && pair.size() == 2 && pair[0].is_string() ? vocab.find(pair[0].get<std::string>())
                                                                         : text::TokenIndex::kMissing;
    };
    if (is_type(p, "RobertaProcessing")) {
        start = token_of("cls");
        end = token_of("sep");
    }
    if (start < 0 || end < 0) {
        return text::field_error(kJsonFile, "post_processor", json(), "does not name CLIP's start and end tokens",
                                 "RobertaProcessing with cls <|startoftext|> and sep <|endoftext|>");
    }
    return std::nullopt;
}

// pad_token of tokenizer_config.json, a string or {"content": ...}; empty when absent.
Loaded<std::string> read_pad_token(std::string_view config_json) {
    if (config_json.empty()) return std::string();
    Loaded<json> parsed = text::parse_json_file(config_json, kConfigFile);
    if (!parsed) return parsed.error();
    const json& config = parsed.value();
    const json pad = config.is_object() && config.contains("pad_token") ? config["pad_token"] : json();
    if (pad.is_string()) return pad.get<std::string>();
    if (pad.is_object() && text::member(pad, "content").is_string()) return pad["content"].get<std::string>();
    return std::string();
}

}  // namespace

// Everything tokenizer.json contributes: the checked pipeline, vocabulary, merges, added tokens
// and the start/end tokens.
std::optional<LoadError> ClipTokenizer::read_tokenizer_json(std::string_view contents, text::TokenIndex& vocab) {
    Loaded<json> parsed = text::parse_json_file(contents, kJsonFile);
    if (!parsed) return parsed.error();
    const json& root = parsed.value();
    try {
        if (auto e = check_pipeline(root)) return e;
        const json& model = text::member(root, "model");
        if (auto e = text::read_vocab_object(model, kJsonFile, vocab)) return e;
        std::vector<std::pair<std::string, std::string>> merges;
        if (auto e = read_merges(model, merges)) return e;
        auto normalize = [](std::u32string_view s) {
            std::u32string out, scratch;
            text::clip_normalize(s, scratch, out);
            return out;
        };
        if (auto e = text::read_added_tokens(root, kJsonFile, vocab, added_tokens_, normalize)) return e;
        if (auto e = read_roberta_ids(root, vocab, start_id_, end_id_)) return e;
        std::string problem;
        std::optional<text::BytePairEncoder> bpe =
            text::BytePairEncoder::build(vocab, merges, model["end_of_word_suffix"].get<std::string>(), problem);
        if (!bpe) return text::field_error(kJsonFile, "model", json(), problem, "a byte-level BPE vocabulary");
        bpe_ = std::move(*bpe);
        return std::nullopt;
    } catch (const json::exception& e) {
        return text::structure_error(kJsonFile, e);
    }
}

Loaded<ClipTokenizer> ClipTokenizer::from_files(std::string_view tokenizer_json, std::string_view tokenizer_config_json) {
    ClipTokenizer t;
    text::TokenIndex vocab;
    if (auto e = t.read_tokenizer_json(tokenizer_json, vocab)) return *e;
    Loaded<std::string> pad = read_pad_token(tokenizer_config_json);
    if (!pad) return pad.error();
    t.pad_id_ = pad.value().empty() ? t.end_id_ : vocab.find(pad.value());
    if (t.pad_id_ < 0) {
        return text::field_error(kConfigFile, "pad_token", json(pad.value()), "is not in the vocabulary",
                                 "a token of tokenizer.json");
    }
    return Loaded<ClipTokenizer>(std::move(t));
}

}  // namespace bank
