#include "shared/text/clip_tokenizer.h"

#include "shared/text/clip_normalizer.h"
#include "shared/text/clip_pre_tokenizer.h"
#include "shared/text/utf8.h"

namespace bank {

std::vector<std::int32_t> ClipTokenizer::token_ids(std::string_view text) const {
    const std::u32string decoded = decode_utf8(text);
    std::vector<text::Section> sections;
    added_tokens_.split(decoded, false, sections);
    std::vector<std::int32_t> ids{start_id_};
    for (const text::Section& section : sections) {
        if (section.token_id >= 0) {
            ids.push_back(section.token_id);
        } else {
            append_text(section.text, ids);
        }
    }
    ids.push_back(end_id_);
    return ids;
}

void ClipTokenizer::append_text(std::u32string_view section, std::vector<std::int32_t>& ids) const {
    // transformers.js checks a whole section against the added tokens before and after
    // normalizing: "<|ENDOFTEXT|>" alone is the end token, inside a sentence it is text.
    if (const std::int32_t whole = added_tokens_.exact(section); whole >= 0) {
        ids.push_back(whole);
        return;
    }
    std::u32string normalized, scratch;
    text::clip_normalize(section, scratch, normalized);
    std::vector<text::Section> parts;
    added_tokens_.split(normalized, true, parts);
    std::vector<std::u32string_view> pieces;
    std::string bytes;
    for (const text::Section& part : parts) {
        const std::int32_t token = part.token_id >= 0 ? part.token_id : added_tokens_.exact(part.text);
        if (token >= 0) {
            ids.push_back(token);
            continue;
        }
        pieces.clear();
        text::clip_pre_tokenize(part.text, pieces);
        for (std::u32string_view piece : pieces) {
            bytes.clear();
            for (char32_t cp : piece) append_utf8(bytes, cp);
            bpe_.encode_word(bytes, ids);
        }
    }
}

std::vector<std::int32_t> ClipTokenizer::row(std::string_view text) const {
    std::vector<std::int32_t> ids = token_ids(text);
    text::truncate_keeping_end(ids, kContextLength);
    return ids;
}

TokenizedBatch ClipTokenizer::encode(std::string_view text) const {
    return text::pack_rows({row(text)}, kContextLength, pad_id_, false);
}

TokenizedBatch ClipTokenizer::encode_batch(const std::vector<std::string>& texts) const {
    std::vector<std::vector<std::int32_t>> rows;
    rows.reserve(texts.size());
    for (const std::string& t : texts) rows.push_back(row(t));
    return text::pack_rows(rows, kContextLength, pad_id_, false);
}

}  // namespace bank
