#include "shared/ai/quoted_numbers.h"

#include <cctype>
#include <cstdlib>
#include <map>
#include <optional>

namespace bank::ai {

namespace {

struct Token {
    enum Kind { Word, Number, Mark } kind;
    std::string text;  // words lower-cased; numbers without separators; marks as one ASCII stand-in
    bool glued;        // nothing between it and the token before
    std::size_t begin, end;
};

bool is_letter(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

bool thousands_group_at(std::string_view s, std::size_t i) {
    return s[i] == ',' && i + 3 < s.size() && is_digit(s[i + 1]) && is_digit(s[i + 2]) && is_digit(s[i + 3]) &&
           (i + 4 >= s.size() || !is_digit(s[i + 4]));
}

// "1,000.50" -> "1000.50": a comma separates thousands only before exactly three digits.
std::size_t scan_number(std::string_view s, std::size_t i, std::string& out) {
    while (i < s.size()) {
        if (is_digit(s[i])) {
            out += s[i++];
        } else if (thousands_group_at(s, i)) {
            ++i;
        } else if (s[i] == '.' && i + 1 < s.size() && is_digit(s[i + 1]) && out.find('.') == std::string::npos) {
            out += s[i++];
        } else {
            break;
        }
    }
    return i;
}

// The non-ASCII marks that matter for figures, each as an ASCII stand-in, and their byte length.
std::optional<std::pair<char, std::size_t>> wide_mark(std::string_view s, std::size_t i) {
    const auto at = [&](std::string_view seq) { return s.substr(i, seq.size()) == seq; };
    if (at("\xE2\x82\xAC")) return std::make_pair('E', std::size_t{3});  // euro sign
    if (at("\xC2\xA3")) return std::make_pair('L', std::size_t{2});      // pound sign
    if (at("\xC3\x97")) return std::make_pair('x', std::size_t{2});      // multiplication sign
    if (at("\xE2\x80\x93") || at("\xE2\x80\x94")) return std::make_pair('-', std::size_t{3});  // en, em dash
    return std::nullopt;
}

std::vector<Token> tokens_of(std::string_view s) {
    std::vector<Token> tokens;
    bool glued = false;
    std::size_t i = 0;
    while (i < s.size()) {
        const std::size_t begin = i;
        if (s[i] == ' ') {
            glued = false;
            ++i;
            continue;
        }
        Token t{Token::Mark, "", glued, begin, begin};
        if (is_letter(s[i])) {
            t.kind = Token::Word;
            while (i < s.size() && is_letter(s[i]))
                t.text += static_cast<char>(std::tolower(static_cast<unsigned char>(s[i++])));
        } else if (is_digit(s[i])) {
            t.kind = Token::Number;
            i = scan_number(s, i, t.text);
        } else if (const auto mark = wide_mark(s, i)) {
            t.text = std::string(1, mark->first);
            i += mark->second;
        } else {
            t.text = std::string(1, s[i]);
            // Other multi-byte characters count as one mark, so they break figures apart.
            ++i;
            while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
        }
        t.end = i;
        tokens.push_back(std::move(t));
        glued = true;
    }
    return tokens;
}

const std::map<std::string, int>& spelled_values() {
    static const std::map<std::string, int> values = {
        {"zero", 0},     {"one", 1},        {"two", 2},        {"three", 3},     {"four", 4},
        {"five", 5},     {"six", 6},        {"seven", 7},      {"eight", 8},     {"nine", 9},
        {"ten", 10},     {"eleven", 11},    {"twelve", 12},    {"thirteen", 13}, {"fourteen", 14},
        {"fifteen", 15}, {"sixteen", 16},   {"seventeen", 17}, {"eighteen", 18}, {"nineteen", 19},
        {"twenty", 20},  {"thirty", 30},    {"forty", 40},     {"fifty", 50},    {"sixty", 60},
        {"seventy", 70}, {"eighty", 80},    {"ninety", 90},    {"hundred", 100}};
    return values;
}

std::optional<Unit> unit_word(const std::string& w) {
    static const std::map<std::string, Unit> units = {
        {"percent", Unit::Percent}, {"eur", Unit::Euro},       {"euro", Unit::Euro},
        {"euros", Unit::Euro},      {"usd", Unit::OtherCurrency}, {"gbp", Unit::OtherCurrency},
        {"dollar", Unit::OtherCurrency}, {"dollars", Unit::OtherCurrency}, {"pounds", Unit::OtherCurrency},
        {"minute", Unit::Minute},   {"minutes", Unit::Minute}, {"hour", Unit::Hour},
        {"hours", Unit::Hour},      {"day", Unit::Day},        {"days", Unit::Day},
        {"week", Unit::Week},       {"weeks", Unit::Week},     {"month", Unit::Month},
        {"months", Unit::Month},    {"year", Unit::Year},      {"years", Unit::Year},
        {"times", Unit::Times}};
    const auto it = units.find(w);
    return it == units.end() ? std::nullopt : std::optional<Unit>(it->second);
}

class Reader {
public:
    Reader(std::string_view text, SpelledNumbers spelled) : text_(text), tokens_(tokens_of(text)), spelled_(spelled) {}

    std::vector<QuotedNumber> read() {
        std::vector<QuotedNumber> found;
        std::vector<bool> linked;  // shares its unit with the next figure ("25 to 300 EUR")
        for (std::size_t i = 0; i < tokens_.size(); ++i) {
            std::optional<Figure> f = figure_at(i);
            if (!f) continue;
            i = f->last;
            if (f->spelled && f->number.unit == Unit::None && spelled_ == SpelledNumbers::WithUnitOnly) {
                if (!found.empty() && linked.back()) linked.back() = false;
                continue;
            }
            linked.push_back(links_to_next(i));
            found.push_back(std::move(f->number));
        }
        for (std::size_t k = found.size(); k-- > 1;) {
            if (linked[k - 1] && found[k - 1].unit == Unit::None) found[k - 1].unit = found[k].unit;
        }
        return found;
    }

private:
    struct Figure {
        QuotedNumber number;
        std::size_t last;  // index of its last token
        bool spelled;
    };

    const Token* at(std::size_t i) const { return i < tokens_.size() ? &tokens_[i] : nullptr; }
    bool mark(std::size_t i, char c) const { return at(i) && at(i)->kind == Token::Mark && at(i)->text[0] == c; }
    bool word(std::size_t i, std::string_view w) const { return at(i) && at(i)->kind == Token::Word && at(i)->text == w; }

    std::optional<Figure> figure_at(std::size_t i) const {
        const Token& t = tokens_[i];
        Figure f{{}, i, false};
        if (t.kind == Token::Number) {
            // Digits glued to a word before them ("Q4", "T2") name something; they are no figure.
            if (i > 0 && t.glued && tokens_[i - 1].kind == Token::Word) return std::nullopt;
            f.number.value = std::strtod(t.text.c_str(), nullptr);
        } else if (t.kind == Token::Word && spelled_values().count(t.text)) {
            f.spelled = true;
            f.number.value = spelled_values().at(t.text);
            if (mark(i + 1, '-') && at(i + 2) && at(i + 2)->glued && at(i + 1)->glued &&
                at(i + 2)->kind == Token::Word && spelled_values().count(at(i + 2)->text) &&
                spelled_values().at(at(i + 2)->text) < 10 && f.number.value >= 20) {
                f.number.value += spelled_values().at(at(i + 2)->text);  // "twenty-five"
                f.last = i + 2;
            }
        } else {
            return std::nullopt;
        }
        const std::size_t first = currency_before(i, f.number.unit);
        f.last = unit_after(f.last, f.number);
        f.number.text = std::string(text_.substr(tokens_[first].begin, tokens_[f.last].end - tokens_[first].begin));
        return f;
    }

    // A currency written before the figure: "EUR 1,000", "€5". Returns the first token's index.
    std::size_t currency_before(std::size_t i, Unit& unit) const {
        if (i == 0) return i;
        const Token& before = tokens_[i - 1];
        if (before.kind == Token::Mark && (before.text == "E" || before.text == "$" || before.text == "L")) {
            unit = before.text == "E" ? Unit::Euro : Unit::OtherCurrency;
            return i - 1;
        }
        if (before.kind == Token::Word && (before.text == "eur" || before.text == "usd" || before.text == "gbp")) {
            unit = before.text == "eur" ? Unit::Euro : Unit::OtherCurrency;
            return i - 1;
        }
        return i;
    }

    // The unit written after the figure; returns the index of the figure's last token.
    std::size_t unit_after(std::size_t i, QuotedNumber& n) const {
        const auto glued = [&](std::size_t k) { return at(k) && at(k)->glued; };
        if (glued(i + 1) && word(i + 1, "k")) {  // "60k"
            n.value *= 1000;
            ++i;
        }
        if (glued(i + 1) && (word(i + 1, "x") || mark(i + 1, 'x'))) {
            n.unit = Unit::Times;
            return i + 1;
        }
        for (const char* ordinal : {"st", "nd", "rd", "th"}) {
            if (glued(i + 1) && word(i + 1, ordinal)) return i + 1;
        }
        if (mark(i + 1, '%')) {
            n.unit = Unit::Percent;
            return i + 1;
        }
        if (glued(i + 1) && mark(i + 1, '-') && glued(i + 2) && at(i + 2)->kind == Token::Word) {  // "90-day"
            if (const auto u = unit_word(at(i + 2)->text)) {
                n.unit = *u;
                return i + 2;
            }
        }
        if (at(i + 1) && at(i + 1)->kind == Token::Word) {
            if (word(i + 1, "per") && word(i + 2, "cent")) {
                n.unit = Unit::Percent;
                return i + 2;
            }
            if (const auto u = unit_word(at(i + 1)->text); u && n.unit == Unit::None) {
                n.unit = *u;
                return i + 1;
            }
        }
        return i;
    }

    // "25 to 300", "40,000-70,000", "2- or 5-year": the figure after shares this one's unit.
    bool links_to_next(std::size_t last) const {
        std::size_t k = last + 1;
        if (mark(k, '-')) ++k;
        if (word(k, "to") || word(k, "or")) ++k;
        if (k == last + 1 || !at(k)) return false;
        return at(k)->kind == Token::Number || (at(k)->kind == Token::Word && spelled_values().count(at(k)->text));
    }

    std::string_view text_;
    std::vector<Token> tokens_;
    SpelledNumbers spelled_;
};

}  // namespace

std::vector<QuotedNumber> quoted_numbers(std::string_view text, SpelledNumbers spelled) {
    return Reader(text, spelled).read();
}

const char* to_string(Unit unit) {
    switch (unit) {
        case Unit::None: return "";
        case Unit::Percent: return "percent";
        case Unit::Euro: return "euros";
        case Unit::OtherCurrency: return "another currency";
        case Unit::Minute: return "minutes";
        case Unit::Hour: return "hours";
        case Unit::Day: return "days";
        case Unit::Week: return "weeks";
        case Unit::Month: return "months";
        case Unit::Year: return "years";
        case Unit::Times: return "times";
    }
    return "";
}

}  // namespace bank::ai
