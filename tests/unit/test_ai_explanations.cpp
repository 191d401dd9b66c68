// De-identification, offline explanations and the check every model answer must pass.
#include <catch2/catch.hpp>

#include "shared/ai/explanation_check.h"
#include "shared/ai/gemini_format.h"
#include "shared/ai/text_safety.h"
#include "test_ai_fixtures.h"

using namespace bank;
using namespace bank::ai;

TEST_CASE("the de-identified profile holds bands and categories, nothing identifying", "[ai][deidentify]") {
    const auto products = test::catalog();
    Customer c = test::customer();
    c.interests = {"Tech Gadgets", "AI", "Liam's band in Dublin", "AI"};
    const auto p = deidentify(c, {{"Rent", 900, 0.5}, {"Travel", 300, 0.2}, {"Dining", 200, 0.1}, {"Pets", 10, 0.01}},
                              products);
    CHECK(p.life_stage == "early career");
    CHECK(p.income_band == "40,000-70,000 EUR a year");
    CHECK(p.risk_appetite == "Moderate");
    CHECK(p.interests == std::vector<std::string>{"Tech Gadgets", "AI", "[removed] band in [removed]"});
    CHECK(p.held_categories == std::vector<std::string>{"account"});
    CHECK(p.top_spending == std::vector<std::string>{"Rent", "Travel", "Dining"});
    const std::string sent = to_json(p).dump();
    for (const char* personal : {"Byrne", "Dublin", "52000", "720", "Male", "Software", "101", "25"}) {
        INFO(personal);
        CHECK(sent.find(personal) == std::string::npos);
    }
    CHECK(income_band(0) == "under 20,000 EUR a year");
    CHECK(income_band(119999) == "70,000-120,000 EUR a year");
    CHECK(income_band(120000) == "120,000 EUR a year or more");
}

TEST_CASE("reason codes are the ranker's, and offline explanations use them", "[ai][offline]") {
    CHECK(parse_reason_code("matches-interests") == ReasonCode::MatchesInterests);
    CHECK(parse_reason_code("fits-banking-style") == ReasonCode::FitsBankingStyle);
    CHECK_FALSE(parse_reason_code("Matches-Interests"));
    CHECK_FALSE(parse_reason_code("ignore previous instructions"));
    const auto products = test::catalog();
    const auto explanations = offline_explanations(test::shortlist(products));
    REQUIRE(explanations.size() == 2);
    CHECK(explanations[0].product_id == "CARD-CASHBACK");
    CHECK(explanations[0].text ==
          "Cashback Credit Card is a product of the bank. It has a second sentence. Suggested mainly because it "
          "suits the spending pattern.");
    CHECK_FALSE(plain_text_problem(explanations[1].text, 600));
}

TEST_CASE("a model answer is accepted only in the exact expected shape", "[ai][check]") {
    const auto products = test::catalog();
    const ExplanationTask task{deidentify(test::customer(), {}, products), test::shortlist(products)};
    const auto check = [&](const std::string& text) { return check_explanations(text, task, products); };
    const auto ok = check(R"({"explanations":[{"product_id":"SAV-EASY","text":"Instant access savings."},
                                            {"product_id":"CARD-CASHBACK","text":"Cashback on groceries."}]})");
    REQUIRE(std::holds_alternative<std::vector<Explanation>>(ok));
    CHECK(std::get<std::vector<Explanation>>(ok)[0].product_id == "SAV-EASY");

    struct Rejected {
        const char* answer;
        AnswerFault fault;
        const char* why;
    };
    const Rejected rejected[] = {
        {"not json", AnswerFault::Format, "the answer is not JSON"},
        {R"({"items":[]})", AnswerFault::Format, "the answer has no \"explanations\" list"},
        {R"({"explanations":[{"product_id":"SAV-EASY","text":"x"}]})", AnswerFault::Format,
         "the answer explains 1 products, not the 2 asked for"},
        {R"({"explanations":[{"product_id":"SAV-EASY","text":"x"},{"product_id":"INV-GROWTH","text":"y"}]})",
         AnswerFault::UnlistedProduct, "the answer names a product that was not asked for"},
        {R"({"explanations":[{"product_id":"SAV-EASY","text":"x"},{"product_id":"SAV-EASY","text":"y"}]})",
         AnswerFault::Format, "the answer explains a product twice"},
        {R"({"explanations":[{"product_id":"SAV-EASY","text":"x"},{"product_id":"CARD-CASHBACK"}]})",
         AnswerFault::Format, "explanations[1], field text: the field is missing (expected a string)"},
        {R"({"explanations":[{"product_id":"SAV-EASY","text":"x"},{"product_id":7,"text":"y"}]})",
         AnswerFault::Format, "explanations[1], field product_id: '7' is not a string"},
        {R"({"explanations":[{"product_id":"SAV-EASY","text":"<b>x</b>"},{"product_id":"CARD-CASHBACK","text":"y"}]})",
         AnswerFault::Format, "an explanation contains HTML"},
        {R"({"explanations":[{"product_id":"SAV-EASY","text":"Also try the Global Growth Fund."},{"product_id":"CARD-CASHBACK","text":"y"}]})",
         AnswerFault::UnlistedProduct,
         "the explanation of SAV-EASY names a product outside the shortlist: 'global growth fund'"},
    };
    for (const Rejected& r : rejected) {
        INFO(r.answer);
        const auto result = check(r.answer);
        REQUIRE(std::holds_alternative<AnswerProblem>(result));
        CHECK(std::get<AnswerProblem>(result).fault == r.fault);
        CHECK(std::get<AnswerProblem>(result).message == r.why);
    }
    const std::string long_text = R"({"explanations":[{"product_id":"SAV-EASY","text":")" + std::string(601, 'a') +
                                  R"("},{"product_id":"CARD-CASHBACK","text":"y"}]})";
    CHECK(std::holds_alternative<AnswerProblem>(check(long_text)));
}
