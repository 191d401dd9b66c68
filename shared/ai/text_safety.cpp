#include "shared/ai/text_safety.h"

#include <cctype>
#include <cstdint>

#include "shared/text/utf8.h"

namespace bank::ai {

namespace {

const char* const kRemoved = "[removed]";

std::uint32_t decode(std::string_view s, std::size_t pos, std::size_t len) {
    const auto b = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(s[pos + i])); };
    switch (len) {
        case 1: return b(0);
        case 2: return ((b(0) & 0x1F) << 6) | (b(1) & 0x3F);
        case 3: return ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
        default: return ((b(0) & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
    }
}

bool is_invisible_or_control(std::uint32_t cp) {
    return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || cp == 0xAD ||
           (cp >= 0x200B && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202E) ||
           (cp >= 0x2060 && cp <= 0x206F) || cp == 0xFEFF || (cp >= 0xFFF9 && cp <= 0xFFFB) ||
           (cp >= 0xE0000 && cp <= 0xE007F);
}

std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool looks_personal(const std::string& token) {
    const std::string t = ascii_lower(token);
    if (t.find('@') != std::string::npos) return true;
    if (t.find("://") != std::string::npos || t.rfind("www.", 0) == 0) return true;
    int digits = 0;
    for (char c : t) {
        digits = std::isdigit(static_cast<unsigned char>(c)) ? digits + 1 : 0;
        if (digits >= 3) return true;
    }
    return false;
}

// Strips punctuation around a word so "Dublin," matches "dublin".
std::string bare_word(const std::string& token) {
    std::size_t a = 0, b = token.size();
    while (a < b && std::ispunct(static_cast<unsigned char>(token[a]))) ++a;
    while (b > a && std::ispunct(static_cast<unsigned char>(token[b - 1]))) --b;
    return ascii_lower(std::string_view(token).substr(a, b - a));
}

// The forms a word can take inside a token and still name the same person or place: the bare
// word, the word without a possessive ("O'Brien's"), and each piece between punctuation
// ("Liam's", "Liam-Byrne", "Dublin/Cork").
std::vector<std::string> word_forms(const std::string& token) {
    std::vector<std::string> forms = {bare_word(token)};
    for (std::string_view possessive : {"'s", "\u2019s"}) {
        const std::string& bare = forms.front();
        if (bare.size() > possessive.size() && bare.compare(bare.size() - possessive.size(), possessive.size(), possessive) == 0)
            forms.push_back(bare.substr(0, bare.size() - possessive.size()));
    }
    std::string piece;
    for (char c : forms.front() + ".") {
        if (!std::ispunct(static_cast<unsigned char>(c))) {
            piece += c;
        } else if (!piece.empty()) {
            forms.push_back(piece);
            piece.clear();
        }
    }
    return forms;
}

}  // namespace

std::size_t utf8_length(std::string_view text) {
    std::size_t n = 0;
    for (std::size_t pos = 0; pos < text.size();) {
        const std::size_t len = utf8_sequence_length(text, pos);
        pos += len == 0 ? 1 : len;
        ++n;
    }
    return n;
}

namespace {

// Valid, visible characters only; every kind of space becomes one ASCII space; no markup or
// template syntax even inside quoted data.
std::string visible_text(std::string_view raw) {
    std::string visible;
    for (std::size_t pos = 0; pos < raw.size();) {
        const std::size_t len = utf8_sequence_length(raw, pos);
        if (len == 0) {
            ++pos;
            continue;
        }
        const std::uint32_t cp = decode(raw, pos, len);
        if (cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200A) ||
            cp == 0x3000 || cp == '<' || cp == '>' || cp == '`' || cp == '{' || cp == '}') {
            visible += ' ';
        } else if (!is_invisible_or_control(cp)) {
            visible.append(raw.substr(pos, len));
        }
        pos += len;
    }
    return visible;
}

// Words separated by single spaces, each passed through `keep` (which may replace it).
template <class Keep> std::string rejoin_words(const std::string& text, Keep keep) {
    std::string out;
    std::size_t pos = 0;
    while (pos < text.size()) {
        while (pos < text.size() && text[pos] == ' ') ++pos;
        const std::size_t end = text.find(' ', pos);
        const std::string token = text.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
        pos = end == std::string::npos ? text.size() : end;
        if (token.empty()) continue;
        if (!out.empty()) out += ' ';
        out += keep(token);
    }
    return out;
}

std::string cut_to(std::string text, std::size_t max_chars) {
    std::size_t chars = 0, cut = 0;
    while (cut < text.size() && chars < max_chars) {
        const std::size_t len = utf8_sequence_length(text, cut);
        cut += len == 0 ? 1 : len;
        ++chars;
    }
    text.resize(cut);
    while (!text.empty() && text.back() == ' ') text.pop_back();
    return text;
}

}  // namespace

std::string clean_plain_text(std::string_view raw, std::size_t max_chars) {
    return cut_to(rejoin_words(visible_text(raw), [](const std::string& w) { return w; }), max_chars);
}

std::string clean_customer_text(std::string_view raw, const std::vector<std::string>& redact_words,
                                std::size_t max_chars) {
    std::vector<std::string> redact;
    for (const std::string& w : redact_words) {
        if (w.size() >= 2) redact.push_back(ascii_lower(w));
    }
    const std::string words = rejoin_words(visible_text(raw), [&](const std::string& token) {
        bool personal = looks_personal(token);
        for (const std::string& form : word_forms(token)) {
            for (const std::string& w : redact) personal = personal || form == w;
        }
        return personal ? std::string(kRemoved) : token;
    });
    return cut_to(words, max_chars);
}

std::optional<std::string> plain_text_problem(std::string_view text, std::size_t max_chars) {
    if (text.empty()) return std::string("is empty");
    for (std::size_t pos = 0; pos < text.size();) {
        const std::size_t len = utf8_sequence_length(text, pos);
        if (len == 0) return std::string("is not valid UTF-8");
        if (is_invisible_or_control(decode(text, pos, len)))
            return std::string("contains control or invisible characters");
        pos += len;
    }
    if (utf8_length(text) > max_chars) return "is longer than " + std::to_string(max_chars) + " characters";
    const std::string lower = ascii_lower(text);
    for (std::size_t i = 0; i + 1 < lower.size(); ++i) {
        const char c = lower[i + 1];
        if (lower[i] == '<' && (std::isalpha(static_cast<unsigned char>(c)) || c == '/' || c == '!' || c == '?'))
            return std::string("contains HTML");
    }
    for (const char* marker : {"```", "](", "**", "__", "http://", "https://", "www.", "javascript:",
                               "data:", "mailto:", "&lt;", "&#"}) {
        if (lower.find(marker) != std::string::npos) return std::string("contains markup or a link");
    }
    if (lower[0] == '#' || lower[0] == '>' || lower.rfind("- ", 0) == 0 || lower.rfind("* ", 0) == 0)
        return std::string("contains Markdown");
    return std::nullopt;
}

}  // namespace bank::ai
