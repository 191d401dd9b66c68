// The one CSV reader (RFC 4180) behind every loader. It reads text already in memory, so the same
// code runs in the proxy and in the browser, and it is strict: the first thing that is not clean
// CSV stops it with a LoadError naming the line, the column and the offending bytes.
//
// Accepted: a UTF-8 byte-order mark, LF or CRLF line ends, fields in double quotes holding commas,
// line breaks and doubled quotes (""), blank lines at the very end. Rejected: bytes that are not
// UTF-8, a quote that is never closed, a quote inside an unquoted field, text after a closing quote,
// a lone CR, blank lines between rows, and rows whose field count differs from the header's.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/data/load_error.h"

namespace bank {

struct CsvRecord {
    std::size_t line = 0;                  // 1-based physical line the record starts on
    std::vector<std::string_view> fields;  // one per header column; valid until the next read
    std::vector<std::size_t> field_lines;  // line each field starts on: quoted line breaks move
                                           // later fields of the record down
};

class CsvReader {
public:
    // Reads the header row and finds every `required_columns` name in it (exact match; order and
    // extra columns do not matter). Fails on an empty file, a bad header, a missing or a repeated
    // column name. `text` must outlive the reader.
    static Loaded<CsvReader> open(std::string_view text, std::string_view file_name,
                                  const std::vector<std::string_view>& required_columns);

    // Reads the next data row. False at the end of the file or at the first error: error() says.
    bool next(CsvRecord& record);
    const std::optional<LoadError>& error() const { return error_; }

    // Where the header has `name`, if it has it.
    std::optional<std::size_t> column(std::string_view name) const;
    // Field index of each required column, in the order open() was given them.
    const std::vector<std::size_t>& required_columns() const { return required_; }
    const std::vector<std::string>& header() const { return header_; }
    const std::string& file_name() const { return file_; }

private:
    struct FieldSpan {
        std::size_t offset;  // into the text, or into unescaped_ when `unescaped`
        std::size_t length;
        std::size_t line;
        bool unescaped;  // a quoted field with doubled quotes, copied without them
    };
    enum class Scan { Record, End, Failed };

    CsvReader(std::string_view text, std::string_view file_name);
    bool read_header(const std::vector<std::string_view>& required_columns);
    Scan scan_record();
    bool scan_unquoted_field();
    bool scan_quoted_field();
    bool check_utf8_at(std::size_t field_start);
    bool end_of_field_follows() const;
    void fill(CsvRecord& record) const;
    bool fail(std::size_t line, std::string problem, std::string expected, std::string_view raw_value = {});
    // Where the field that continues at `from` ends, as far as a reader can tell.
    std::size_t field_end(std::size_t from) const;
    // The bytes [field_start, end) for a message, cut to start shortly before `focus`, the bad spot.
    std::string excerpt(std::size_t field_start, std::size_t focus, std::size_t end) const;

    std::string file_;
    std::string_view text_;
    std::size_t pos_ = 0;
    std::size_t line_ = 1;
    std::size_t line_start_ = 0;  // offset of the current line's first byte, for character columns
    std::vector<std::string> header_;
    std::vector<std::size_t> required_;
    std::vector<FieldSpan> spans_;
    std::string unescaped_;  // reused for every record: no allocation per field
    std::optional<LoadError> error_;
};

}  // namespace bank
