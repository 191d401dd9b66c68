#include "shared/ai/product_facts.h"

#include <cctype>
#include <algorithm>
#include <cmath>

namespace bank::ai {

namespace {

bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

}  // namespace

std::string word_text(std::string_view text) {
    std::string out = " ";
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const bool inner_joint = (c == '-' || c == '\'') && i > 0 && i + 1 < text.size() && is_word_char(text[i - 1]) &&
                                 is_word_char(text[i + 1]);
        if (is_word_char(c) || inner_joint) {
            out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        } else if (out.back() != ' ') {
            out += ' ';
        }
    }
    if (out.back() != ' ') out += ' ';
    return out;
}

bool holds_phrase(const std::string& words, std::string_view phrase) {
    if (phrase.empty()) return false;
    for (std::size_t at = words.find(phrase); at != std::string::npos; at = words.find(phrase, at + 1)) {
        const std::size_t end = at + phrase.size();
        if (at > 0 && words[at - 1] == ' ' && end < words.size() && words[end] == ' ') return true;
    }
    return false;
}

ProductFacts facts_of(const Product& p) {
    std::string text = p.name + ". " + p.description;
    for (const std::string& feature : p.features) text += ". " + feature;
    const std::string name = word_text(p.name);
    ProductFacts facts{&p, quoted_numbers(text, SpelledNumbers::All), word_text(text), name.substr(1, name.size() - 2)};
    facts.numbers.push_back({p.annual_fee, Unit::Euro, "annual fee"});
    if (p.has_rate) facts.numbers.push_back({p.rate, Unit::Percent, "rate"});
    const Eligibility& e = p.eligibility;
    facts.numbers.push_back({static_cast<double>(e.min_age), Unit::Year, "minimum age"});
    if (e.max_age != kNoMaximumAge) facts.numbers.push_back({static_cast<double>(e.max_age), Unit::Year, "maximum age"});
    if (e.min_income > 0) facts.numbers.push_back({e.min_income, Unit::Euro, "minimum income"});
    if (e.min_credit_score > 0)
        facts.numbers.push_back({static_cast<double>(e.min_credit_score), Unit::None, "minimum credit score"});
    return facts;
}

bool supports(const std::vector<QuotedNumber>& facts, const QuotedNumber& figure) {
    for (const QuotedNumber& fact : facts) {
        if (std::fabs(fact.value - figure.value) > 1e-9 * std::max(1.0, std::fabs(fact.value))) continue;
        if (figure.unit == Unit::None || figure.unit == fact.unit) return true;
    }
    return false;
}

}  // namespace bank::ai
