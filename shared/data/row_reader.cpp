#include "shared/data/row_reader.h"

#include <algorithm>
#include <utility>

namespace bank {

std::string RowReader::text(std::size_t column, std::optional<Problem> (*rule)(std::string_view)) {
    check(column, rule(raw(column)));
    return text(column);
}

std::string RowReader::required_text(std::size_t column, std::string_view what) {
    check(column, schema::check_not_blank(raw(column), what));
    return text(column);
}

std::int64_t RowReader::whole_number(std::size_t column, WholeRange range) {
    std::int64_t value = 0;
    check(column, parse_whole_number(raw(column), range, value));
    return value;
}

double RowReader::decimal(std::size_t column, DecimalRange range) {
    double value = 0;
    check(column, parse_decimal(raw(column), range, value));
    return value;
}

std::optional<double> RowReader::optional_decimal(std::size_t column, DecimalRange range) {
    if (raw(column).empty()) return std::nullopt;
    return decimal(column, range);
}

std::vector<std::string> RowReader::list(std::size_t column, char separator) {
    std::vector<std::string> items;
    const std::string_view cell = raw(column);
    if (cell.empty()) return items;
    std::size_t start = 0;
    for (;;) {
        const std::size_t end = std::min(cell.find(separator, start), cell.size());
        std::string_view item = cell.substr(start, end - start);
        const std::size_t first = item.find_first_not_of(' ');
        item = first == std::string_view::npos ? std::string_view()
                                               : item.substr(first, item.find_last_not_of(' ') - first + 1);
        if (item.empty()) {
            check(column, Problem{"has an empty item",
                                  std::string("items separated by '") + separator + "', none of them empty"});
            return {};
        }
        items.emplace_back(item);
        if (end == cell.size()) return items;
        start = end + 1;
    }
}

void RowReader::check(std::size_t column, const std::optional<Problem>& problem) {
    if (problem) fail(column, raw(column), *problem);
}

void RowReader::fail(std::size_t column, std::string_view shown, Problem problem) {
    if (error_) return;
    error_ =
        load_error(reader_.file_name(), record_.field_lines[field(column)], reader_.header()[field(column)],
                   shown, std::move(problem.what), std::move(problem.expected));
}

}  // namespace bank
