// Typed values out of one JSON object (or one row of a document of rows, through JsonColumns), with
// the same methods and rules as RowReader, so one reader per record type (read_customer, ...)
// decodes a CSV row, the wire format's object and a book's row alike, and every API document
// (shared/api/) is decoded the same way.
// The core's one way to decode JSON from outside: every accessor checks the type first, and the
// first problem becomes a LoadError naming the field and what was expected there. Errors are
// values the caller shows, so a reader neither throws nor fills in a default for what is missing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "shared/data/load_error.h"
#include "shared/data/schema_rules.h"
#include "shared/data/value_text.h"
#include "shared/data/vocabulary.h"

namespace bank {

// The columns of a document that sends records as rows under one list of column names (a book's
// customers, shared/api/book.h): where a row holds each field of one section. Made once per
// document, so a row is read where it lies, with no object built per record.
class JsonColumns {
public:
    // `names` are the document's column names, each once; the section's fields are those named
    // "<section>.<field>", or every column for an empty section. `noun` names a column in errors.
    JsonColumns(const std::vector<std::string>& names, std::string_view section, std::string noun);

    // The place in a row of the field `name`; none when the document has no such column.
    std::optional<std::size_t> find(std::string_view name) const;
    bool empty() const { return places_.empty(); }
    // Why `row` is not a row of this document, as the error a reader of `source` reports; none
    // when it is one.
    std::optional<LoadError> row_error(const nlohmann::json& row, std::string_view source) const;

private:
    std::vector<std::pair<std::string, std::size_t>> places_;  // by name
    std::size_t width_;
    std::string noun_;
};

class JsonFields {
public:
    // `names[k]` is the field read for position k; "eligibility.min_age" reaches into a nested
    // object. `source` names where the JSON came from, e.g. "/api/profile".
    JsonFields(const nlohmann::json& object, std::string_view source, const std::string_view* names);
    // The same fields out of one row: `names[k]` is read from the column of that name.
    JsonFields(const nlohmann::json& row, const JsonColumns& columns, std::string_view source,
               const std::string_view* names);

    std::string text(std::size_t field);
    std::string text(std::size_t field, std::optional<Problem> (*rule)(std::string_view));
    std::string required_text(std::size_t field, std::string_view what);
    std::int64_t whole_number(std::size_t field, WholeRange range);
    double decimal(std::size_t field, DecimalRange range);
    // null means "not applicable".
    std::optional<double> optional_decimal(std::size_t field, DecimalRange range);
    // A JSON array of strings; `separator` is how the CSV writes the list and plays no part here.
    std::vector<std::string> list(std::size_t field, char separator);
    bool boolean(std::size_t field, std::string_view what);
    // A string, or null for "none" (a date range of no transactions).
    std::optional<std::string> optional_text(std::size_t field, std::optional<Problem> (*rule)(std::string_view));

    // A document inside the document, for its own reader; a null value after a failure.
    const nlohmann::json& object(std::size_t field);
    const nlohmann::json& array(std::size_t field);
    // The same for a member that may be left out; null when absent.
    const nlohmann::json* optional_object(std::size_t field);
    // A member whose reader lives elsewhere and would take its absence for a default: this only
    // insists that it is there.
    void require(std::size_t field, std::string_view expected);

    template <class E> E choice(std::size_t field) {
        // The usual case first, without spelling out the choices for an error there is not.
        if (const nlohmann::json* value = locate(field); value && value->is_string()) {
            if (const auto known = parse_enum<E>(value->get_ref<const std::string&>())) return *known;
        }
        const std::string spelled = text_expecting(field, "one of " + list_words(EnumSpelling<E>::texts));
        if (failed()) return E{};
        if (const auto value = parse_enum<E>(spelled)) return *value;
        check(field, schema::check_word(spelled, EnumSpelling<E>::texts, EnumSpelling<E>::noun));
        return E{};
    }

    void check(std::size_t field, const std::optional<Problem>& problem);
    void fail(std::size_t field, std::string_view shown, Problem problem);

    bool failed() const { return error_.has_value(); }
    const LoadError& error() const { return *error_; }

private:
    // The value at `field`, or nullptr when it is absent (or an error was already recorded).
    const nlohmann::json* locate(std::size_t field) const;
    // The same, recording that it is missing.
    const nlohmann::json* find(std::size_t field, std::string_view expected);
    void fail_type(std::size_t field, const nlohmann::json& value, std::string_view expected);
    std::string text_expecting(std::size_t field, std::string_view expected);
    const nlohmann::json& typed(std::size_t field, nlohmann::json::value_t type, std::string_view expected);

    const nlohmann::json& object_;  // or the row
    const JsonColumns* columns_ = nullptr;
    std::string source_;
    const std::string_view* names_;
    std::optional<LoadError> error_;
};

// An error of a document read inside another, moved under the field it sits at: "customer" and
// "age" give "customer.age", "customers" and "[3].age" give "customers[3].age".
LoadError nested(LoadError inner, std::string_view field);

// Writes `value` at `path`, creating the nested object of "eligibility.min_age": the encoding side
// of JsonFields, so a record's to_json uses the same name table its decoding does.
void put(nlohmann::json& object, std::string_view path, nlohmann::json value);

}  // namespace bank
