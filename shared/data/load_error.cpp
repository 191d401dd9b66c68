#include "shared/data/load_error.h"

#include <utility>

#include "shared/text/utf8.h"

namespace bank {
namespace {

// Long enough to recognise a value, short enough that one bad cell cannot flood the message.
constexpr std::size_t kShownCharacters = 40;

void append_hex_escape(std::string& out, const char* prefix, unsigned value) {
    static const char digits[] = "0123456789ABCDEF";
    out += prefix;
    out += digits[(value >> 4) & 0xF];
    out += digits[value & 0xF];
}

}  // namespace

std::string display_value(std::string_view raw) {
    std::string shown;
    std::size_t characters = 0;
    std::size_t pos = 0;
    while (pos < raw.size() && characters < kShownCharacters) {
        const auto byte = static_cast<unsigned char>(raw[pos]);
        const std::size_t length = utf8_sequence_length(raw, pos);
        if (length == 0) {
            append_hex_escape(shown, "\\x", byte);
        } else if (byte == '\n') {
            shown += "\\n";
        } else if (byte == '\r') {
            shown += "\\r";
        } else if (byte == '\t') {
            shown += "\\t";
        } else if (byte < 0x20 || byte == 0x7F) {
            append_hex_escape(shown, "\\x", byte);
        } else if (byte == 0xC2 && static_cast<unsigned char>(raw[pos + 1]) < 0xA0) {
            // C1 control characters (U+0080-U+009F) are valid UTF-8 but move terminals around.
            append_hex_escape(shown, "\\u00", static_cast<unsigned char>(raw[pos + 1]));
        } else {
            shown.append(raw, pos, length);
        }
        pos += length == 0 ? 1 : length;
        ++characters;
    }
    if (pos < raw.size()) shown += "...";
    return shown;
}

LoadError load_error(std::string_view file, std::size_t line, std::string_view column,
                     std::string_view raw_value, std::string problem, std::string expected) {
    LoadError e;
    e.file = std::string(file);
    e.line = line;
    // A column name can come from the file's own header, so it is shown as safely as a value.
    e.column = display_value(column);
    e.value = display_value(raw_value);
    e.problem = std::move(problem);
    e.expected = std::move(expected);
    return e;
}

std::string LoadError::message() const {
    std::string text = file;
    if (line > 0) text += " line " + std::to_string(line);
    if (!column.empty()) text += ", column " + column;
    if (!field.empty()) text += ", field " + field;
    text += ": ";
    if (!value.empty()) text += "'" + value + "' ";
    text += problem;
    if (!expected.empty()) text += " (expected " + expected + ")";
    return text;
}

}  // namespace bank
