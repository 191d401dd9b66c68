// Parsing JSON that came from outside with a bound on its nesting. nlohmann's parser itself does
// not recurse, but copying, comparing or dumping a value recurses once per level, so a document a
// few thousand levels deep (20 KB of "[") overflows a worker's or the browser's stack later, far
// from where it was read. The bank's own documents are a handful of levels deep.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

namespace bank {

// Deep enough for every request and answer of the bank's API, the demo bundle included.
inline constexpr int kMaxJsonDepth = 32;

// The parsed value, or a discarded one (is_discarded()) when the text is not JSON or nests more
// than max_depth arrays and objects inside one another.
nlohmann::json parse_json_within_depth(std::string_view text, int max_depth = kMaxJsonDepth);

}  // namespace bank
