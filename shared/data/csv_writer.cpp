#include "shared/data/csv_writer.h"

namespace bank {

std::string csv_text(std::string_view value) {
    std::string safe;
    const bool formula = !value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' ||
                                            value[0] == '@' || value[0] == '\t' || value[0] == '\r');
    if (formula) safe += '\'';
    safe += value;
    if (safe.find_first_of(",\"\r\n") == std::string::npos) return safe;
    std::string quoted = "\"";
    for (char c : safe) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    return quoted + "\"";
}

std::string csv_row(const std::vector<std::string>& cells) {
    std::string row;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i > 0) row += ',';
        row += cells[i];
    }
    return row + "\r\n";
}

}  // namespace bank
