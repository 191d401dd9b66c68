#include "proxy/password.h"

#include <sodium.h>

#include <cstdlib>
#include <regex>

namespace bank::proxy {

bool init_crypto() { return sodium_init() >= 0; }

namespace {

std::optional<std::string> hash_with_cost(std::string_view password, unsigned long long ops,
                                          std::size_t mem) {
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, password.data(), password.size(), ops, mem) != 0) return std::nullopt;
    return std::string(out);
}

// Reads "m=65536,t=2" from "$argon2id$v=19$m=65536,t=2,p=1$salt$hash"; falls back to the
// interactive cost when the string is not in that shape.
void cost_of(const std::string& hash, unsigned long long& ops, std::size_t& mem) {
    ops = crypto_pwhash_OPSLIMIT_INTERACTIVE;
    mem = crypto_pwhash_MEMLIMIT_INTERACTIVE;
    static const std::regex params(R"(\$m=(\d{1,9}),t=(\d{1,4}),p=\d+\$)");
    std::smatch m;
    if (std::regex_search(hash, m, params)) {
        mem = static_cast<std::size_t>(std::strtoull(m[1].str().c_str(), nullptr, 10)) * 1024;
        ops = std::strtoull(m[2].str().c_str(), nullptr, 10);
    }
}

}  // namespace

std::optional<std::string> hash_password(std::string_view password) {
    return hash_with_cost(password, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE);
}

PasswordChecker::PasswordChecker(const std::string& typical_hash, int max_parallel_checks, int max_waiting)
    : free_slots_(max_parallel_checks < 1 ? 1 : max_parallel_checks), max_waiting_(max_waiting) {
    unsigned long long ops;
    std::size_t mem;
    cost_of(typical_hash, ops, mem);
    char random_password[32];
    randombytes_buf(random_password, sizeof random_password);
    decoy_hash_ = hash_with_cost(std::string_view(random_password, sizeof random_password), ops, mem)
                      .value_or(std::string());
}

PasswordCheck PasswordChecker::check(const std::string* hash, std::string_view password) {
    {
        std::unique_lock<std::mutex> lock(mutex_);
        if (free_slots_ == 0 && waiting_ >= max_waiting_) return PasswordCheck::Busy;
        ++waiting_;
        slot_free_.wait(lock, [this] { return free_slots_ > 0; });
        --waiting_;
        --free_slots_;
    }
    const std::string& target = hash ? *hash : decoy_hash_;
    const bool match = !target.empty() &&
                       crypto_pwhash_str_verify(target.c_str(), password.data(), password.size()) == 0;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        ++free_slots_;
    }
    slot_free_.notify_one();
    return hash != nullptr && match ? PasswordCheck::Match : PasswordCheck::NoMatch;
}

}  // namespace bank::proxy
