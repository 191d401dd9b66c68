#include "shared/text/wordpiece_tokenizer.h"

#include <algorithm>

#include "shared/text/bert_pre_tokenizer.h"
#include "shared/text/utf8.h"

namespace bank {
namespace {

// [CLS] and [SEP] must fit, whatever the caller asks for.
constexpr std::size_t kMinLength = 2;

}  // namespace

std::vector<std::int32_t> WordPieceTokenizer::token_ids(std::string_view text) const {
    const std::u32string decoded = decode_utf8(text);
    std::vector<text::Section> sections;
    added_tokens_.split(decoded, false, sections);
    std::vector<std::int32_t> ids{cls_id_};
    for (const text::Section& section : sections) {
        if (section.token_id >= 0) {
            ids.push_back(section.token_id);
        } else {
            append_text(section.text, ids);
        }
    }
    ids.push_back(sep_id_);
    return ids;
}

void WordPieceTokenizer::append_text(std::u32string_view section, std::vector<std::int32_t>& ids) const {
    if (const std::int32_t whole = added_tokens_.exact(section); whole >= 0) {
        ids.push_back(whole);
        return;
    }
    std::u32string normalized, scratch;
    text::bert_normalize(section, normalizer_, scratch, normalized);
    std::vector<text::Section> parts;
    added_tokens_.split(normalized, true, parts);
    std::vector<std::u32string_view> words;
    for (const text::Section& part : parts) {
        const std::int32_t token = part.token_id >= 0 ? part.token_id : added_tokens_.exact(part.text);
        if (token >= 0) {
            ids.push_back(token);
            continue;
        }
        words.clear();
        text::bert_pre_tokenize(part.text, words);
        for (std::u32string_view word : words) append_word(word, ids);
    }
}

// Greedy longest-match-first: the longest vocabulary entry that starts the rest of the word,
// "##"-prefixed after the first piece. A word with any unmatched rest is a single [UNK].
void WordPieceTokenizer::append_word(std::u32string_view word, std::vector<std::int32_t>& ids) const {
    if (word.size() > max_chars_per_word_) {
        ids.push_back(unk_id_);
        return;
    }
    std::string utf8;
    std::vector<std::size_t> offsets;  // byte offset of each character, and of the end
    offsets.reserve(word.size() + 1);
    for (char32_t cp : word) {
        offsets.push_back(utf8.size());
        append_utf8(utf8, cp);
    }
    offsets.push_back(utf8.size());

    const std::size_t first_piece = ids.size();
    std::size_t start = 0;
    while (start < word.size()) {
        std::int32_t found = text::TokenIndex::kMissing;
        std::size_t end = word.size();
        const std::string_view prefix = start > 0 ? std::string_view(continuing_prefix_) : std::string_view();
        for (; end > start; --end) {
            found = vocab_.find(prefix, std::string_view(utf8).substr(offsets[start], offsets[end] - offsets[start]));
            if (found != text::TokenIndex::kMissing) break;
        }
        if (found == text::TokenIndex::kMissing) {
            ids.resize(first_piece);
            ids.push_back(unk_id_);
            return;
        }
        ids.push_back(found);
        start = end;
    }
}

std::vector<std::int32_t> WordPieceTokenizer::truncated_ids(std::string_view text, std::size_t max_len) const {
    std::vector<std::int32_t> ids = token_ids(text);
    text::truncate_keeping_end(ids, std::max(max_len, kMinLength));
    return ids;
}

TokenizedBatch WordPieceTokenizer::encode(std::string_view text, std::size_t max_len) const {
    std::vector<std::vector<std::int32_t>> rows{truncated_ids(text, max_len)};
    const std::size_t seq_len = rows[0].size();
    return text::pack_rows(rows, seq_len, pad_id_, true);
}

TokenizedBatch WordPieceTokenizer::encode_batch(const std::vector<std::string>& texts, std::size_t max_len,
                                                bool pad_to_longest) const {
    std::vector<std::vector<std::int32_t>> rows;
    rows.reserve(texts.size());
    std::size_t longest = 0;
    for (const std::string& t : texts) {
        rows.push_back(truncated_ids(t, max_len));
        longest = std::max(longest, rows.back().size());
    }
    return text::pack_rows(rows, pad_to_longest ? longest : std::max(max_len, kMinLength), pad_id_, true);
}

}  // namespace bank
