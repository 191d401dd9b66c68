// A small catalog and customer for the shared/ai tests.
#pragma once

#include <string>
#include <vector>

#include "shared/ai/explanation.h"
#include "shared/data/model.h"

namespace bank::ai::test {

inline Product product(const std::string& id, const std::string& name, ProductCategory category,
                       RiskLevel risk, double min_income, const std::string& link) {
    Product p;
    p.id = id;
    p.name = name;
    p.category = category;
    p.description = name + " is a product of the bank. It has a second sentence.";
    p.features = {"Feature one", "Feature two"};
    p.eligibility.risk_level = risk;
    p.eligibility.min_income = min_income;
    p.link = link;
    p.image = "images/" + id + ".png";
    return p;
}

inline std::vector<Product> catalog() {
    return {product("ACC-CURRENT", "Everyday Current Account", ProductCategory::Account, RiskLevel::Low, 0,
                    "https://bank.example/accounts/current"),
            product("CARD-CASHBACK", "Cashback Credit Card", ProductCategory::Card, RiskLevel::Medium, 18000,
                    "https://bank.example/cards/cashback"),
            product("SAV-EASY", "Easy Access Saver", ProductCategory::Savings, RiskLevel::Low, 0,
                    "https://bank.example/savings/easy"),
            product("INV-GROWTH", "Global Growth Fund", ProductCategory::Investment, RiskLevel::High, 25000,
                    "https://invest.bank.example/funds/growth")};
}

inline Customer customer() {
    Customer c;
    c.id = 101;
    c.age = 25;
    c.gender = "Male";
    c.interests = {"Tech Gadgets", "AI"};
    c.name = "Liam Byrne";
    c.location = "Dublin";
    c.occupation = "Software Developer";
    c.annual_income = 52000;
    c.credit_score = 720;
    c.risk_profile = RiskProfile::Moderate;
    c.products_held = {"ACC-CURRENT"};
    c.banker_id = "B01";
    return c;
}

// CARD-CASHBACK and SAV-EASY, as the ranker would choose them for customer().
inline Shortlist shortlist(const std::vector<Product>& products) {
    Shortlist s;
    s.products = {&products[1], &products[2]};
    s.reasons["CARD-CASHBACK"] = {ReasonCode::FitsSpending, ReasonCode::MatchesInterests};
    s.reasons["SAV-EASY"] = {ReasonCode::PopularChoice};
    return s;
}

}  // namespace bank::ai::test
