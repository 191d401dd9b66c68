// A small bank for the ranking tests: a handful of products in several categories with different
// eligibility limits, a population whose holdings teach the behavioral model clear patterns, and
// the catalog vectors from the lexical encoder. Header-only so each test file stays self-contained.
#pragma once

#include <string>
#include <vector>

#include "tests/eval/banker_book.h"
#include "shared/ranking/lexical_encoder.h"
#include "shared/ranking/product_text.h"

namespace bank::testing {

inline Product product(const std::string& id, ProductCategory category, const std::string& description,
                       double min_income = 0, RiskLevel risk = RiskLevel::Low, int min_age = 18,
                       int max_age = 120, int min_credit = 0) {
    Product p;
    p.id = id;
    p.name = id + " product";
    p.category = category;
    p.description = description;
    p.eligibility = Eligibility{min_age, max_age, min_income, min_credit, risk};
    return p;
}

inline Customer customer(std::int64_t id, int age, std::vector<std::string> held, double income = 50000,
                         RiskProfile risk = RiskProfile::Moderate, int credit = 700) {
    Customer c;
    c.id = id;
    c.age = age;
    c.annual_income = income;
    c.credit_score = credit;
    c.risk_profile = risk;
    c.products_held = std::move(held);
    c.engagement = 50;
    return c;
}

inline std::vector<Product> small_catalog() {
    return {
        product("ACC-BASIC", ProductCategory::Account, "An everyday current account with a debit card."),
        product("CARD-TRAVEL", ProductCategory::Card,
                "A credit card with travel rewards, airport lounges and no foreign fees."),
        product("CARD-CASH", ProductCategory::Card,
                "A cashback credit card for groceries and everyday shopping."),
        product("SAV-EASY", ProductCategory::Savings, "An easy access savings account with a good rate."),
        product("INS-TRAVEL", ProductCategory::Insurance,
                "Travel insurance for holidays abroad, flights and luggage."),
        product("INS-PET", ProductCategory::Insurance, "Pet insurance covering vet bills for dogs and cats."),
        product("INV-GROWTH", ProductCategory::Investment, "A high growth stock market fund.", 60000,
                RiskLevel::High),
        product("CARD-PREMIUM", ProductCategory::Card, "A premium metal card with concierge service.",
                90000)};
}

// Travellers hold the travel card and travel insurance together; pet owners hold pet cover;
// almost everyone has the basic account.
inline std::vector<Customer> small_population() {
    std::vector<Customer> people;
    std::int64_t id = 1000;
    for (int i = 0; i < 12; ++i)
        people.push_back(customer(id++, 30, {"ACC-BASIC", "CARD-TRAVEL", "INS-TRAVEL"}));
    for (int i = 0; i < 8; ++i) people.push_back(customer(id++, 45, {"ACC-BASIC", "INS-PET", "SAV-EASY"}));
    for (int i = 0; i < 6; ++i) people.push_back(customer(id++, 55, {"ACC-BASIC", "CARD-CASH"}));
    for (int i = 0; i < 4; ++i)
        people.push_back(
            customer(id++, 40, {"ACC-BASIC", "CARD-PREMIUM", "INV-GROWTH"}, 150000, RiskProfile::Aggressive));
    return people;
}

struct SmallBank {
    RankingCatalog catalog;
    BehaviorModel model;
    LexicalEncoder encoder = LexicalEncoder::fit({});

    std::vector<float> embed(const std::string& text) const {
        std::vector<float> v(encoder.dimension());
        encoder.encode_one(text, v.data());
        return v;
    }
};

inline SmallBank small_bank(std::vector<Product> products = small_catalog(),
                            const std::vector<Customer>& population = small_population()) {
    SmallBank b;
    std::vector<std::string> documents;
    for (const Product& p : products) documents.push_back(product_text(p));
    b.encoder = LexicalEncoder::fit(documents, 512);
    // k = 1: the fixture's groups of 4 to 12 made-up customers test the ranker's arithmetic; the
    // default k = 20 would (rightly) publish nothing about them. The k rules: test_behavior_privacy.
    b.model = fit_behavior_model(products, population, SpendingByCustomer{}, {}, 1);
    b.catalog =
        make_ranking_catalog(std::move(products), b.encoder.encode(documents).value(), EmbeddingMatrix{})
            .value();
    return b;
}

inline std::vector<std::string> ids(const RankingResult& r) {
    std::vector<std::string> out;
    for (const Recommendation& rec : r.recommendations) out.push_back(rec.product_id);
    return out;
}

}  // namespace bank::testing
