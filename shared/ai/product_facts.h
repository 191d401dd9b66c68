// What the catalog states about a product, in the form the facts check compares an answer with:
// its figures (from the name, description and features, plus the annual fee, the rate and the
// eligibility limits) and its words (for phrases such as "deposit guarantee" that are true of this
// product and would be a false claim about another).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "shared/ai/quoted_numbers.h"
#include "shared/data/model.h"

namespace bank::ai {

struct ProductFacts {
    const Product* product = nullptr;
    std::vector<QuotedNumber> numbers;
    std::string words;  // word_text of the name, description and features
    std::string name;   // the name as words, unpadded: "cashback credit card"
};

ProductFacts facts_of(const Product& product);

// `text` lower-cased as words (letters, digits, inner hyphens and apostrophes) joined by single
// spaces and padded with one space each side, so " phrase " finds whole words only.
std::string word_text(std::string_view text);

// True when `words` (a word_text) holds `phrase` (words separated by single spaces) as whole words.
bool holds_phrase(const std::string& words, std::string_view phrase);

// True when some fact has the figure's value and, unless the figure has no unit, its unit.
bool supports(const std::vector<QuotedNumber>& facts, const QuotedNumber& figure);

}  // namespace bank::ai
