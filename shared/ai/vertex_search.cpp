#include "shared/ai/vertex_search.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "shared/data/json_depth.h"
#include "shared/data/json_fields.h"

namespace bank::ai {

namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 1> kResultFields = {"document.derivedStructData.link"};

// Segments of a resource name: letters, digits, '-' and '_' (project, location, engine and data
// store ids), at most 128 characters each.
bool resource_id(std::string_view s) {
    if (s.empty() || s.size() > 128) return false;
    for (char c : s) {
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_')) return false;
    }
    return true;
}

std::vector<std::string_view> segments(std::string_view name) {
    std::vector<std::string_view> out;
    std::size_t pos = 0;
    while (pos <= name.size()) {
        const std::size_t slash = std::min(name.find('/', pos), name.size());
        out.push_back(name.substr(pos, slash - pos));
        pos = slash + 1;
    }
    return out;
}

std::string text_at(const json& object, const char* key) {
    const auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string first_snippet(const json& data) {
    const auto snippets = data.find("snippets");
    if (snippets == data.end() || !snippets->is_array()) return "";
    for (const json& s : *snippets) {
        if (!s.is_object()) continue;
        const std::string status = text_at(s, "snippet_status");
        if (!status.empty() && status != "SUCCESS") continue;
        const std::string text = text_at(s, "snippet");
        if (!text.empty()) return text;
    }
    return "";
}

std::optional<ProductLink> link_of(const json& result) {
    JsonFields fields(result, "a search result", kResultFields.data());
    std::string link = fields.text(0);
    if (fields.failed() || link.empty()) return std::nullopt;
    const json& data = result["document"]["derivedStructData"];
    return ProductLink{text_at(data, "title"), std::move(link), first_snippet(data), text_at(data, "displayLink")};
}

}  // namespace

std::optional<std::string> vertex_search_path(std::string_view serving_config) {
    const auto s = segments(serving_config);
    const bool engine = s.size() == 10 && s[4] == "collections" && s[6] == "engines";
    const bool store = (s.size() == 8 && s[4] == "dataStores") ||
                       (s.size() == 10 && s[4] == "collections" && s[6] == "dataStores");
    if (!(engine || store) || s[0] != "projects" || s[2] != "locations" || s[s.size() - 2] != "servingConfigs")
        return std::nullopt;
    for (std::size_t i = 1; i < s.size(); i += 2) {
        if (!resource_id(s[i])) return std::nullopt;
    }
    return "/v1/" + std::string(serving_config) + ":searchLite";
}

json vertex_search_request(std::string_view query, int page_size) {
    return {{"query", std::string(query)},
            {"pageSize", page_size},
            {"safeSearch", true},
            {"contentSearchSpec", {{"snippetSpec", {{"returnSnippet", true}}}}}};
}

std::optional<std::vector<ProductLink>> parse_vertex_search_reply(std::string_view body) {
    const json j = parse_json_within_depth(body);
    if (!j.is_object() || j.contains("error")) return std::nullopt;
    std::vector<ProductLink> links;
    const auto results = j.find("results");
    if (results == j.end()) {
        // No match: Vertex leaves "results" out but still answers with the search's bookkeeping.
        for (const char* key : {"totalSize", "attributionToken", "nextPageToken", "summary", "guidedSearchResult",
                                "correctedQuery", "redirectUri", "queryExpansionInfo"}) {
            if (j.contains(key)) return links;
        }
        return std::nullopt;
    }
    if (!results->is_array()) return std::nullopt;
    for (const json& result : *results) {
        if (auto link = link_of(result)) links.push_back(std::move(*link));
    }
    return links;
}

}  // namespace bank::ai
