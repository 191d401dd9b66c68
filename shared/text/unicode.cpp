#include "shared/text/unicode.h"

#include <algorithm>
#include <array>
#include <vector>

namespace bank::unicode {
namespace {

using namespace tables;

// Hangul syllables decompose and compose by arithmetic (Unicode 3.12), not by table.
constexpr char32_t kHangulBase = 0xAC00, kHangulL = 0x1100, kHangulV = 0x1161, kHangulT = 0x11A7;
constexpr char32_t kHangulLCount = 19, kHangulVCount = 21, kHangulTCount = 28;
constexpr char32_t kHangulNCount = kHangulVCount * kHangulTCount;
constexpr char32_t kHangulSCount = kHangulLCount * kHangulNCount;

// Below these nothing decomposes / nothing has a non-zero combining class or composes: the
// checks that let plain Latin text skip every table.
constexpr char32_t kFirstDecomposable = 0xC0;
constexpr char32_t kFirstNonStarter = 0x300;

constexpr char32_t kCapitalSigma = 0x3A3, kSmallSigma = 0x3C3, kFinalSigma = 0x3C2;

// Property bits of the whole BMP, expanded once from the runs: BMP text is the hot path.
const std::array<std::uint16_t, 0x10000>& bmp_properties() {
    static const std::array<std::uint16_t, 0x10000> table = [] {
        std::array<std::uint16_t, 0x10000> t{};
        for (std::size_t r = 0; r < kPropertyRunCount; ++r) {
            const char32_t first = kPropertyRuns[r].first;
            if (first >= 0x10000) break;
            const char32_t end = r + 1 < kPropertyRunCount
                                     ? std::min<char32_t>(kPropertyRuns[r + 1].first, 0x10000)
                                     : 0x10000;
            std::fill(t.begin() + first, t.begin() + end, kPropertyRuns[r].flags);
        }
        return t;
    }();
    return table;
}

char32_t lower_single(char32_t cp) {
    if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
    const LowercaseRun* end = kLowercaseRuns + kLowercaseRunCount;
    const LowercaseRun* run = std::upper_bound(
        kLowercaseRuns, end, cp, [](char32_t c, const LowercaseRun& r) { return c < r.first; });
    if (run == kLowercaseRuns) return cp;
    --run;
    const char32_t offset = cp - run->first;
    if (offset % run->stride != 0 || offset / run->stride >= run->count) return cp;
    return static_cast<char32_t>(static_cast<std::int64_t>(cp) + run->delta);
}

// ICU's reading of Final_Sigma: skip case-ignorable characters (even ones that are also cased),
// then look at the first other character. Verified against V8 by the table generator.
bool cased_letter_near(std::u32string_view text, std::size_t sigma, int direction) {
    std::size_t i = sigma;
    while (direction < 0 ? i > 0 : i + 1 < text.size()) {
        i = direction < 0 ? i - 1 : i + 1;
        const std::uint16_t p = properties(text[i]);
        if (p & kCaseIgnorable) continue;
        return (p & kCased) != 0;
    }
    return false;
}

void append_decomposition(char32_t cp, std::u32string& out) {
    if (cp < kFirstDecomposable) {
        out += cp;
        return;
    }
    if (cp >= kHangulBase && cp < kHangulBase + kHangulSCount) {
        const char32_t s = cp - kHangulBase;
        out += kHangulL + s / kHangulNCount;
        out += kHangulV + (s % kHangulNCount) / kHangulTCount;
        if (s % kHangulTCount != 0) out += kHangulT + s % kHangulTCount;
        return;
    }
    const Decomposition* end = kDecompositions + kDecompositionCount;
    const Decomposition* d = std::lower_bound(
        kDecompositions, end, cp, [](const Decomposition& e, char32_t c) { return e.code_point < c; });
    if (d == end || d->code_point != cp) {
        out += cp;
        return;
    }
    out.append(kDecompositionPool + d->offset, d->length);
}

// Rank of the canonical combining class: 0 for starters, otherwise increasing with ccc.
int combining_rank(char32_t cp) {
    if (cp < kFirstNonStarter) return 0;
    const CombiningRange* end = kCombiningRanges + kCombiningRangeCount;
    const CombiningRange* r = std::upper_bound(
        kCombiningRanges, end, cp, [](char32_t c, const CombiningRange& e) { return c < e.first; });
    if (r == kCombiningRanges) return 0;
    --r;
    return cp <= r->last ? r->rank : 0;
}

// Canonical ordering: a stable sort of every run of non-starters by combining class.
void reorder_marks(std::u32string& s, std::size_t from) {
    for (std::size_t i = from + 1; i < s.size(); ++i) {
        const int rank = combining_rank(s[i]);
        if (rank == 0) continue;
        const char32_t cp = s[i];
        std::size_t j = i;
        while (j > from && combining_rank(s[j - 1]) > rank) {
            s[j] = s[j - 1];
            --j;
        }
        s[j] = cp;
    }
}

// Primary composite of (first, second), or 0 when the pair does not compose.
char32_t compose_pair(char32_t first, char32_t second) {
    if (first >= kHangulL && first < kHangulL + kHangulLCount && second >= kHangulV &&
        second < kHangulV + kHangulVCount) {
        return kHangulBase + ((first - kHangulL) * kHangulVCount + (second - kHangulV)) * kHangulTCount;
    }
    if (first >= kHangulBase && first < kHangulBase + kHangulSCount &&
        (first - kHangulBase) % kHangulTCount == 0 && second > kHangulT &&
        second < kHangulT + kHangulTCount) {
        return first + (second - kHangulT);
    }
    const Composition* end = kCompositions + kCompositionCount;
    const Composition* c = std::lower_bound(kCompositions, end, std::make_pair(first, second),
                                            [](const Composition& e, std::pair<char32_t, char32_t> key) {
                                                return e.first < key.first ||
                                                       (e.first == key.first && e.second < key.second);
                                            });
    return (c != end && c->first == first && c->second == second) ? c->composite : 0;
}

}  // namespace

std::uint16_t properties(char32_t cp) {
    if (cp < 0x10000) return bmp_properties()[cp];
    if (cp > 0x10FFFF) return 0;
    const PropertyRun* end = kPropertyRuns + kPropertyRunCount;
    const PropertyRun* run = std::upper_bound(
        kPropertyRuns, end, cp, [](char32_t c, const PropertyRun& r) { return c < r.first; });
    return (run - 1)->flags;
}

void to_lower(std::u32string_view text, std::u32string& out) {
    out.clear();
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char32_t cp = text[i];
        if (cp < 0x80) {
            out += (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
        } else if (cp == kCapitalSigma) {
            const bool final = cased_letter_near(text, i, -1) && !cased_letter_near(text, i, +1);
            out += final ? kFinalSigma : kSmallSigma;
        } else {
            const MultiLowercase* multi = std::find_if(
                kMultiLowercase, kMultiLowercase + kMultiLowercaseCount,
                [cp](const MultiLowercase& m) { return m.code_point == cp; });
            if (multi != kMultiLowercase + kMultiLowercaseCount) {
                for (char32_t c : multi->lower) {
                    if (c != 0) out += c;
                }
            } else {
                out += lower_single(cp);
            }
        }
    }
}

void nfd(std::u32string_view text, std::u32string& out) {
    out.clear();
    out.reserve(text.size());
    bool has_marks = false;
    for (char32_t cp : text) {
        append_decomposition(cp, out);
        has_marks = has_marks || cp >= kFirstDecomposable;
    }
    if (has_marks) reorder_marks(out, 0);
}

void nfc(std::u32string_view text, std::u32string& out) {
    if (std::all_of(text.begin(), text.end(), [](char32_t c) { return c < kFirstNonStarter; })) {
        out.assign(text);  // nothing below U+0300 decomposes under NFC or composes further
        return;
    }
    nfd(text, out);
    if (out.empty()) return;
    std::size_t starter = 0;
    bool have_starter = combining_rank(out[0]) == 0;
    // 256: above every rank, so a leading non-starter blocks nothing and composes with nothing.
    int last_rank = have_starter ? 0 : 256;
    std::size_t write = 1;
    for (std::size_t read = 1; read < out.size(); ++read) {
        const char32_t cp = out[read];
        const int rank = combining_rank(cp);
        // Not blocked: nothing between the starter and cp, or everything between has a lower class.
        if (have_starter && (last_rank < rank || last_rank == 0)) {
            if (const char32_t composite = compose_pair(out[starter], cp)) {
                out[starter] = composite;
                continue;
            }
        }
        if (rank == 0) {
            starter = write;
            have_starter = true;
        }
        last_rank = rank;
        out[write++] = cp;
    }
    out.resize(write);
}

}  // namespace bank::unicode
