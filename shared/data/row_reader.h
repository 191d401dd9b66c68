// Typed values out of one CSV row, each checked against its column's rule. The first problem is
// kept and later reads return defaults, so a loader reads a whole row straight through and asks
// failed() once; the error names the file, the field's own line, the column and the value.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/data/csv.h"
#include "shared/data/schema_rules.h"
#include "shared/data/value_text.h"
#include "shared/data/vocabulary.h"

namespace bank {

class RowReader {
public:
    // `column` arguments below are positions in the required-column list given to CsvReader::open.
    RowReader(const CsvRecord& record, const CsvReader& reader) : record_(record), reader_(reader) {}

    std::size_t line() const { return record_.line; }
    std::string_view raw(std::size_t column) const { return record_.fields[field(column)]; }

    // Any text, empty included.
    std::string text(std::size_t column) const { return std::string(raw(column)); }
    // Text that `rule` accepts.
    std::string text(std::size_t column, std::optional<Problem> (*rule)(std::string_view));
    // Text with something other than spaces in it; `what` names it: "the banker's name".
    std::string required_text(std::size_t column, std::string_view what);
    std::int64_t whole_number(std::size_t column, WholeRange range);
    double decimal(std::size_t column, DecimalRange range);
    // Empty means "not applicable"; anything else must be a number in range.
    std::optional<double> optional_decimal(std::size_t column, DecimalRange range);
    // Items separated by `separator`, spaces around each trimmed; an empty cell is an empty list.
    std::vector<std::string> list(std::size_t column, char separator);

    template <class E> E choice(std::size_t column) {
        if (const auto value = parse_enum<E>(raw(column))) return *value;
        check(column, schema::check_word(raw(column), EnumSpelling<E>::texts, EnumSpelling<E>::noun));
        return E{};
    }

    // Records `problem`, if any, against the whole cell.
    void check(std::size_t column, const std::optional<Problem>& problem);
    // Records `problem` against part of a cell, such as one item of a list; `shown` is that part.
    void fail(std::size_t column, std::string_view shown, Problem problem);

    bool failed() const { return error_.has_value(); }
    const LoadError& error() const { return *error_; }

private:
    std::size_t field(std::size_t column) const { return reader_.required_columns()[column]; }

    const CsvRecord& record_;
    const CsvReader& reader_;
    std::optional<LoadError> error_;
};

}  // namespace bank
