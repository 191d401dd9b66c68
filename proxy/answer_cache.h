// Successful, validated AI answers, kept so the same question is not paid for twice. Keyed by a
// hash of the normalized upstream request (which holds only de-identified data), bounded in size
// (least recently used goes first) and in age. Answers are kept as the response body text, so a
// hit costs no JSON work.
#pragma once

#include <chrono>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "proxy/clock.h"

namespace bank::proxy {

class AnswerCache {
public:
    AnswerCache(std::size_t capacity, std::chrono::seconds max_age, Clock clock);

    std::optional<std::string> find(const std::string& key);
    void store(const std::string& key, std::string answer);
    std::size_t size();

private:
    struct Entry {
        std::string key;
        std::string answer;
        Instant stored;
    };
    std::size_t capacity_;
    std::chrono::seconds max_age_;
    Clock clock_;
    std::mutex mutex_;
    std::list<Entry> recent_;  // most recently used first
    std::unordered_map<std::string, std::list<Entry>::iterator> by_key_;
};

// The cache key of a request: BLAKE2b of `kind` and the request's canonical JSON (object keys
// sorted, so equal requests give equal keys whatever order they were built in).
std::string cache_key(const std::string& kind, const nlohmann::json& normalized_request);

}  // namespace bank::proxy
