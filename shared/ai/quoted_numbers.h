// The figures a text states, with what they measure: "19.9% APR" is 19.9 percent, "EUR 1,000" and
// "1000 EUR" are 1000 euros, "25-year" and "twenty-five years" are 25 years, "60k" is 60000. The
// facts check compares the figures of a model's answer with the figures the catalog states about
// the product (product_facts.h); both sides are read by this one reader so they compare alike.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace bank::ai {

enum class Unit { None, Percent, Euro, OtherCurrency, Minute, Hour, Day, Week, Month, Year, Times };

struct QuotedNumber {
    double value = 0;
    Unit unit = Unit::None;
    std::string text;  // as written, for messages: "0.01%"
};

enum class SpelledNumbers {
    WithUnitOnly,  // "ten years" counts, "one of" does not: how answers are read
    All,           // "Six airport lounge visits" counts too: how the catalog is read
};

// Every figure in `text`, in order. Ranges share their unit ("25 to 300 EUR", "2- or 5-year");
// "24/7" is two figures; digits inside words ("Q4", "T2") are not figures.
std::vector<QuotedNumber> quoted_numbers(std::string_view text, SpelledNumbers spelled);

// "percent", "euros", "years", ...: for messages.
const char* to_string(Unit unit);

}  // namespace bank::ai
