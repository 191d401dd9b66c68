// The loop every loader shares: open the CSV, read each row with a RowReader, keep the rows with the
// line each started on (cross-file checks need it to point at the right line), stop at the first
// error, and refuse a file with a header but no rows unless the table may be empty.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "shared/data/csv.h"
#include "shared/data/row_reader.h"

namespace bank {

template <class T> struct NumberedRows {
    std::vector<T> rows;
    std::vector<std::size_t> lines;  // lines[i]: the physical line rows[i] starts on
};

// True when every position of a record's name table got a name: a field added to the enum but not to
// the table would otherwise read as an empty name.
template <std::size_t N> constexpr bool all_named(const std::array<std::string_view, N>& names) {
    for (std::string_view name : names) {
        if (name.empty()) return false;
    }
    return true;
}

struct TableShape {
    std::vector<std::string_view> columns;  // required, by header name
    std::string_view row_noun;              // "customer", for "expected at least one customer"
    bool may_be_empty = false;
};

template <class T, class ReadRow>
Loaded<NumberedRows<T>> read_table(std::string_view text, std::string_view file_name, const TableShape& shape,
                                   ReadRow&& read_row) {
    auto opened = CsvReader::open(text, file_name, shape.columns);
    if (!opened) return opened.error();
    CsvReader& reader = opened.value();
    NumberedRows<T> table;
    CsvRecord record;
    while (reader.next(record)) {
        RowReader row(record, reader);
        T value = read_row(row);
        if (row.failed()) return row.error();
        table.rows.push_back(std::move(value));
        table.lines.push_back(record.line);
    }
    if (reader.error()) return *reader.error();
    if (table.rows.empty() && !shape.may_be_empty) {
        return load_error(file_name, 0, "", "", "the file has a header but no rows",
                          "at least one " + std::string(shape.row_noun));
    }
    return Loaded<NumberedRows<T>>(std::move(table));
}

// The line each key (an id, a username) was first seen on, to report a repeat with both lines.
template <class Key> class FirstSeen {
public:
    // The earlier line when `key` was seen before; otherwise remembers `line` for it.
    std::optional<std::size_t> add(const Key& key, std::size_t line) {
        const auto [it, inserted] = lines_.emplace(key, line);
        if (inserted) return std::nullopt;
        return it->second;
    }

private:
    std::unordered_map<Key, std::size_t> lines_;
};

// Records "'101' is already used on line 3" when `key` repeats an earlier row's; skipped when the
// row already failed, since the key may not have been read.
template <class Key> void check_unique(RowReader& row, std::size_t column, FirstSeen<Key>& seen,
                                       const Key& key, std::string_view unique_what) {
    if (row.failed()) return;
    if (const auto first = seen.add(key, row.line())) {
        row.check(column,
                  Problem{"is already used on line " + std::to_string(*first), std::string(unique_what)});
    }
}

}  // namespace bank
