#include "shared/profile/profile_text.h"

#include <algorithm>

#include "shared/profile/life_stage.h"
#include "shared/text/word_list.h"

namespace bank {

namespace {

// A spending category counts as a habit from this share of money out; below it one large
// purchase would read as a lifestyle.
constexpr double kNotableShare = 0.08;
constexpr std::size_t kMaxListed = 4;

std::string lower(std::string s) {
    for (char& ch : s) {
        if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    }
    return s;
}

std::vector<std::string> first_nonempty(const std::vector<std::string>& items) {
    std::vector<std::string> out;
    for (const std::string& item : items) {
        if (!item.empty() && out.size() < kMaxListed) out.push_back(lower(item));
    }
    return out;
}

const Product* find_product(const std::vector<Product>& catalog, const std::string& id) {
    for (const Product& p : catalog) {
        if (p.id == id) return &p;
    }
    return nullptr;
}

bool holds_category(const Customer& c, const std::vector<Product>& catalog, ProductCategory cat) {
    for (const std::string& id : c.products_held) {
        const Product* p = find_product(catalog, id);
        if (p != nullptr && p->category == cat) return true;
    }
    return false;
}

const char* describe_risk(RiskProfile r) {
    switch (r) {
        case RiskProfile::Conservative:
            return "Prefers safe, low-risk choices.";
        case RiskProfile::Moderate:
            return "Comfortable with moderate risk for better returns.";
        case RiskProfile::Aggressive:
            return "Comfortable with high risk in pursuit of growth.";
    }
    return "";
}

void add_sentence(std::string& text, const std::string& sentence) {
    if (sentence.empty()) return;
    if (!text.empty()) text += ' ';
    text += sentence;
}

}  // namespace

std::vector<std::string> inferred_goals(const Customer& customer, const std::vector<CategorySpend>& spending,
                                        const std::vector<Product>& catalog) {
    const bool has_mortgage = holds_category(customer, catalog, ProductCategory::Mortgage) ||
                              share_of(spending, "Mortgage Payment") > 0;
    std::vector<std::string> goals;
    // Buying a first home is a goal of working age; a retiree paying rent is not saving for one.
    const bool home_buying_age = customer.age < 50;
    if (!has_mortgage && home_buying_age && share_of(spending, "Rent") >= kNotableShare) {
        goals.push_back("saving to buy a home");
    }
    if (has_mortgage) goals.push_back("paying off a home");
    if (share_of(spending, "Childcare") > 0) goals.push_back("providing for a family");
    if (share_of(spending, "Education") >= kNotableShare) goals.push_back("paying for education");
    if (share_of(spending, "Travel") >= kNotableShare) goals.push_back("travelling often");
    if (share_of(spending, "Investments") > 0 ||
        holds_category(customer, catalog, ProductCategory::Investment)) {
        goals.push_back("growing investments");
    }
    if (!holds_category(customer, catalog, ProductCategory::Savings) &&
        !holds_category(customer, catalog, ProductCategory::Deposit)) {
        goals.push_back("building up savings");
    }
    if (!holds_category(customer, catalog, ProductCategory::Insurance)) {
        goals.push_back("protecting what matters");
    }
    return goals;
}

// Held products are not named: the co-ownership signal already uses them, and their names would
// pull the semantic signal toward more of the same (a card holder "matches" every other card).
std::string profile_text(const Customer& customer, const std::vector<CategorySpend>& spending,
                         const std::vector<Product>& catalog, const KnownFields& known) {
    std::string text;
    if (known.age) {
        const char* stage = describe_life_stage(life_stage_for_age(customer.age));
        add_sentence(text, *stage ? std::string(stage) + "." : "");
    }
    if (!customer.occupation.empty()) add_sentence(text, "Occupation: " + lower(customer.occupation) + ".");

    const auto interests = first_nonempty(customer.interests);
    if (!interests.empty()) add_sentence(text, "Interested in " + word_list(interests) + ".");
    const auto purchases = first_nonempty(customer.purchase_history);
    if (!purchases.empty()) add_sentence(text, "Recently bought " + word_list(purchases) + ".");

    std::vector<std::string> habits;
    for (const CategorySpend& c : spending) {
        if (c.share >= kNotableShare && habits.size() < 3) habits.push_back(lower(c.category));
    }
    if (!habits.empty()) add_sentence(text, "Spends most on " + word_list(habits) + ".");

    const auto goals = inferred_goals(customer, spending, catalog);
    if (!goals.empty()) add_sentence(text, "Goals: " + word_list(goals) + ".");
    if (known.risk_profile) add_sentence(text, describe_risk(customer.risk_profile));
    return text;
}

}  // namespace bank
