// WordPieceTokenizer::from_files: a tokenizer.json is checked to describe the pipeline this class
// implements, so a different tokenizer fails loudly at load time instead of producing ids the
// model was never trained on.
#include <cctype>

#include "shared/text/tokenizer_json.h"
#include "shared/text/utf8.h"
#include "shared/text/wordpiece_tokenizer.h"

namespace bank {
namespace {

using nlohmann::json;

const std::string kJsonFile = "tokenizer.json";
const std::string kVocabFile = "vocab.txt";

bool looks_like_json(std::string_view contents) {
    for (char c : contents) {
        if (!std::isspace(static_cast<unsigned char>(c))) return c == '{';
    }
    return false;
}

std::optional<LoadError> read_normalizer(const json& root, text::BertNormalizerOptions& options) {
    const json& n = text::member(root, "normalizer");
    if (!n.is_object() || n.value("type", "") != "BertNormalizer") {
        return text::field_error(kJsonFile, "normalizer", n.is_object() ? text::member(n, "type") : n,
                                 "is not supported", "BertNormalizer");
    }
    options.clean_text = n.value("clean_text", true);
    options.handle_chinese_chars = n.value("handle_chinese_chars", true);
    options.lowercase = n.value("lowercase", true);
    const json& strip = text::member(n, "strip_accents");
    if (strip.is_boolean()) options.strip_accents = strip.get<bool>();
    return std::nullopt;
}

// [CLS] and [SEP] from a TemplateProcessing "single" template ([CLS] $A [SEP]) or BertProcessing.
std::optional<LoadError> read_post_processor(const json& root, const text::TokenIndex& vocab,
                                             std::int32_t& cls, std::int32_t& sep) {
    const json& p = text::member(root, "post_processor");
    const std::string expected = "TemplateProcessing [CLS] $A [SEP], or BertProcessing";
    const std::string type = p.is_object() ? p.value("type", "") : "";
    std::string cls_token, sep_token;
    if (type == "BertProcessing") {
        if (text::member(p, "cls").is_array() && p["cls"].size() == 2 && p["cls"][0].is_string()) {
            cls_token = p["cls"][0].get<std::string>();
        }
        if (text::member(p, "sep").is_array() && p["sep"].size() == 2 && p["sep"][0].is_string()) {
            sep_token = p["sep"][0].get<std::string>();
        }
    } else if (type == "TemplateProcessing") {
        const json& single = text::member(p, "single");
        if (single.is_array() && single.size() == 3 && single[0].contains("SpecialToken") &&
            single[1].contains("Sequence") && single[2].contains("SpecialToken")) {
            cls_token = single[0]["SpecialToken"].value("id", "");
            sep_token = single[2]["SpecialToken"].value("id", "");
        }
    } else {
        return text::field_error(kJsonFile, "post_processor.type", p.is_object() ? text::member(p, "type") : p,
                                 "is not supported", expected);
    }
    cls = vocab.find(cls_token);
    sep = vocab.find(sep_token);
    if (cls < 0 || sep < 0) {
        return text::field_error(kJsonFile, "post_processor", json(cls_token + " " + sep_token),
                                 "does not name two tokens of the vocabulary", expected);
    }
    return std::nullopt;
}

std::optional<LoadError> find_special(const text::TokenIndex& vocab, const std::string& file,
                                      const std::string& token, std::int32_t& id) {
    id = vocab.find(token);
    if (id >= 0) return std::nullopt;
    LoadError error;
    error.file = file;
    error.value = token;
    error.problem = "is not in the vocabulary";
    error.expected = "a BERT vocabulary with [PAD], [UNK], [CLS] and [SEP]";
    return error;
}

}  // namespace

// Everything tokenizer.json contributes: vocabulary, pipeline options, added tokens, [CLS]/[SEP].
std::optional<LoadError> WordPieceTokenizer::read_tokenizer_json(std::string_view contents, std::string& unk) {
    Loaded<json> parsed = text::parse_json_file(contents, kJsonFile);
    if (!parsed) return parsed.error();
    const json& root = parsed.value();
    try {
        const json& model = text::member(root, "model");
        if (!model.is_object() || model.value("type", "") != "WordPiece") {
            return text::field_error(kJsonFile, "model.type", model.is_object() ? text::member(model, "type") : model,
                                     "is not supported", "WordPiece");
        }
        if (auto e = text::read_vocab_object(model, kJsonFile, vocab_)) return e;
        if (auto e = read_normalizer(root, normalizer_)) return e;
        const json& pre = text::member(root, "pre_tokenizer");
        if (!pre.is_object() || pre.value("type", "") != "BertPreTokenizer") {
            return text::field_error(kJsonFile, "pre_tokenizer.type", pre.is_object() ? text::member(pre, "type") : pre,
                                     "is not supported", "BertPreTokenizer");
        }
        Loaded<std::string> unk_token = text::string_field(model, "unk_token", kJsonFile, "model.");
        if (!unk_token) return unk_token.error();
        unk = unk_token.value();
        continuing_prefix_ = model.value("continuing_subword_prefix", "##");
        max_chars_per_word_ = model.value("max_input_chars_per_word", std::size_t{100});
        const text::BertNormalizerOptions options = normalizer_;
        auto normalize = [options](std::u32string_view s) {
            std::u32string out, scratch;
            text::bert_normalize(s, options, scratch, out);
            return out;
        };
        if (auto e = text::read_added_tokens(root, kJsonFile, vocab_, added_tokens_, normalize)) return e;
        return read_post_processor(root, vocab_, cls_id_, sep_id_);
    } catch (const json::exception& e) {
        return text::structure_error(kJsonFile, e);
    }
}

// vocab.txt: the token on line n has id n - 1. BERT's own loader strips the line ending only, so
// a token may contain spaces. The special tokens are matched in the raw text, as tokenizer.json
// marks them.
std::optional<LoadError> WordPieceTokenizer::read_vocab_txt(std::string_view contents) {
    std::int32_t id = 0;
    std::size_t start = 0;
    while (start < contents.size()) {
        std::size_t end = contents.find('\n', start);
        if (end == std::string_view::npos) end = contents.size();
        std::string_view token = contents.substr(start, end - start);
        if (!token.empty() && token.back() == '\r') token.remove_suffix(1);
        vocab_.add(token, id++);
        start = end + 1;
    }
    for (const char* special : {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"}) {
        const std::int32_t special_id = vocab_.find(special);
        if (special_id >= 0) added_tokens_.add(decode_utf8(special), special_id, false, {});
    }
    if (auto e = find_special(vocab_, kVocabFile, "[CLS]", cls_id_)) return e;
    return find_special(vocab_, kVocabFile, "[SEP]", sep_id_);
}

Loaded<WordPieceTokenizer> WordPieceTokenizer::from_files(std::string_view contents) {
    WordPieceTokenizer t;
    const bool is_json = looks_like_json(contents);
    std::string unk = "[UNK]";
    if (auto e = is_json ? t.read_tokenizer_json(contents, unk) : t.read_vocab_txt(contents)) return *e;
    const std::string& file = is_json ? kJsonFile : kVocabFile;
    if (auto e = find_special(t.vocab_, file, unk, t.unk_id_)) return *e;
    if (auto e = find_special(t.vocab_, file, "[PAD]", t.pad_id_)) return *e;
    return Loaded<WordPieceTokenizer>(std::move(t));
}

}  // namespace bank
