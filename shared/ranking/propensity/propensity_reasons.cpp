#include "shared/ranking/propensity/propensity_reasons.h"

#include <algorithm>
#include <map>

#include "shared/ranking/product_words.h"

namespace bank {

namespace {

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

Reason both(ReasonCode code, const std::string& yours, const std::string& theirs, bool personal = true) {
    return voiced(code, 0, yours, theirs, personal);
}

Reason none(ReasonCode code) { return Reason{code, 0, "", "", false}; }

// The reason one feature gives, or a reason with empty text when it gives none for this customer.
Reason reason_for(const FeatureSlot& slot, const PropensityCustomer& c, const std::vector<Product>& catalog,
                  const Product& product) {
    const Customer& who = *c.customer;
    switch (slot.kind) {
        case FeatureKind::Holds:
            if (!holds(c, slot.product)) return none(ReasonCode::HeldTogether);
            return both(ReasonCode::HeldTogether, "Often taken together with your " + catalog[slot.product].name,
                        "Often taken together with their " + catalog[slot.product].name);
        case FeatureKind::CoOwnership:
            if (c.held.empty())
                return both(ReasonCode::PopularChoice, "One of our most popular products",
                            "One of our most popular products", false);
            return both(ReasonCode::HeldTogether, "Customers with products like yours often add it",
                        "Customers with products like theirs often add it");
        case FeatureKind::Popularity:
            return both(ReasonCode::PopularChoice, "One of our most popular products", "One of our most popular products",
                        false);
        case FeatureKind::PeerPopularity:
            if (!c.known.age) return none(ReasonCode::PopularChoice);
            return both(ReasonCode::PopularChoice, "Popular with customers at your stage of life",
                        "Popular with customers at their stage of life");
        case FeatureKind::AgeBand:
            if (!c.known.age) return none(ReasonCode::FitsLifeStage);
            return both(ReasonCode::FitsLifeStage, "Suits your stage of life", "Suits their stage of life");
        case FeatureKind::Segment:
            if (!c.known.segment) return none(ReasonCode::FitsLifeStage);
            return both(ReasonCode::FitsLifeStage, "Suits customers in your segment", "Suits customers in their segment");
        case FeatureKind::IncomeLog:
            if (!c.known.income) return none(ReasonCode::FitsFinances);
            return both(ReasonCode::FitsFinances, "Suits your income", "Suits their income");
        case FeatureKind::CreditScore:
        case FeatureKind::RiskAppetite:
            if (!c.known.risk_profile && !c.known.credit_score) return none(ReasonCode::FitsFinances);
            return both(ReasonCode::FitsFinances, "Fits your financial situation", "Fits their financial situation");
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
            if (!known) return none(ReasonCode::FitsBankingStyle);
            return both(ReasonCode::FitsBankingStyle, "Suits the way you bank with us", "Suits the way they bank with us");
        }
        case FeatureKind::Spend:
            // Spending is a reason only where it bears on the product (product_words.h).
            if (!c.spending || !(share_of(*c.spending, slot.text) > 0) || !spending_bears_on(slot.text, product))
                return none(ReasonCode::FitsSpending);
            return both(ReasonCode::FitsSpending, "Suits your spending on " + lower(slot.text),
                        "Suits their spending on " + lower(slot.text));
        case FeatureKind::TextSimilarity: {
            // The similarity reads the whole profile text; only an interest the product's own
            // words name is a reason the customer can check.
            const auto interests = matched_interests(who, product);
            if (interests.empty()) return none(ReasonCode::MatchesInterests);
            return both(ReasonCode::MatchesInterests, "Matches your interest in " + join_two(interests),
                        "Matches their interest in " + join_two(interests));
        }
        case FeatureKind::ImageSimilarity:
            if (who.interests.empty()) return none(ReasonCode::StyleMatch);
            return both(ReasonCode::StyleMatch, "Looks like what you are into", "Looks like what they are into");
        default: return none(ReasonCode::PopularChoice);  // the product itself: not a reason
    }
}

}  // namespace

std::vector<Reason> propensity_reasons(const PropensityModel& model, const std::vector<Product>& catalog,
                                       const PropensityCustomer& customer, int product,
                                       const std::vector<float>& contributions, std::size_t most) {
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
    if (reasons.size() > most) reasons.resize(most);
    return reasons;
}

}  // namespace bank
