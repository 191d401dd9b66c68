#include "shared/data/value_text.h"

#include <charconv>
#include <clocale>
#include <cmath>
#include <cstdlib>

namespace bank {
namespace {

constexpr const char* kMissing = "the value is missing";

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Bounds in this schema are whole numbers; print them without a fraction.
std::string format_bound(double bound) {
    if (std::abs(bound) < 1e15 && bound == std::floor(bound))
        return std::to_string(static_cast<long long>(bound));
    return std::to_string(bound);
}

template <class Number> std::string describe_bounds(Number min, Number max, bool min_open, bool max_open) {
    const std::string low = format_bound(static_cast<double>(min));
    const std::string high = format_bound(static_cast<double>(max));
    if (min_open && max_open) return "a number such as -42.50";
    if (max_open) return low + " or more";
    if (min_open) return high + " or less";
    return min < 0 ? low + " to " + high : low + "-" + high;
}

// Digits, an optional fraction, an optional exponent; at least one digit before the exponent.
bool is_decimal_syntax(std::string_view text) {
    std::size_t i = 0, digits = 0;
    if (i < text.size() && text[i] == '-') ++i;
    for (; i < text.size() && is_digit(text[i]); ++i) ++digits;
    if (i < text.size() && text[i] == '.') {
        for (++i; i < text.size() && is_digit(text[i]); ++i) ++digits;
    }
    if (digits == 0) return false;
    if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
        ++i;
        if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
        std::size_t exponent_digits = 0;
        for (; i < text.size() && is_digit(text[i]); ++i) ++exponent_digits;
        if (exponent_digits == 0) return false;
    }
    return i == text.size();
}

// "nan", "-inf", "Infinity": what other tools write for non-finite values, named as such.
bool spells_non_finite(std::string_view text) {
    if (!text.empty() && (text[0] == '-' || text[0] == '+')) text.remove_prefix(1);
    std::string lower;
    for (char c : text) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    return lower == "nan" || lower == "inf" || lower == "infinity";
}

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap_year(year) ? 29 : days[month - 1];
}

}  // namespace

std::string describe(WholeRange range) {
    return describe_bounds(range.min, range.max, range.min == std::numeric_limits<std::int64_t>::min(),
                           range.max == std::numeric_limits<std::int64_t>::max());
}

std::string describe(DecimalRange range) {
    return describe_bounds(range.min, range.max, std::isinf(range.min), std::isinf(range.max));
}

std::optional<Problem> check_range(std::int64_t value, WholeRange range) {
    if (value < range.min || value > range.max) return Problem{"is out of range", describe(range)};
    return std::nullopt;
}

std::optional<Problem> check_range(double value, DecimalRange range) {
    if (!std::isfinite(value)) return Problem{"is not a finite number", describe(range)};
    if (value < range.min || value > range.max) return Problem{"is out of range", describe(range)};
    return std::nullopt;
}

std::optional<Problem> parse_whole_number(std::string_view text, WholeRange range, std::int64_t& out) {
    if (text.empty()) return Problem{kMissing, "a whole number, " + describe(range)};
    const char* end = text.data() + text.size();
    const auto [stop, error] = std::from_chars(text.data(), end, out);
    if (error == std::errc::result_out_of_range) return Problem{"is out of range", describe(range)};
    if (error != std::errc() || stop != end) return Problem{"is not a whole number", describe(range)};
    return check_range(out, range);
}

std::optional<Problem> parse_decimal(std::string_view text, DecimalRange range, double& out) {
    if (text.empty()) return Problem{kMissing, "a number, " + describe(range)};
    if (!is_decimal_syntax(text)) {
        return Problem{spells_non_finite(text) ? "is not a finite number" : "is not a number", describe(range)};
    }
    // Longer than any double needs: refuse rather than copy an unbounded cell.
    constexpr std::size_t kLongest = 64;
    if (text.size() >= kLongest) return Problem{"has too many digits", describe(range)};

    // std::from_chars for double is missing from the WebAssembly toolchain's libc++, so strtod it
    // is, given the decimal point the current C locale expects (the trick nlohmann/json uses).
    char digits[kLongest];
    const char point = *std::localeconv()->decimal_point;
    for (std::size_t i = 0; i < text.size(); ++i) digits[i] = text[i] == '.' ? point : text[i];
    digits[text.size()] = '\0';
    char* stop = nullptr;
    out = std::strtod(digits, &stop);
    if (stop != digits + text.size()) return Problem{"is not a number", describe(range)};
    if (std::isinf(out)) return Problem{"is out of range", describe(range)};
    return check_range(out, range);
}

std::optional<Problem> check_date(std::string_view text) {
    const std::string expected = "a real date as YYYY-MM-DD";
    if (text.empty()) return Problem{kMissing, expected};
    const bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-' && is_digit(text[0]) &&
                        is_digit(text[1]) && is_digit(text[2]) && is_digit(text[3]) && is_digit(text[5]) &&
                        is_digit(text[6]) && is_digit(text[8]) && is_digit(text[9]);
    if (!shaped) return Problem{"is not a date", expected};
    const auto number = [&](std::size_t from, std::size_t length) {
        int n = 0;
        for (std::size_t i = from; i < from + length; ++i) n = n * 10 + (text[i] - '0');
        return n;
    };
    const int year = number(0, 4), month = number(5, 2), day = number(8, 2);
    if (year == 0 || month < 1 || month > 12 || day < 1)
        return Problem{"is not a real calendar date", expected};
    if (day > days_in_month(year, month)) {
        return Problem{"is not a real calendar date",
                       expected + "; " + std::string(text.substr(0, 7)) + " has " +
                           std::to_string(days_in_month(year, month)) + " days"};
    }
    return std::nullopt;
}

}  // namespace bank
