// Vertex AI Search (Discovery Engine) searchLite, the successor Google names for the Custom
// Search JSON API (which stops answering on 1 January 2027). searchLite takes an API key (sent in
// the X-Goog-Api-Key header, never in the URL) and searches a public-website data store: the
// bank's own domains, the same hosts the catalog's links are on.
//   POST https://discoveryengine.googleapis.com/v1/{servingConfig}:searchLite
//   {"query": "...", "pageSize": 10, "safeSearch": true,
//    "contentSearchSpec": {"snippetSpec": {"returnSnippet": true}}}
// -> {"results": [{"id": "...", "document": {"name": "...", "id": "...", "derivedStructData":
//      {"link": "https://...", "title": "...", "displayLink": "...",
//       "snippets": [{"snippet": "...", "snippet_status": "SUCCESS"}]}}}],
//     "totalSize": 3, "attributionToken": "...", "nextPageToken": "..."}
// No results: "results" is left out. Errors use Google's error body (google_error.h); a data
// store that is not public-website search answers 400 FAILED_PRECONDITION.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "shared/ai/product_links.h"

namespace bank::ai {

// "/v1/projects/P/locations/global/collections/default_collection/engines/E/servingConfigs/default_search:searchLite"
// for a serving config resource name of an engine (app) or a data store; nullopt for anything
// else (it is operator configuration, but it becomes part of a URL path).
std::optional<std::string> vertex_search_path(std::string_view serving_config);

nlohmann::json vertex_search_request(std::string_view query, int page_size);

// The results' links, titles and snippets in ranking order; an answer without "results" (no
// match) gives an empty list; an answer that is not a search response gives nullopt. Results
// without a link (not web pages) are left out; "No snippet is available" placeholders are not
// snippets.
std::optional<std::vector<ProductLink>> parse_vertex_search_reply(std::string_view body);

}  // namespace bank::ai
