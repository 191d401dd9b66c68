// Fingerprint: a cheap 64-bit digest of what the accessible mirror last sent, to send only changes.
#pragma once

#include <cstdint>
#include <cstring>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace app {

// A 64-bit fingerprint of a sequence of words. Each step is a bijection of the state for a given
// word, so two sequences that differ in one word always differ; strings carry their length.
class Fingerprint {
public:
    void add(std::uint64_t word) {
        h_ = (h_ ^ word) * 0x9E3779B97F4A7C15ull;
        h_ ^= h_ >> 29;
    }
    void add(double number) {
        std::uint64_t bits = 0;
        std::memcpy(&bits, &number, sizeof bits);
        add(bits);
    }
    void add(std::string_view text) {
        add(static_cast<std::uint64_t>(text.size()));
        std::size_t k = 0;
        for (; k + 8 <= text.size(); k += 8) {
            std::uint64_t word = 0;
            std::memcpy(&word, text.data() + k, 8);
            add(word);
        }
        if (k < text.size()) {
            std::uint64_t word = 0;
            std::memcpy(&word, text.data() + k, text.size() - k);
            add(word);
        }
    }
    void add(const std::vector<std::string>& list) {
        add(static_cast<std::uint64_t>(list.size()));
        for (const std::string& s : list) add(std::string_view(s));
    }
    void add(const std::map<std::string, std::string>& map) {
        add(static_cast<std::uint64_t>(map.size()));
        for (const auto& [key, value] : map) {
            add(std::string_view(key));
            add(std::string_view(value));
        }
    }
    std::uint64_t value() const { return h_; }

private:
    std::uint64_t h_ = 0x243F6A8885A308D3ull;
};

}  // namespace app
