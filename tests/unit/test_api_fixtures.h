// The wire fixtures of tests/data/wire/ (README.md there): one folder per API document, with the
// source name its errors carry, valid/<case>.json and invalid/<case>.json + <case>.txt. The
// codec tests read them here; the proxy tests compare the proxy's real answers with them.
#pragma once

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "shared/api/ai_answers.h"
#include "shared/api/api_error.h"
#include "shared/api/book.h"
#include "shared/api/catalog.h"
#include "shared/api/customer_record.h"
#include "shared/api/demo_bundle.h"
#include "shared/api/feedback.h"
#include "shared/api/me.h"
#include "shared/api/ranking_model.h"

namespace bank::api::test {

namespace fs = std::filesystem;

inline std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());  // a missing file fails, never skips
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    return text;
}

// One document's codec behind one signature: what reading says (nullopt = it decoded), and
// the document written back from what was read.
struct WireCodec {
    std::function<std::optional<LoadError>(const nlohmann::json&, std::string_view)> problem;
    std::function<nlohmann::json(const nlohmann::json&, std::string_view)> rewrite;
};

template <class T>
WireCodec wire_codec(Loaded<T> (*read)(const nlohmann::json&, std::string_view), nlohmann::json (*write)(const T&)) {
    return {[read](const nlohmann::json& j, std::string_view source) -> std::optional<LoadError> {
                auto decoded = read(j, source);
                if (decoded) return std::nullopt;
                return decoded.error();
            },
            [read, write](const nlohmann::json& j, std::string_view source) {
                return write(read(j, source).value());
            }};
}

// Folder name under tests/data/wire/ -> its codec.
inline const std::map<std::string, WireCodec>& wire_codecs() {
    static const std::map<std::string, WireCodec> codecs = {
        {"me", wire_codec(read_me, write_me)},
        {"catalog", wire_codec(read_catalog, write_catalog)},
        {"customer_record", wire_codec(read_customer_record, write_customer_record)},
        {"book", wire_codec(read_book, write_book)},
        {"ranking_model", wire_codec(read_ranking_model, write_ranking_model)},
        {"demo_bundle", wire_codec(read_demo_bundle, write_demo_bundle)},
        {"api_error", wire_codec(read_api_error, write_api_error)},
        {"explanations_answer", wire_codec(read_explanations_answer, write_explanations_answer)},
        {"summary_answer", wire_codec(read_summary_answer, write_summary_answer)},
        {"links_answer", wire_codec(read_links_answer, write_links_answer)},
        {"feedback_list", wire_codec(read_feedback_list, write_feedback_list)},
    };
    return codecs;
}

class WireFixtures {
public:
    explicit WireFixtures(fs::path root) : root_(std::move(root)) {}

    std::vector<std::string> documents() const { return names_in(root_, ""); }
    // The source name the document's errors carry, e.g. "/api/me".
    std::string source(const std::string& document) const { return read_text(root_ / document / "source.txt"); }
    // "valid" or "invalid" cases, by name, sorted.
    std::vector<std::string> cases(const std::string& document, const std::string& kind) const {
        return names_in(root_ / document / kind, ".json");
    }
    nlohmann::json document(const std::string& document, const std::string& kind, const std::string& name) const {
        return nlohmann::json::parse(read_text(root_ / document / kind / (name + ".json")));
    }
    std::string expected_error(const std::string& document, const std::string& name) const {
        return read_text(root_ / document / "invalid" / (name + ".txt"));
    }

private:
    // Folders (extension "") or the stems of files with `extension`.
    static std::vector<std::string> names_in(const fs::path& folder, const std::string& extension) {
        std::vector<std::string> names;
        for (const auto& entry : fs::directory_iterator(folder)) {
            if (extension.empty() ? entry.is_directory() : entry.path().extension() == extension) {
                names.push_back(entry.path().stem().string());
            }
        }
        std::sort(names.begin(), names.end());
        return names;
    }

    fs::path root_;
};

// What a document looks like without its values: every object's member names, the type of each
// value ("string", "number", ...) and, for a list, the shape of its first entry.
inline nlohmann::json shape_of(const nlohmann::json& j) {
    if (j.is_object()) {
        nlohmann::json shape = nlohmann::json::object();
        for (const auto& [key, value] : j.items()) shape[key] = shape_of(value);
        return shape;
    }
    if (j.is_array()) return j.empty() ? nlohmann::json::array() : nlohmann::json::array({shape_of(j.front())});
    if (j.is_number()) return "number";
    return j.type_name();
}

// True when two shapes (shape_of) agree; an empty list fits a list of anything, since a
// model fit on a handful of customers may publish no entries where the fixture has some.
inline bool same_shape(const nlohmann::json& a, const nlohmann::json& b) {
    if (a.is_array() && b.is_array()) return a.empty() || b.empty() || same_shape(a.front(), b.front());
    if (a.is_object() && b.is_object()) {
        if (a.size() != b.size()) return false;
        for (const auto& [key, value] : a.items()) {
            if (!b.contains(key) || !same_shape(value, b.at(key))) return false;
        }
        return true;
    }
    return a == b;
}

// Equal documents, numbers within float precision: the behavioural model is written from floats.
inline bool same_document(const nlohmann::json& a, const nlohmann::json& b) {
    if (a.is_number() && b.is_number()) {
        const double x = a.get<double>(), y = b.get<double>();
        return std::abs(x - y) <= 1e-6 * std::max(1.0, std::max(std::abs(x), std::abs(y)));
    }
    if (a.type() != b.type() || a.size() != b.size()) return false;
    if (a.is_object()) {
        for (const auto& [key, value] : a.items()) {
            if (!b.contains(key) || !same_document(value, b.at(key))) return false;
        }
        return true;
    }
    if (a.is_array()) {
        for (std::size_t i = 0; i < a.size(); ++i) {
            if (!same_document(a[i], b[i])) return false;
        }
        return true;
    }
    return a == b;
}

}  // namespace bank::api::test
