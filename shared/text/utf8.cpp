#include "shared/text/utf8.h"

namespace bank {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

// One step of decoding at text[pos]: the code point, or U+FFFD with `well_formed` false, and how
// many bytes the step consumed. An ill-formed sequence consumes its maximal subpart only: the byte
// that broke it is read again as the start of what follows.
struct Step {
    char32_t code_point = kReplacement;
    std::size_t consumed = 1;
    bool well_formed = false;
};

Step decode_at(std::string_view text, std::size_t pos) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(pos);
    if (lead < 0x80) return {lead, 1, true};

    std::size_t needed = 0;
    // The first continuation byte has a narrower range after some leads: that is what rules out
    // overlong forms (E0, F0), surrogates (ED) and code points above U+10FFFF (F4).
    unsigned char low = 0x80, high = 0xBF;
    char32_t cp = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
        needed = 1;
        cp = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        needed = 2;
        cp = lead & 0x0F;
        if (lead == 0xE0) low = 0xA0;
        if (lead == 0xED) high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        needed = 3;
        cp = lead & 0x07;
        if (lead == 0xF0) low = 0x90;
        if (lead == 0xF4) high = 0x8F;
    } else {
        return {};
    }
    std::size_t next = pos + 1;
    for (std::size_t k = 0; k < needed; ++k, ++next) {
        if (next >= text.size() || byte(next) < low || byte(next) > high) return {kReplacement, next - pos, false};
        cp = (cp << 6) | (byte(next) & 0x3F);
        low = 0x80;
        high = 0xBF;
    }
    return {cp, next - pos, true};
}

}  // namespace

std::size_t utf8_sequence_length(std::string_view text, std::size_t pos) {
    const Step step = decode_at(text, pos);
    return step.well_formed ? step.consumed : 0;
}

std::u32string decode_utf8(std::string_view bytes) {
    std::u32string out;
    out.reserve(bytes.size());
    for (std::size_t pos = 0; pos < bytes.size();) {
        const Step step = decode_at(bytes, pos);
        out += step.code_point;
        pos += step.consumed;
    }
    return out;
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = kReplacement;
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

}  // namespace bank
