// Errors are values: a loader returns either what it read or a LoadError that tells the user which
// file, line and column to fix, the offending value and what was expected there.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "shared/result.h"

namespace bank {

struct LoadError {
    std::string file;      // file name as the user knows it, e.g. "customerdata.csv"
    std::size_t line = 0;  // 1-based physical line; 0 when the error concerns the whole file
    std::string column;    // header name; empty when the error concerns a whole row or the file
    std::string value;     // the offending text (truncated for display); may be empty
    std::string expected;  // what would have been accepted, phrased for a person
    std::string problem;   // what is wrong, phrased to follow the value: "is not a whole number"
    std::string field;     // JSON field path such as "[3].risk_profile" (wire format errors only)

    // "customerdata.csv line 14, column Age: 'abc' is not a whole number (expected 18-120)"
    std::string message() const;
};

// The usual way to build one. `raw_value` is the offending text as read; it is passed through
// display_value, and so is `column`, which may be a name read from the file's header. `line` 0
// and an empty `column` mean the error concerns the whole file.
LoadError load_error(std::string_view file, std::size_t line, std::string_view column,
                     std::string_view raw_value, std::string problem, std::string expected = {});

// `raw` made safe and short for a message: at most ~40 characters, control characters and bytes
// that are not UTF-8 written as escapes (\n, \x1B), so a bad value cannot garble a log or a screen.
std::string display_value(std::string_view raw);

// A loaded value or the first error that stopped loading.
template <class T> using Loaded = Result<T, LoadError>;

}  // namespace bank
