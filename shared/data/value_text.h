// Numbers and dates as the bank's files write them, parsed strictly and the same way everywhere
// (no locale, no leading '+', no spaces, no "nan"), with ranges checked. A failure is a Problem:
// the words a LoadError needs, so a CSV cell and a JSON field are explained alike.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace bank {

// What is wrong with a value, phrased to follow it: "'abc' is not a whole number (expected 18-120)".
struct Problem {
    std::string what;      // "is not a whole number"
    std::string expected;  // "18-120"
};

struct WholeRange {
    std::int64_t min = std::numeric_limits<std::int64_t>::min();
    std::int64_t max = std::numeric_limits<std::int64_t>::max();
};

struct DecimalRange {
    double min = -std::numeric_limits<double>::infinity();
    double max = std::numeric_limits<double>::infinity();
};

// "18-120", "1 or more", "-1 to 1", "a number such as -42.50".
std::string describe(WholeRange range);
std::string describe(DecimalRange range);

std::optional<Problem> check_range(std::int64_t value, WholeRange range);
// Also rejects NaN and infinities, which no range contains.
std::optional<Problem> check_range(double value, DecimalRange range);

// Decimal digits with an optional leading '-': "42", "-7".
std::optional<Problem> parse_whole_number(std::string_view text, WholeRange range, std::int64_t& out);
// "1234.5", "-0.25", "1e3". Independent of the C locale's decimal point.
std::optional<Problem> parse_decimal(std::string_view text, DecimalRange range, double& out);
// "YYYY-MM-DD" naming a day that exists: 2024-02-29 passes, 2026-02-30 does not.
std::optional<Problem> check_date(std::string_view text);

}  // namespace bank
