#include "shared/text/clip_pre_tokenizer.h"

#include "shared/text/unicode.h"

namespace bank::text {
namespace {

using namespace unicode::tables;

constexpr std::u32string_view kStartOfText = U"<|startoftext|>";
constexpr std::u32string_view kEndOfText = U"<|endoftext|>";

// Length of the contraction 's 't 're 've 'm 'll 'd at text[i], or 0.
std::size_t contraction_at(std::u32string_view text, std::size_t i) {
    if (text[i] != U'\'' || i + 1 >= text.size()) return 0;
    const char32_t a = text[i + 1];
    if (a == U's' || a == U't' || a == U'm' || a == U'd') return 2;
    if (i + 2 >= text.size()) return 0;
    const char32_t b = text[i + 2];
    if ((a == U'r' && b == U'e') || (a == U'v' && b == U'e') || (a == U'l' && b == U'l')) return 3;
    return 0;
}

template <class Predicate>
std::size_t run_end(std::u32string_view text, std::size_t i, Predicate keep) {
    while (i < text.size() && keep(unicode::properties(text[i]))) ++i;
    return i;
}

const auto is_letter = [](std::uint16_t p) { return (p & kLetter) != 0; };
const auto is_number = [](std::uint16_t p) { return (p & kNumber) != 0; };

// End of the Split-pattern match starting at i, or i when none starts there.
std::size_t split_match_end(std::u32string_view text, std::size_t i) {
    if (text.compare(i, kStartOfText.size(), kStartOfText) == 0) return i + kStartOfText.size();
    if (text.compare(i, kEndOfText.size(), kEndOfText) == 0) return i + kEndOfText.size();
    if (const std::size_t n = contraction_at(text, i)) return i + n;
    const std::uint16_t p = unicode::properties(text[i]);
    if (p & kLetter) return run_end(text, i, is_letter);
    if (p & kNumber) return i + 1;
    if (p & kWhiteSpace) return i;
    return run_end(text, i, [](std::uint16_t q) { return (q & (kWhiteSpace | kLetter | kNumber)) == 0; });
}

// End of the GPT-2-pattern match starting at i; the pattern matches every character somewhere,
// so a match always starts at i.
std::size_t byte_level_match_end(std::u32string_view text, std::size_t i) {
    if (const std::size_t n = contraction_at(text, i)) return i + n;
    const auto is_other = [](std::uint16_t q) { return (q & (kJsSpace | kLetter | kNumber)) == 0; };
    // " ?X+": an optional leading space (U+0020 only) glued to a run of letters, digits or others.
    const std::size_t body = (text[i] == U' ' && i + 1 < text.size()) ? i + 1 : i;
    for (std::size_t start : {body, i}) {
        const std::uint16_t p = unicode::properties(text[start]);
        if (p & kLetter) return run_end(text, start, is_letter);
        if (p & kNumber) return run_end(text, start, is_number);
        if (is_other(p)) return run_end(text, start, is_other);
        if (start == i) break;
    }
    // "\s+(?!\S)|\s+": a whitespace run, less its last character when a non-space follows, so
    // that character can lead the next word - unless the run is a single character.
    const std::size_t end = run_end(text, i, [](std::uint16_t q) { return (q & kJsSpace) != 0; });
    if (end < text.size() && end - i > 1) return end - 1;
    return end;
}

}  // namespace

void clip_pre_tokenize(std::u32string_view text, std::vector<std::u32string_view>& pieces) {
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t end = split_match_end(text, i);
        if (end == i) {
            ++i;
            continue;
        }
        const std::u32string_view piece = text.substr(i, end - i);
        for (std::size_t j = 0; j < piece.size();) {
            const std::size_t k = byte_level_match_end(piece, j);
            pieces.push_back(piece.substr(j, k - j));
            j = k;
        }
        i = end;
    }
}

}  // namespace bank::text
