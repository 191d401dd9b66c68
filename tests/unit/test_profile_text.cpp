#include <catch2/catch.hpp>

#include "shared/profile/life_stage.h"
#include "shared/profile/profile_text.h"

using namespace bank;

namespace {

Customer sample() {
    Customer c;
    c.id = 101;
    c.age = 34;
    c.gender = "Female";
    c.name = "Sophie Bakker";
    c.location = "Utrecht";
    c.occupation = "Marketing Specialist";
    c.annual_income = 56000;
    c.credit_score = 712;
    c.interests = {"Fitness", "Travel"};
    c.purchase_history = {"Fashion", "Beauty"};
    c.risk_profile = RiskProfile::Moderate;
    c.products_held = {"ACC-CURRENT"};
    return c;
}

std::vector<Product> catalog() {
    Product account;
    account.id = "ACC-CURRENT";
    account.name = "Everyday Current Account";
    account.category = ProductCategory::Account;
    return {account};
}

}  // namespace

TEST_CASE("life stage bands", "[profile]") {
    CHECK(life_stage_for_age(0) == LifeStage::Unknown);
    CHECK(life_stage_for_age(17) == LifeStage::Unknown);
    CHECK(life_stage_for_age(18) == LifeStage::StartingOut);
    CHECK(life_stage_for_age(24) == LifeStage::StartingOut);
    CHECK(life_stage_for_age(25) == LifeStage::EarlyCareer);
    CHECK(life_stage_for_age(49) == LifeStage::Established);
    CHECK(life_stage_for_age(64) == LifeStage::PreRetirement);
    CHECK(life_stage_for_age(65) == LifeStage::Retired);
    CHECK(std::string(age_band_label(LifeStage::Retired)) == "65+");
}

TEST_CASE("profile text describes the customer without identifying or protected facts", "[profile]") {
    const std::vector<Transaction> tx = {{101, "2025-01-03", -900, "Rent"},
                                         {101, "2025-01-05", -300, "Travel"},
                                         {101, "2025-01-06", -150, "Groceries"},
                                         {101, "2025-01-25", 4000, "Salary"}};
    const std::string text = profile_text(sample(), spending_mix(tx), catalog());
    CHECK(text ==
          "Early in their career and building their finances. Occupation: marketing specialist. "
          "Interested in fitness and travel. Recently bought fashion and beauty. Spends most on rent, "
          "travel and groceries. Goals: saving to buy a home, travelling often, building up savings and "
          "protecting what matters. Comfortable with moderate risk for better returns.");
    for (const char* forbidden : {"Sophie", "Bakker", "Utrecht", "Female", "female", "34", "56", "712",
                                  "ACC-CURRENT", "she", "her "}) {
        INFO(forbidden);
        CHECK(text.find(forbidden) == std::string::npos);
    }
}

TEST_CASE("profile text leaves out what is not known", "[profile]") {
    Customer c;
    c.age = 70;
    KnownFields known;
    known.risk_profile = false;
    std::vector<Product> none;
    CHECK(profile_text(c, {}, none, known) ==
          "Retired and managing their savings and income. Goals: building up savings and protecting what "
          "matters.");
    known.age = false;
    CHECK(profile_text(c, {}, none, known) == "Goals: building up savings and protecting what matters.");
}

TEST_CASE("goals come from holdings and spending", "[profile]") {
    Customer c = sample();
    Product mortgage;
    mortgage.id = "MORT";
    mortgage.category = ProductCategory::Mortgage;
    Product saver;
    saver.id = "SAV";
    saver.category = ProductCategory::Savings;
    c.products_held = {"MORT", "SAV"};
    const auto goals =
        inferred_goals(c, spending_mix({{101, "2025-01-01", -50, "Childcare"}}), {mortgage, saver});
    CHECK(goals ==
          std::vector<std::string>{"paying off a home", "providing for a family", "protecting what matters"});
}

TEST_CASE("spending mix: money out only, largest share first", "[profile]") {
    const auto mix = spending_mix({{1, "2025-01-01", -30, "Dining"},
                                   {1, "2025-01-02", -70, "Travel"},
                                   {1, "2025-01-03", 500, "Salary"},
                                   {1, "2025-01-04", -0.0, "Fuel"}});
    REQUIRE(mix.size() == 2);
    CHECK(mix[0].category == "Travel");
    CHECK(mix[0].share == Approx(0.7));
    CHECK(share_of(mix, "Dining") == Approx(0.3));
    CHECK(share_of(mix, "Salary") == 0);
}
