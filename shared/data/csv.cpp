#include "shared/data/csv.h"

#include <algorithm>
#include <utility>

#include "shared/text/utf8.h"

namespace bank {
namespace {

constexpr std::string_view kUtf8ByteOrderMark = "\xEF\xBB\xBF";
constexpr std::string_view kQuoteHint =
    "a field that holds quotes to be quoted as a whole, "
    "each inner quote doubled: \"5\"\" screen\"";

bool starts_with(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}

std::string join_names(const std::vector<std::string_view>& names) {
    std::string joined;
    for (std::string_view name : names) {
        if (!joined.empty()) joined += ", ";
        joined += name;
    }
    return joined;
}

// "credit score " and "Credit Score" name the same column to a person; a hint then says so.
std::string loose_form(std::string_view name) {
    std::string loose;
    for (char c : name) {
        if (c != ' ') loose += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return loose;
}

}  // namespace

CsvReader::CsvReader(std::string_view text, std::string_view file_name) : file_(file_name), text_(text) {}

Loaded<CsvReader> CsvReader::open(std::string_view text, std::string_view file_name,
                                  const std::vector<std::string_view>& required_columns) {
    CsvReader reader(text, file_name);
    if (!reader.read_header(required_columns)) return *reader.error_;
    return Loaded<CsvReader>(std::move(reader));
}

bool CsvReader::read_header(const std::vector<std::string_view>& required_columns) {
    if (starts_with(text_, "\xFF\xFE") || starts_with(text_, "\xFE\xFF")) {
        return fail(1, "starts with a UTF-16 byte-order mark", "UTF-8 text; save the file as UTF-8");
    }
    if (starts_with(text_, kUtf8ByteOrderMark)) pos_ = line_start_ = kUtf8ByteOrderMark.size();
    if (text_.find_first_not_of("\r\n", pos_) == std::string_view::npos) {
        return fail(0, "the file is empty", "a header row: " + join_names(required_columns));
    }
    if (scan_record() != Scan::Record) return false;

    CsvRecord names;
    fill(names);
    for (std::size_t i = 0; i < names.fields.size(); ++i) {
        const std::string_view name = names.fields[i];
        const auto earlier = std::find(header_.begin(), header_.end(), name);
        if (!name.empty() && earlier != header_.end()) {
            error_ = load_error(file_, 1, name, "",
                                "appears twice in the header (fields " +
                                    std::to_string(earlier - header_.begin() + 1) + " and " +
                                    std::to_string(i + 1) + ")",
                                "each column name once");
            return false;
        }
        header_.emplace_back(name);
    }

    for (std::string_view wanted : required_columns) {
        if (const auto index = column(wanted)) {
            required_.push_back(*index);
            continue;
        }
        std::string found, near_miss;
        for (const std::string& name : header_) {
            found += (found.empty() ? "'" : ", '") + display_value(name) + "'";
            if (near_miss.empty() && loose_form(name) == loose_form(wanted)) near_miss = display_value(name);
        }
        std::string problem = "no such column in the header (found: " + found + ")";
        if (!near_miss.empty()) problem += "; '" + near_miss + "' differs only in case or spaces";
        error_ = load_error(file_, 1, wanted, "", std::move(problem));
        return false;
    }
    return true;
}

std::optional<std::size_t> CsvReader::column(std::string_view name) const {
    const auto it = std::find(header_.begin(), header_.end(), name);
    if (it == header_.end()) return std::nullopt;
    return static_cast<std::size_t>(it - header_.begin());
}

bool CsvReader::next(CsvRecord& record) {
    if (error_) return false;
    if (scan_record() != Scan::Record) return false;
    if (spans_.size() != header_.size()) {
        error_ =
            load_error(file_, spans_.front().line, "", "",
                       "the row has " + std::to_string(spans_.size()) + " fields, the header has " +
                           std::to_string(header_.size()),
                       "one field per header column; put a value that contains a comma in double quotes");
        return false;
    }
    fill(record);
    return true;
}

void CsvReader::fill(CsvRecord& record) const {
    record.line = spans_.front().line;
    record.fields.clear();
    record.field_lines.clear();
    for (const FieldSpan& span : spans_) {
        const std::string_view source = span.unescaped ? std::string_view(unescaped_) : text_;
        record.fields.push_back(source.substr(span.offset, span.length));
        record.field_lines.push_back(span.line);
    }
}

CsvReader::Scan CsvReader::scan_record() {
    if (pos_ >= text_.size()) return Scan::End;
    if (text_[pos_] == '\n' || starts_with(text_.substr(pos_), "\r\n")) {
        // Editors often leave blank lines at the end; anywhere else a blank line is a lost row.
        if (text_.find_first_not_of("\r\n", pos_) == std::string_view::npos) {
            pos_ = text_.size();
            return Scan::End;
        }
        fail(line_, "the line is blank", "a row on every line; remove blank lines between rows");
        return Scan::Failed;
    }

    spans_.clear();
    unescaped_.clear();
    for (;;) {
        const bool scanned =
            pos_ < text_.size() && text_[pos_] == '"' ? scan_quoted_field() : scan_unquoted_field();
        if (!scanned) return Scan::Failed;
        if (pos_ == text_.size()) return Scan::Record;
        const char delimiter = text_[pos_];
        pos_ += delimiter == '\r' ? 2 : 1;  // scanning stops at a CR only when an LF follows it
        if (delimiter == ',') continue;
        ++line_;
        line_start_ = pos_;
        return Scan::Record;
    }
}

bool CsvReader::scan_unquoted_field() {
    const std::size_t start = pos_;
    while (pos_ < text_.size()) {
        const auto c = static_cast<unsigned char>(text_[pos_]);
        if (c == ',' || c == '\n') break;
        if (c == '\r') {
            if (starts_with(text_.substr(pos_), "\r\n")) break;
            return fail(line_, "has a carriage return that does not end a line",
                        "LF or CRLF line ends; quote a value that holds a line break",
                        excerpt(start, pos_, field_end(pos_ + 1)));
        }
        if (c == '"') {
            return fail(line_, "has a double quote inside a field that does not start with one",
                        std::string(kQuoteHint), excerpt(start, pos_, field_end(pos_)));
        }
        if (c >= 0x80) {
            if (!check_utf8_at(start)) return false;
            continue;
        }
        ++pos_;
    }
    spans_.push_back({start, pos_ - start, line_, false});
    return true;
}

bool CsvReader::scan_quoted_field() {
    const std::size_t opening = pos_;
    const std::size_t field_line = line_;
    std::size_t segment = ++pos_;
    std::size_t unescaped_offset = 0;
    bool unescaped = false;
    for (;;) {
        if (pos_ >= text_.size()) {
            return fail(field_line, "opens a quote that is never closed",
                        "a closing double quote before the end of the file",
                        excerpt(opening, opening, text_.size()));
        }
        const auto c = static_cast<unsigned char>(text_[pos_]);
        if (c == '"') {
            if (pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
                // Copy only from the first doubled quote on, and each segment once: linear time.
                if (!unescaped) unescaped_offset = unescaped_.size();
                unescaped = true;
                unescaped_.append(text_.data() + segment, pos_ + 1 - segment);
                pos_ += 2;
                segment = pos_;
                continue;
            }
            break;
        }
        if (c >= 0x80) {
            if (!check_utf8_at(opening + 1)) return false;
            continue;
        }
        if (c == '\n') {
            ++line_;
            line_start_ = pos_ + 1;
        }
        ++pos_;
    }
    const std::size_t closing = pos_++;
    if (!end_of_field_follows()) {
        return fail(line_, "has text after its closing quote",
                    "a comma or the end of the line after a closing quote; " + std::string(kQuoteHint),
                    excerpt(opening, closing, field_end(pos_)));
    }
    if (unescaped) {
        unescaped_.append(text_.data() + segment, closing - segment);
        spans_.push_back({unescaped_offset, unescaped_.size() - unescaped_offset, field_line, true});
    } else {
        spans_.push_back({opening + 1, closing - opening - 1, field_line, false});
    }
    return true;
}

bool CsvReader::end_of_field_follows() const {
    if (pos_ == text_.size()) return true;
    const char c = text_[pos_];
    return c == ',' || c == '\n' || starts_with(text_.substr(pos_), "\r\n");
}

bool CsvReader::check_utf8_at(std::size_t field_start) {
    const std::size_t length = utf8_sequence_length(text_, pos_);
    if (length > 0) {
        pos_ += length;
        return true;
    }
    // Count characters, not bytes, so the column matches what an editor shows.
    std::size_t character = 1;
    for (std::size_t i = line_start_; i < pos_; ++i) {
        if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++character;
    }
    static const char digits[] = "0123456789ABCDEF";
    const auto byte = static_cast<unsigned char>(text_[pos_]);
    std::string problem = "has a byte that is not UTF-8 (0x";
    problem += digits[byte >> 4];
    problem += digits[byte & 0xF];
    problem += " at character " + std::to_string(character) + " of the line, byte offset " +
               std::to_string(pos_) + " of the file)";
    // Show the value up to the bad byte: past it, the reader cannot tell where the field ends.
    return fail(line_, std::move(problem), "UTF-8 text; save the file as UTF-8",
                excerpt(field_start, pos_, pos_ + 1));
}

std::size_t CsvReader::field_end(std::size_t from) const {
    return std::min(text_.find_first_of(",\r\n", from), text_.size());
}

std::string CsvReader::excerpt(std::size_t field_start, std::size_t focus, std::size_t end) const {
    constexpr std::size_t kBefore = 24;  // with display_value's 40 characters, the focus stays in view
    std::size_t from = std::max(field_start, focus > kBefore ? focus - kBefore : 0);
    while (from < focus && (static_cast<unsigned char>(text_[from]) & 0xC0) == 0x80) ++from;
    // More bytes than a message shows even if each were an escape: no copy of the rest of the file.
    const std::string_view shown = text_.substr(from, std::min(end - from, std::size_t{200}));
    return from > field_start ? "..." + std::string(shown) : std::string(shown);
}

bool CsvReader::fail(std::size_t line, std::string problem, std::string expected,
                     std::string_view raw_value) {
    // The field being scanned is the next span; in the header row there are no names yet.
    const std::string_view column =
        spans_.size() < header_.size() ? std::string_view(header_[spans_.size()]) : std::string_view();
    error_ = load_error(file_, line, column, raw_value, std::move(problem), std::move(expected));
    return false;
}

}  // namespace bank
