#include "shared/data/schema_rules.h"


namespace bank::schema {

std::optional<Problem> check_min_credit_score(std::int64_t score) {
    if (score == 0 || (score >= 300 && score <= 850)) return std::nullopt;
    return Problem{"is out of range", "0 (no credit check) or 300-850"};
}

std::optional<Problem> check_max_age(std::int64_t max_age, std::int64_t min_age) {
    if (max_age >= min_age) return std::nullopt;
    return Problem{"is below Min Age", describe(WholeRange{min_age, kAge.max})};
}

std::optional<Problem> check_product_id(std::string_view id) {
    const std::string expected = "capital letters, digits and '-', such as CARD-CASHBACK";
    if (id.empty()) return Problem{"the value is missing", expected};
    for (char c : id) {
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) {
            return Problem{"is not a product id", expected};
        }
    }
    return std::nullopt;
}

std::optional<Problem> check_not_blank(std::string_view text, std::string_view what) {
    if (text.find_first_not_of(" \t") != std::string_view::npos) return std::nullopt;
    return Problem{text.empty() ? "the value is missing" : "is blank", std::string(what)};
}

std::optional<Problem> check_https_link(std::string_view link) {
    constexpr std::string_view scheme = "https://";
    const std::string expected = "the product page's https:// address";
    if (link.empty()) return Problem{"the value is missing", expected};
    if (link.substr(0, scheme.size()) != scheme || link.size() == scheme.size() ||
        link.find_first_of(" \t\"<>") != std::string_view::npos) {
        return Problem{"is not an https link", expected};
    }
    return std::nullopt;
}

std::optional<Problem> check_image_path(std::string_view path) {
    const std::string expected = "a path relative to data/, such as images/CARD-CASHBACK.png";
    if (path.empty()) return Problem{"the value is missing", expected};
    // The proxy serves this path from disk: nothing absolute, no way up and out of data/.
    const bool escapes = path.front() == '/' || path.find('\\') != std::string_view::npos ||
                         path.find(':') != std::string_view::npos || path == ".." ||
                         path.substr(0, 3) == "../" || path.find("/../") != std::string_view::npos ||
                         (path.size() >= 3 && path.substr(path.size() - 3) == "/..");
    if (escapes) return Problem{"is not a relative path inside data/", expected};
    return std::nullopt;
}

std::optional<Problem> check_password_hash(std::string_view hash) {
    constexpr std::string_view prefix = "$argon2id$";
    if (hash.substr(0, prefix.size()) == prefix && hash.size() > prefix.size()) return std::nullopt;
    const std::string expected = "a libsodium crypto_pwhash_str string starting with $argon2id$";
    if (hash.empty()) return Problem{"the value is missing", expected};
    return Problem{"the value (not shown) is not an argon2id password hash", expected};
}

std::optional<Problem> check_gender(std::string_view gender) {
    return check_word(gender, kGenders, "gender");
}

std::optional<Problem> check_merchant_category(std::string_view category) {
    return check_word(category, kMerchantCategories, "merchant category");
}

}  // namespace bank::schema
