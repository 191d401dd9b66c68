#include "shared/data/vocabulary.h"

namespace bank {
namespace {

template <class E> const char* spelling(E value) {
    const auto& texts = EnumSpelling<E>::texts;
    const auto index = static_cast<std::size_t>(value);
    // Only a value cast from an out-of-range integer lands here; say so rather than index past.
    return index < texts.size() ? texts[index].data() : "(invalid)";
}

}  // namespace

const char* to_string(ProductCategory c) { return spelling(c); }
const char* to_string(RiskProfile r) { return spelling(r); }
const char* to_string(RiskLevel r) { return spelling(r); }
const char* to_string(SocialActivity s) { return spelling(s); }
const char* to_string(Role r) { return spelling(r); }

std::optional<ProductCategory> parse_product_category(std::string_view text) {
    return parse_enum<ProductCategory>(text);
}
std::optional<RiskProfile> parse_risk_profile(std::string_view text) { return parse_enum<RiskProfile>(text); }
std::optional<RiskLevel> parse_risk_level(std::string_view text) { return parse_enum<RiskLevel>(text); }
std::optional<SocialActivity> parse_social_activity(std::string_view text) {
    return parse_enum<SocialActivity>(text);
}
std::optional<Role> parse_role(std::string_view text) { return parse_enum<Role>(text); }

}  // namespace bank
