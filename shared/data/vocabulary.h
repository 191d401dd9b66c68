// The closed sets of words the bank's files and wire format may use: how each enum is spelled, and
// the text-valued columns whose values come from a fixed list (data/SCHEMA.md). One table per set,
// so parsing, printing and "expected one of ..." messages can never disagree.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "shared/data/model.h"

namespace bank {

// Spellings in enum declaration order: the enums have no explicit values, so texts[i] names the
// enumerator whose value is i.
template <class E> struct EnumSpelling;

template <> struct EnumSpelling<ProductCategory> {
    static constexpr std::string_view noun = "product category";
    static constexpr std::array<std::string_view, 8> texts = {
        "account", "card", "loan", "mortgage", "savings", "deposit", "investment", "insurance"};
};
template <> struct EnumSpelling<RiskProfile> {
    static constexpr std::string_view noun = "risk profile";
    static constexpr std::array<std::string_view, 3> texts = {"Conservative", "Moderate", "Aggressive"};
};
template <> struct EnumSpelling<RiskLevel> {
    static constexpr std::string_view noun = "risk level";
    static constexpr std::array<std::string_view, 3> texts = {"Low", "Medium", "High"};
};
template <> struct EnumSpelling<SocialActivity> {
    static constexpr std::string_view noun = "social media activity level";
    static constexpr std::array<std::string_view, 3> texts = {"Low", "Medium", "High"};
};
template <> struct EnumSpelling<Role> {
    static constexpr std::string_view noun = "role";
    static constexpr std::array<std::string_view, 2> texts = {"customer", "banker"};
};

// Exact, case-sensitive match: the files are machine-written, and "moderate" slipping through
// would hide a generator bug.
template <class E> std::optional<E> parse_enum(std::string_view text) {
    const auto& texts = EnumSpelling<E>::texts;
    for (std::size_t i = 0; i < texts.size(); ++i) {
        if (texts[i] == text) return static_cast<E>(i);
    }
    return std::nullopt;
}

std::optional<ProductCategory> parse_product_category(std::string_view text);
std::optional<RiskProfile> parse_risk_profile(std::string_view text);
std::optional<RiskLevel> parse_risk_level(std::string_view text);
std::optional<SocialActivity> parse_social_activity(std::string_view text);
std::optional<Role> parse_role(std::string_view text);

// Customer "Gender": kept as text, measured for exposure only, never scored.
inline constexpr std::array<std::string_view, 4> kGenders = {"Male", "Female", "Non-binary", "Undisclosed"};

// Transaction "Merchant Category".
inline constexpr std::array<std::string_view, 20> kMerchantCategories = {
    "Groceries", "Dining",     "Travel",           "Fuel",      "Electronics",
    "Gaming",    "Fashion",    "Education",        "Healthcare", "Home Improvement",
    "Utilities", "Rent",       "Mortgage Payment", "Childcare", "Entertainment",
    "Salary",    "Investments", "Insurance",       "Transport", "Pets"};

template <std::size_t N>
bool is_one_of(std::string_view text, const std::array<std::string_view, N>& words) {
    for (std::string_view word : words) {
        if (word == text) return true;
    }
    return false;
}

// "Low, Medium, High": the accepted values as an error message lists them.
template <std::size_t N> std::string list_words(const std::array<std::string_view, N>& words) {
    std::string listed;
    for (std::string_view word : words) {
        if (!listed.empty()) listed += ", ";
        listed += word;
    }
    return listed;
}

}  // namespace bank
