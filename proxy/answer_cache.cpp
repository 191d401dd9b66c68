#include "proxy/answer_cache.h"

#include <sodium.h>

#include <utility>

namespace bank::proxy {

AnswerCache::AnswerCache(std::size_t capacity, std::chrono::seconds max_age, Clock clock)
    : capacity_(capacity), max_age_(max_age), clock_(std::move(clock)) {}

std::optional<std::string> AnswerCache::find(const std::string& key) {
    std::lock_guard<std::mutex> lock(mutex_);
    const auto it = by_key_.find(key);
    if (it == by_key_.end()) return std::nullopt;
    if (clock_() - it->second->stored > max_age_) {
        recent_.erase(it->second);
        by_key_.erase(it);
        return std::nullopt;
    }
    recent_.splice(recent_.begin(), recent_, it->second);
    return it->second->answer;
}

void AnswerCache::store(const std::string& key, std::string answer) {
    if (capacity_ == 0) return;
    std::lock_guard<std::mutex> lock(mutex_);
    if (const auto it = by_key_.find(key); it != by_key_.end()) {
        recent_.erase(it->second);
        by_key_.erase(it);
    }
    recent_.push_front({key, std::move(answer), clock_()});
    by_key_[key] = recent_.begin();
    while (recent_.size() > capacity_) {
        by_key_.erase(recent_.back().key);
        recent_.pop_back();
    }
}

std::size_t AnswerCache::size() {
    std::lock_guard<std::mutex> lock(mutex_);
    return recent_.size();
}

std::string cache_key(const std::string& kind, const nlohmann::json& normalized_request) {
    const std::string text = kind + "\n" + normalized_request.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    unsigned char digest[32];
    crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(text.data()), text.size(),
                       nullptr, 0);
    char hex[sizeof digest * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

}  // namespace bank::proxy
