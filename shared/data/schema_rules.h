// The value rules of data/SCHEMA.md, once, for both ways data arrives: the CSV loaders and the
// JSON wire format check a field against the same range or rule, so they cannot drift apart.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "shared/data/value_text.h"
#include "shared/data/vocabulary.h"

namespace bank::schema {

inline constexpr double kNoLimit = std::numeric_limits<double>::infinity();

// customerdata.csv
inline constexpr WholeRange kCustomerId{1, std::numeric_limits<std::int64_t>::max()};
inline constexpr WholeRange kAge{18, 120};
inline constexpr WholeRange kEngagement{0, 100};
inline constexpr DecimalRange kSentiment{-1, 1};
inline constexpr DecimalRange kAnnualIncome{0, kNoLimit};
inline constexpr WholeRange kCreditScore{300, 850};

// catalog.csv. Min Credit Score is "0 or 300-850": parse in kMinCreditScore, then check it.
inline constexpr WholeRange kMinCreditScore{0, 850};
inline constexpr DecimalRange kMinIncome{0, kNoLimit};
inline constexpr DecimalRange kAnnualFee{0, kNoLimit};
// SCHEMA.md gives no range for Rate; a percentage outside 0-100 a year is a unit mistake.
inline constexpr DecimalRange kRate{0, 100};

// transactions.csv
inline constexpr DecimalRange kAmount{};

std::optional<Problem> check_min_credit_score(std::int64_t score);
// Max Age must lie in Min Age-120.
std::optional<Problem> check_max_age(std::int64_t max_age, std::int64_t min_age);
// Product ID: [A-Z0-9-]+
std::optional<Problem> check_product_id(std::string_view id);
// Banker ID, Username, Name, Branch: present and not only spaces.
std::optional<Problem> check_not_blank(std::string_view text, std::string_view what);
// Link: an https:// page.
std::optional<Problem> check_https_link(std::string_view link);
// Image: a relative path inside data/, never leaving it.
std::optional<Problem> check_image_path(std::string_view path);
// Password Hash: a libsodium crypto_pwhash_str string (argon2id).
std::optional<Problem> check_password_hash(std::string_view hash);
// `text` is one of `words`, exactly; otherwise "is not a known <noun> (expected one of ...)". Serves
// the enums (with EnumSpelling<E>::texts) and the text columns with a closed vocabulary alike.
template <std::size_t N>
std::optional<Problem> check_word(std::string_view text, const std::array<std::string_view, N>& words,
                                  std::string_view noun) {
    if (is_one_of(text, words)) return std::nullopt;
    std::string listed = "one of " + list_words(words);
    if (text.empty()) return Problem{"the value is missing", std::move(listed)};
    return Problem{"is not a known " + std::string(noun), std::move(listed)};
}

// Gender and Merchant Category: one of the words of data/SCHEMA.md.
std::optional<Problem> check_gender(std::string_view gender);
std::optional<Problem> check_merchant_category(std::string_view category);

}  // namespace bank::schema
