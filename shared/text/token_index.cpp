#include "shared/text/token_index.h"

namespace bank::text {
namespace {

// FNV-1a, continued across the two parts so that find(prefix, piece) hashes like prefix + piece.
std::uint64_t hash_bytes(std::string_view bytes, std::uint64_t h = 14695981039346656037ull) {
    for (char c : bytes) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ull;
    }
    return h;
}

bool equals_parts(const std::string& token, std::string_view prefix, std::string_view piece) {
    return token.size() == prefix.size() + piece.size() &&
           token.compare(0, prefix.size(), prefix.data(), prefix.size()) == 0 &&
           token.compare(prefix.size(), piece.size(), piece.data(), piece.size()) == 0;
}

}  // namespace

void TokenIndex::add(std::string_view token, std::int32_t id) {
    const std::uint64_t h = hash_bytes(token);
    if (!slots_.empty()) {
        const std::size_t mask = slots_.size() - 1;
        for (std::size_t s = h & mask; slots_[s] >= 0; s = (s + 1) & mask) {
            Entry& e = entries_[slots_[s]];
            if (e.hash == h && e.token == token) {
                e.id = id;
                return;
            }
        }
    }
    entries_.push_back({std::string(token), id, h});
    // Keep the load factor at or below 1/2 so that probes stay short.
    if (entries_.size() * 2 > slots_.size()) {
        grow();
        return;
    }
    const std::size_t mask = slots_.size() - 1;
    std::size_t s = h & mask;
    while (slots_[s] >= 0) s = (s + 1) & mask;
    slots_[s] = static_cast<std::int32_t>(entries_.size() - 1);
}

void TokenIndex::grow() {
    std::size_t capacity = slots_.empty() ? 64 : slots_.size() * 2;
    while (entries_.size() * 2 > capacity) capacity *= 2;
    slots_.assign(capacity, -1);
    const std::size_t mask = capacity - 1;
    for (std::size_t i = 0; i < entries_.size(); ++i) {
        std::size_t s = entries_[i].hash & mask;
        while (slots_[s] >= 0) s = (s + 1) & mask;
        slots_[s] = static_cast<std::int32_t>(i);
    }
}

std::int32_t TokenIndex::find(std::string_view prefix, std::string_view piece) const {
    if (slots_.empty()) return kMissing;
    const std::uint64_t h = hash_bytes(piece, hash_bytes(prefix));
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t s = h & mask; slots_[s] >= 0; s = (s + 1) & mask) {
        const Entry& e = entries_[slots_[s]];
        if (e.hash == h && equals_parts(e.token, prefix, piece)) return e.id;
    }
    return kMissing;
}

}  // namespace bank::text
