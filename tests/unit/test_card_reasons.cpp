// What a customer's product cards say, on the bundled data and the learned model as shipped:
// interests typed for the visit move the products they bear on (and nothing else), each card has
// its own reasons (no reason repeated down the list), spending is a reason only where it bears on
// the product, a child's product claims no child the data does not show, the banker reads "their",
// the customer never reads a threshold about themselves, and "Not for me" brings the next product.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <tuple>

#include "shared/data/loaders.h"
#include "shared/profile/spending.h"
#include "shared/ranking/card_reasons.h"
#include "shared/ranking/device_ranker.h"
#include "shared/ranking/product_words.h"
#include "tests/unit/test_bundled_bank.h"

using namespace bank;

namespace {

const Dataset& bundled() { return testing::bundled_dataset(); }
const SpendingByCustomer& spending() { return testing::bundled_spending(); }

const std::vector<CategorySpend>& spending_of(std::int64_t id) {
    static const std::vector<CategorySpend> none;
    auto it = spending().find(id);
    return it == spending().end() ? none : it->second;
}

// The app's ranker: the learned model from config/, or the hybrid alone.
DeviceRanker ranker(bool learned) {
    auto made = make_device_ranker(bundled().catalog, fit_behavior_model(bundled()), RankingWeights{});
    REQUIRE(made.ok());
    if (!learned) return std::move(made).value();
    const std::string model = testing::project_file("config/propensity-model.json");
    auto with = with_propensity_model(std::move(made).value(), model, "config/propensity-model.json");
    REQUIRE(with.ok());
    return std::move(with).value();
}

const Customer& customer(std::int64_t id) {
    const auto& all = bundled().customers;
    auto it = std::find_if(all.begin(), all.end(), [id](const Customer& c) { return c.id == id; });
    REQUIRE(it != all.end());
    return *it;
}

RankingResult rank(const DeviceRanker& r, const Customer& c, const std::vector<CategorySpend>& spent) {
    auto result = rank_on_device(r, c, spent);
    REQUIRE(result.ok());
    return std::move(result).value();
}

std::vector<std::string> ids(const RankingResult& r) {
    std::vector<std::string> out;
    for (const Recommendation& rec : r.recommendations) out.push_back(rec.product_id);
    return out;
}

const Product& product(const std::string& id) {
    const auto& all = bundled().catalog;
    auto it = std::find_if(all.begin(), all.end(), [&](const Product& p) { return p.id == id; });
    REQUIRE(it != all.end());
    return *it;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("stated interests: none typed leaves the model's order and scores exactly", "[cards][interests]") {
    for (bool learned : {true, false}) {
        DeviceRanker plain = ranker(learned);
        DeviceRanker visited = plain;
        for (std::size_t i = 0; i < 60; ++i) {
            const Customer& c = bundled().customers[i];
            visited.visits[c.id] = VisitChoices{};  // the visit exists, with nothing typed
            const RankingResult a = rank(plain, c, spending_of(c.id)), b = rank(visited, c, spending_of(c.id));
            INFO("customer " << c.id << (learned ? " learned" : " hybrid"));
            REQUIRE(ids(a) == ids(b));
            for (std::size_t k = 0; k < a.recommendations.size(); ++k) {
                CHECK(a.recommendations[k].score == b.recommendations[k].score);
                CHECK(b.recommendations[k].moved_for_interest.empty());
            }
            CHECK(b.interests_note.empty());
        }
    }
}

TEST_CASE("stated interests: investing and retirement move the products they name, likelihoods stay the model's",
          "[cards][interests]") {
    DeviceRanker r = ranker(true);
    Customer daan = customer(101);
    const RankingResult before = rank(r, daan, spending_of(101));
    for (const auto& [typed, interest, expected] :
         std::vector<std::tuple<std::vector<std::string>, std::string, std::string>>{
             {{"Stocks", "ETF", "Crypto"}, "investing", "INV-INDEX"},
             {{"Retirement", "Pension"}, "retirement", "INV-PENSION"}}) {
        daan.interests = typed;
        r.visits[101].stated_interests = typed;
        const RankingResult after = rank(r, daan, spending_of(101));
        INFO(interest);
        CHECK(ids(after) != ids(before));
        const auto found = ids(after);
        CHECK(std::find(found.begin(), found.end(), expected) != found.end());
        CHECK(contains(after.interests_note, "Moved up for your interest in " + interest + ": "));
        int moved = 0;
        for (const Recommendation& rec : after.recommendations) {
            if (rec.moved_for_interest.empty()) continue;
            ++moved;
            CHECK(rec.moved_for_interest == interest);
            CHECK(contains(after.interests_note, rec.product_name));
            // The order moved; the likelihood shown is still the model's, at most kLift below the order.
            CHECK(rec.score == Approx(rec.likelihood * kStatedInterestLift));
        }
        CHECK(moved >= 1);
        CHECK(moved <= static_cast<int>(kMaxLiftedProducts));
        // Without the step the same typed words (the model's text similarity) leave these out.
        r.visits.erase(101);
        const auto model_only = ids(rank(r, daan, spending_of(101)));
        CHECK(std::find(model_only.begin(), model_only.end(), expected) == model_only.end());
    }
}

TEST_CASE("stated interests: never a product the rules exclude, and words no product names move nothing",
          "[cards][interests]") {
    DeviceRanker r = ranker(true);
    // A conservative customer typing "shares": the high-risk share dealing account stays out.
    const auto& all = bundled().customers;
    auto careful = std::find_if(all.begin(), all.end(), [](const Customer& c) {
        return c.risk_profile == RiskProfile::Conservative && c.age < 60;
    });
    REQUIRE(careful != all.end());
    Customer c = *careful;
    c.interests = {"Shares", "Crypto"};
    r.visits[c.id].stated_interests = c.interests;
    const RankingResult shares = rank(r, c, spending_of(c.id));
    for (const Recommendation& rec : shares.recommendations) {
        CHECK_FALSE(failed_rule(c, product(rec.product_id)));
        CHECK(rec.product_id != "INV-BROKERAGE");
        CHECK(rec.product_id != "INV-TECH");
    }
    // Golf is in no product's words: nothing moves, and the page says so.
    Customer daan = customer(101);
    daan.interests = {"Golf", "Sailing"};
    r.visits[101].stated_interests = daan.interests;
    const RankingResult golf = rank(r, daan, spending_of(101));
    r.visits.erase(101);
    CHECK(ids(golf) == ids(rank(r, daan, spending_of(101))));
    CHECK(golf.interests_note == "None of the products you can take out matches Golf and Sailing, so your list keeps its order.");
}

TEST_CASE("stated interests: themes and words match the catalog's own words", "[cards][interests]") {
    CHECK(stated_interest_for(product("INV-INDEX"), {"Stocks"}) == "investing");
    CHECK(stated_interest_for(product("INV-ROBO"), {"ETF"}) == "investing");
    CHECK(stated_interest_for(product("INV-PENSION"), {"Pension"}) == "retirement");
    CHECK(stated_interest_for(product("INS-PET"), {"Dogs"}) == "pets");
    CHECK(stated_interest_for(product("LOAN-AUTO"), {"Cars"}) == "cars");
    // Whole short words: "car" is not in "card" or "carbon".
    CHECK(stated_interest_for(product("CARD-ECO"), {"Cars"}).empty());
    CHECK(stated_interest_for(product("DEP-3Y"), {"Stocks"}).empty());  // "without stock market risk"
    CHECK(stated_interest_for(product("INS-CAR"), {"Stocks", "Retirement"}).empty());
    CHECK(stated_interest_for(product("INS-TRAVEL"), {"Backpacking"}) == "travel");
    CHECK(stated_interest_for(product("INS-GADGET"), {"Smartwatch"}) == "smartwatch");  // no theme: its own word
}

TEST_CASE("spending bears only on products it relates to", "[cards][reasons]") {
    CHECK(spending_bears_on("Fuel", product("INS-CAR")));
    CHECK(spending_bears_on("Fuel", product("LOAN-AUTO")));
    CHECK_FALSE(spending_bears_on("Mortgage Payment", product("INS-CAR")));
    CHECK(spending_bears_on("Mortgage Payment", product("MORT-TRACKER")));
    CHECK(spending_bears_on("Pets", product("INS-PET")));
    CHECK_FALSE(spending_bears_on("Pets", product("CARD-CASHBACK")));
    CHECK(spending_bears_on("Groceries", product("CARD-CASHBACK")));
    CHECK_FALSE(spending_bears_on("Groceries", product("CARD-TRAVEL")));
    CHECK(spending_bears_on("Travel", product("CARD-TRAVEL")));
    CHECK_FALSE(spending_bears_on("Travel", product("LOAN-STUDENT")));
    CHECK(spending_bears_on("Childcare", product("SAV-KIDS")));
    CHECK(spending_bears_on("Investments", product("DEP-5Y")));
    CHECK_FALSE(spending_bears_on("Rent", product("SAV-ROUNDUP")));
    CHECK_FALSE(spending_bears_on("Something New", product("ACC-CURRENT")));
    CHECK(is_for_children(product("SAV-KIDS")));
    CHECK_FALSE(is_for_children(product("INS-LIFE")));
}

TEST_CASE("cards on the bundled data: own reasons per card, related spending, two voices", "[cards][reasons]") {
    for (bool learned : {true, false}) {
        const DeviceRanker r = ranker(learned);
        int cards = 0, headlines = 0;
        for (std::size_t i = 0; i < bundled().customers.size(); i += 3) {
            const Customer& c = bundled().customers[i];
            const RankingResult result = rank(r, c, spending_of(c.id));
            std::set<std::string> given;
            INFO("customer " << c.id << (learned ? " learned" : " hybrid"));
            for (const Recommendation& rec : result.recommendations) {
                ++cards;
                REQUIRE_FALSE(rec.reasons.empty());
                CHECK(rec.reasons.size() <= 3);
                if (headline(rec)) ++headlines;
                for (const Reason& reason : rec.reasons) {
                    INFO(rec.product_id << ": " << reason.text);
                    if (reason.text != "Often chosen by customers like you") CHECK(given.insert(reason.text).second);
                    CHECK_FALSE(contains(reason.text, "their "));
                    CHECK_FALSE(contains(reason_text(reason, Voice::Banker), "your"));
                    CHECK_FALSE(contains(reason_text(reason, Voice::Banker), " you "));
                    if (reason.code == ReasonCode::FitsSpending) {
                        const std::string prefix = "Suits your spending on ";
                        REQUIRE(reason.text.rfind(prefix, 0) == 0);
                        std::string named = reason.text.substr(prefix.size());
                        // "rent and insurance": every category named bears on the product.
                        for (std::size_t at; (at = named.find(" and ")) != std::string::npos;) {
                            CHECK(spending_bears_on(named.substr(0, at), product(rec.product_id)));
                            named = named.substr(at + 5);
                        }
                        CHECK(spending_bears_on(named, product(rec.product_id)));
                    }
                }
                if (is_for_children(product(rec.product_id)) && !spends_on_childcare(&spending_of(c.id))) {
                    CHECK(headline(rec) == nullptr);  // nothing says they have a child
                }
            }
            for (const Exclusion& e : result.exclusions) {
                if (e.rule == EligibilityRule::MinimumCreditScore || e.rule == EligibilityRule::MinimumIncome)
                    CHECK(e.customer_text.empty());
                CHECK_FALSE(contains(e.customer_text, "credit score"));
            }
        }
        // Most cards still have a personal headline once repeats are gone.
        CHECK(headlines * 2 > cards);
    }
}

TEST_CASE("the kids' savings account speaks of children only when the data shows them", "[cards][reasons]") {
    DeviceRanker r = ranker(true);
    r.weights.top_k = 20;
    const Customer& daan = customer(101);  // 25, no childcare spending
    const auto kids = [](const RankingResult& result) {
        auto it = std::find_if(result.recommendations.begin(), result.recommendations.end(),
                               [](const Recommendation& rec) { return rec.product_id == "SAV-KIDS"; });
        REQUIRE(it != result.recommendations.end());
        return *it;
    };
    const Recommendation without = kids(rank(r, daan, spending_of(101)));
    CHECK(headline(without) == nullptr);
    CHECK(without.reasons.front().text == "For parents and grandparents saving for a child");
    std::vector<CategorySpend> with_childcare = spending_of(101);
    with_childcare.push_back({"Childcare", 300.0, 0.05});
    const Recommendation with = kids(rank(r, daan, with_childcare));
    REQUIRE(headline(with) != nullptr);
    CHECK(headline(with)->text == "For your children: you spend on childcare");
    CHECK(headline(with)->banker_text == "For their children: they spend on childcare");
}

TEST_CASE("the co-ownership reason is given once, on the card where it counts most", "[cards][reasons]") {
    const DeviceRanker r = ranker(true);
    const RankingResult daan = rank(r, customer(101), spending_of(101));
    int together = 0;
    for (const Recommendation& rec : daan.recommendations) {
        for (const Reason& reason : rec.reasons) together += contains(reason.text, "together with your") ? 1 : 0;
    }
    CHECK(together == 1);
    CHECK(contains(shortlist_in_short(daan.recommendations, Voice::Customer), "First on your list: "));
    CHECK(contains(shortlist_in_short(daan.recommendations, Voice::Banker), "(often taken together with their "));
}

TEST_CASE("Not for me: the product leaves the list and the next one comes up", "[cards][feedback]") {
    DeviceRanker r = ranker(true);
    const Customer& daan = customer(101);
    r.weights.top_k = 8;
    const auto eight = ids(rank(r, daan, spending_of(101)));
    r.weights.top_k = 7;
    r.visits[101].not_for_me = {eight.front()};
    const auto after = ids(rank(r, daan, spending_of(101)));
    CHECK(after == std::vector<std::string>(eight.begin() + 1, eight.end()));
    r.visits[101].not_for_me.clear();  // undo
    CHECK(ids(rank(r, daan, spending_of(101))) == std::vector<std::string>(eight.begin(), eight.end() - 1));
}
