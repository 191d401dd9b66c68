// Token string -> id, the lookup every tokenizer model does per candidate piece. A flat
// open-addressing table that can look a key up in two parts (WordPiece asks for "##" + piece)
// without building a string per probe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bank::text {

class TokenIndex {
public:
    static constexpr std::int32_t kMissing = -1;

    // Adds or replaces a token's id (the last definition wins, as in a JSON object).
    void add(std::string_view token, std::int32_t id);

    // Id of prefix + piece, or kMissing.
    std::int32_t find(std::string_view prefix, std::string_view piece) const;
    std::int32_t find(std::string_view token) const { return find({}, token); }

    std::size_t size() const { return entries_.size(); }

private:
    struct Entry {
        std::string token;
        std::int32_t id;
        std::uint64_t hash;
    };
    void grow();

    std::vector<Entry> entries_;
    std::vector<std::int32_t> slots_;  // index into entries_, or -1 when empty
};

}  // namespace bank::text
