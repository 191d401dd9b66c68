#include "shared/ranking/propensity/propensity_reasons.h"

#include <algorithm>
#include <map>

namespace bank {

namespace {

constexpr std::size_t kMaxReasons = 3;
// Contributions are in log-odds; below this a feature barely moved the score.
constexpr float kNoticeable = 0.02f;

bool holds(const PropensityCustomer& c, int product) {
    return std::find(c.held.begin(), c.held.end(), product) != c.held.end();
}

std::string lower(std::string s) {
    for (char& ch : s)
        if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    return s;
}

// The reason one feature gives, or a reason with empty text when it gives none for this customer.
Reason reason_for(const FeatureSlot& slot, const PropensityCustomer& c, const std::vector<Product>& catalog,
                  const Product& product) {
    const Customer& who = *c.customer;
    switch (slot.kind) {
        case FeatureKind::Holds:
            if (holds(c, slot.product))
                return {ReasonCode::HeldTogether, 0, "Often taken together with your " + catalog[slot.product].name};
            return {ReasonCode::HeldTogether, 0, ""};
        case FeatureKind::CoOwnership:
            if (c.held.empty()) return {ReasonCode::PopularChoice, 0, "One of our most popular products"};
            return {ReasonCode::HeldTogether, 0, "Customers with products like yours often add it"};
        case FeatureKind::Popularity: return {ReasonCode::PopularChoice, 0, "One of our most popular products"};
        case FeatureKind::PeerPopularity:
            if (!c.known.age) return {ReasonCode::PopularChoice, 0, ""};
            return {ReasonCode::PopularChoice, 0, "Popular with customers at your stage of life"};
        case FeatureKind::AgeBand:
            return {ReasonCode::FitsLifeStage, 0, c.known.age ? "Suits your stage of life" : ""};
        case FeatureKind::Segment:
            return {ReasonCode::FitsLifeStage, 0, c.known.segment ? "Suits customers in your segment" : ""};
        case FeatureKind::IncomeLog:
            return {ReasonCode::FitsFinances, 0, c.known.income ? "Suits your income" : ""};
        case FeatureKind::CreditScore:
        case FeatureKind::RiskAppetite:
            return {ReasonCode::FitsFinances, 0,
                    c.known.risk_profile || c.known.credit_score ? "Fits your financial situation" : ""};
        case FeatureKind::TenureMonths:
        case FeatureKind::Active:
        case FeatureKind::Engagement:
        case FeatureKind::Sentiment:
        case FeatureKind::SocialActivity: {
            // A missing value also moves a score (trees route it), but it is no reason to give.
            const KnownFields& k = c.known;
            const bool known = slot.kind == FeatureKind::TenureMonths   ? k.tenure
                               : slot.kind == FeatureKind::Active       ? k.activity
                               : slot.kind == FeatureKind::Engagement   ? k.engagement
                               : slot.kind == FeatureKind::Sentiment    ? k.sentiment
                                                                        : k.social_activity;
            return {ReasonCode::FitsBankingStyle, 0, known ? "Suits the way you bank with us" : ""};
        }
        case FeatureKind::Spend:
            if (c.spending && share_of(*c.spending, slot.text) > 0)
                return {ReasonCode::FitsSpending, 0, "Suits your spending on " + lower(slot.text)};
            return {ReasonCode::FitsSpending, 0, ""};
        case FeatureKind::TextSimilarity: {
            // The similarity reads the whole profile text; only an interest the product's own
            // words name is a reason the customer can check.
            const auto interests = matched_interests(who, product);
            return {ReasonCode::MatchesInterests, 0,
                    interests.empty() ? "" : "Matches your interest in " + join_two(interests)};
        }
        case FeatureKind::ImageSimilarity:
            return {ReasonCode::StyleMatch, 0, who.interests.empty() ? "" : "Looks like what you are into"};
        default: return {ReasonCode::PopularChoice, 0, ""};  // the product itself: not a reason
    }
}

}  // namespace

std::vector<Reason> propensity_reasons(const PropensityModel& model, const std::vector<Product>& catalog,
                                       const PropensityCustomer& customer, int product,
                                       const std::vector<float>& contributions) {
    // Features that give the same words add up: three spending-mix features are one reason.
    std::map<std::string, Reason> by_text;
    for (std::size_t f = 0; f < model.layout.slots.size() && f < contributions.size(); ++f) {
        if (!(contributions[f] > 0)) continue;
        Reason r = reason_for(model.layout.slots[f], customer, catalog, catalog[product]);
        if (r.text.empty()) continue;
        auto [it, fresh] = by_text.emplace(r.text, r);
        it->second.contribution += contributions[f];
    }
    std::vector<Reason> reasons;
    for (auto& [text, r] : by_text)
        if (r.contribution >= kNoticeable) reasons.push_back(std::move(r));
    std::sort(reasons.begin(), reasons.end(), [](const Reason& a, const Reason& b) {
        return a.contribution > b.contribution || (a.contribution == b.contribution && a.text < b.text);
    });
    if (reasons.size() > kMaxReasons) reasons.resize(kMaxReasons);
    return reasons;
}

}  // namespace bank
