#include "shared/data/json_fields.h"

#include <algorithm>
#include <utility>

namespace bank {
namespace {

// A value of the wrong type, written as JSON so "28" (a string) is told from 28. Replaces rather
// than throws on invalid UTF-8 inside: an error message must always be producible.
std::string as_json_text(const nlohmann::json& value) {
    return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// A value of the right type but wrong content: a string's own text, anything else as JSON.
std::string shown(const nlohmann::json& value) {
    return value.is_string() ? value.get_ref<const std::string&>() : as_json_text(value);
}

}  // namespace

JsonFields::JsonFields(const nlohmann::json& object, std::string_view source, const std::string_view* names)
    : object_(object), source_(source), names_(names) {
    if (!object.is_object()) {
        error_ = load_error(source_, 0, "", as_json_text(object), "is not a JSON object",
                            "an object with named fields");
    }
}

JsonColumns::JsonColumns(const std::vector<std::string>& names, std::string_view section, std::string noun)
    : width_(names.size()), noun_(std::move(noun)) {
    for (std::size_t k = 0; k < names.size(); ++k) {
        std::string_view name = names[k];
        if (!section.empty()) {
            if (name.size() <= section.size() + 1 || name.substr(0, section.size()) != section ||
                name[section.size()] != '.')
                continue;
            name.remove_prefix(section.size() + 1);
        }
        places_.emplace_back(std::string(name), k);
    }
    std::sort(places_.begin(), places_.end());
}

std::optional<std::size_t> JsonColumns::find(std::string_view name) const {
    const auto it = std::lower_bound(places_.begin(), places_.end(), name,
                                     [](const auto& place, std::string_view n) { return place.first < n; });
    if (it == places_.end() || it->first != name) return std::nullopt;
    return it->second;
}

std::optional<LoadError> JsonColumns::row_error(const nlohmann::json& row, std::string_view source) const {
    if (row.is_array() && row.size() == width_) return std::nullopt;
    const std::string expected = "a list of " + std::to_string(width_) + " values, one per " + noun_;
    if (!row.is_array()) return load_error(source, 0, "", as_json_text(row), "is not a row", expected);
    return load_error(source, 0, "", std::to_string(row.size()) + " values", "is the wrong number of values", expected);
}

JsonFields::JsonFields(const nlohmann::json& row, const JsonColumns& columns, std::string_view source,
                       const std::string_view* names)
    : object_(row), columns_(&columns), source_(source), names_(names) {
    error_ = columns.row_error(row, source_);
}

const nlohmann::json* JsonFields::locate(std::size_t field) const {
    if (error_) return nullptr;
    if (columns_) {
        const auto column = columns_->find(names_[field]);
        return column ? &object_[*column] : nullptr;
    }
    const nlohmann::json* value = &object_;
    std::string_view path = names_[field];
    while (!path.empty()) {
        const std::size_t dot = path.find('.');
        if (!value->is_object()) return nullptr;
        const auto it = value->find(path.substr(0, dot));  // no string made for the key: 20 a customer
        if (it == value->end()) return nullptr;
        value = &*it;
        path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
    }
    return value;
}

const nlohmann::json* JsonFields::find(std::size_t field, std::string_view expected) {
    const nlohmann::json* value = locate(field);
    if (!value) fail(field, "", {"the field is missing", std::string(expected)});
    return value;
}

void JsonFields::fail_type(std::size_t field, const nlohmann::json& value, std::string_view expected) {
    fail(field, as_json_text(value), {"is not " + std::string(expected), ""});
}

std::string JsonFields::text_expecting(std::size_t field, std::string_view expected) {
    const nlohmann::json* value = find(field, expected);
    if (!value) return {};
    if (!value->is_string()) {
        fail(field, as_json_text(*value), {"is not a string", std::string(expected)});
        return {};
    }
    return value->get_ref<const std::string&>();
}

std::string JsonFields::text(std::size_t field) {
    const nlohmann::json* value = find(field, "a string");
    if (!value) return {};
    if (!value->is_string()) {
        fail_type(field, *value, "a string");
        return {};
    }
    return value->get_ref<const std::string&>();
}

std::string JsonFields::text(std::size_t field, std::optional<Problem> (*rule)(std::string_view)) {
    std::string value = text(field);
    if (!failed()) check(field, rule(value));
    return value;
}

std::string JsonFields::required_text(std::size_t field, std::string_view what) {
    std::string value = text(field);
    if (!failed()) check(field, schema::check_not_blank(value, what));
    return value;
}

std::int64_t JsonFields::whole_number(std::size_t field, WholeRange range) {
    const nlohmann::json* value = find(field, "a whole number");
    if (!value) return 0;
    if (value->is_number_unsigned() && value->get<std::uint64_t>() > static_cast<std::uint64_t>(range.max)) {
        fail(field, shown(*value), {"is out of range", describe(range)});
        return 0;
    }
    if (!value->is_number_integer()) {
        fail(field, as_json_text(*value), {"is not a whole number", describe(range)});
        return 0;
    }
    const auto number = value->get<std::int64_t>();
    check(field, check_range(number, range));
    return number;
}

double JsonFields::decimal(std::size_t field, DecimalRange range) {
    const nlohmann::json* value = find(field, "a number");
    if (!value) return 0;
    if (!value->is_number()) {
        fail(field, as_json_text(*value), {"is not a number", describe(range)});
        return 0;
    }
    const auto number = value->get<double>();
    check(field, check_range(number, range));
    return number;
}

bool JsonFields::boolean(std::size_t field, std::string_view what) {
    const nlohmann::json* value = find(field, what);
    if (!value) return false;
    if (!value->is_boolean()) {
        fail(field, as_json_text(*value), {"is not true or false", std::string(what)});
        return false;
    }
    return value->get<bool>();
}

std::optional<double> JsonFields::optional_decimal(std::size_t field, DecimalRange range) {
    const nlohmann::json* value = find(field, "a number or null");
    if (!value || value->is_null()) return std::nullopt;
    return decimal(field, range);
}

std::vector<std::string> JsonFields::list(std::size_t field, char) {
    std::vector<std::string> items;
    const nlohmann::json* value = find(field, "a list of strings");
    if (!value) return items;
    if (!value->is_array()) {
        fail_type(field, *value, "a list of strings");
        return items;
    }
    for (const nlohmann::json& item : *value) {
        if (!item.is_string() || item.get_ref<const std::string&>().empty()) {
            fail(field, as_json_text(item), {"is not a non-empty string", "a list of non-empty strings"});
            return {};
        }
        items.push_back(item.get<std::string>());
    }
    return items;
}

std::optional<std::string> JsonFields::optional_text(std::size_t field,
                                                     std::optional<Problem> (*rule)(std::string_view)) {
    const nlohmann::json* value = find(field, "a string or null");
    if (!value || value->is_null()) return std::nullopt;
    return text(field, rule);
}

const nlohmann::json& JsonFields::typed(std::size_t field, nlohmann::json::value_t type, std::string_view expected) {
    static const nlohmann::json none;
    const nlohmann::json* value = find(field, expected);
    if (!value) return none;
    if (value->type() != type) {
        fail_type(field, *value, expected);
        return none;
    }
    return *value;
}

const nlohmann::json& JsonFields::object(std::size_t field) {
    return typed(field, nlohmann::json::value_t::object, "an object");
}

const nlohmann::json& JsonFields::array(std::size_t field) {
    return typed(field, nlohmann::json::value_t::array, "a list");
}

const nlohmann::json* JsonFields::optional_object(std::size_t field) {
    if (!locate(field)) return nullptr;
    const nlohmann::json& value = object(field);
    return failed() ? nullptr : &value;
}

void JsonFields::require(std::size_t field, std::string_view expected) { find(field, expected); }

void JsonFields::check(std::size_t field, const std::optional<Problem>& problem) {
    if (!problem || error_) return;
    const nlohmann::json* value = find(field, "");
    fail(field, value ? shown(*value) : std::string(), *problem);
}

void JsonFields::fail(std::size_t field, std::string_view value, Problem problem) {
    if (error_) return;
    error_ = load_error(source_, 0, "", value, std::move(problem.what), std::move(problem.expected));
    error_->field = std::string(names_[field]);
}

LoadError nested(LoadError inner, std::string_view field) {
    if (!inner.field.empty() && inner.field.front() != '[') inner.field.insert(0, ".");
    inner.field.insert(0, field);
    return inner;
}

void put(nlohmann::json& object, std::string_view path, nlohmann::json value) {
    nlohmann::json* at = &object;
    for (std::size_t dot = path.find('.'); dot != std::string_view::npos; dot = path.find('.')) {
        at = &(*at)[std::string(path.substr(0, dot))];
        path.remove_prefix(dot + 1);
    }
    (*at)[std::string(path)] = std::move(value);
}

}  // namespace bank
