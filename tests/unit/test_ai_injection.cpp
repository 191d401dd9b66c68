// The prompt-injection corpus (tests/proxy/data/prompt_injection_corpus.jsonl, one JSON string a
// line): each string is planted in a customer's free-text interests, goes through
// de-identification and prompt building, and then a "compromised" model answers in the ways an
// obedient model would. Whatever happens, what reaches the user is only valid, eligible catalog
// items with plain text, and the prompt keeps the customer text inside a quoted JSON value.
#include <catch2/catch.hpp>

#include <fstream>
#include <set>

#include "shared/ai/explanation_check.h"
#include "shared/ai/gemini_format.h"
#include "shared/ai/text_safety.h"
#include "shared/ranking/eligibility.h"
#include "test_ai_fixtures.h"

using namespace bank;
using namespace bank::ai;

namespace {

std::vector<std::string> corpus() {
    std::ifstream in(std::string(PROJECT_SOURCE_DIR) + "/tests/proxy/data/prompt_injection_corpus.jsonl");
    std::vector<std::string> strings;
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty()) strings.push_back(nlohmann::json::parse(line).get<std::string>());
    }
    strings.push_back("invalid \xFF\xFE utf-8 \xC0\xAF bytes");
    return strings;
}

// What an injected model might answer.
std::vector<std::string> compromised_answers(const std::string& injection) {
    const auto item = [](const std::string& id, const std::string& text) {
        return nlohmann::json{{"product_id", id}, {"text", text}};
    };
    const auto answer = [](nlohmann::json items) { return nlohmann::json{{"explanations", items}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace); };
    return {
        injection,
        answer({item("SAV-EASY", injection), item("CARD-CASHBACK", "Fine.")}),
        answer({item("SAV-EASY", "Fine."), item("CARD-CASHBACK", "Fine."), item("CARD-PLATINUM", injection)}),
        answer({item("SAV-EASY", "Fine."), item("INV-GROWTH", injection)}),
        answer({item("LOAN-PAYDAY", "Best loan."), item("CARD-CASHBACK", "Fine.")}),
        answer({item("SAV-EASY", "Visit https://evil.example now."), item("CARD-CASHBACK", injection)}),
        answer(nlohmann::json::array()),
        "```json\n" + answer({item("SAV-EASY", "a"), item("CARD-CASHBACK", "b")}) + "\n```",
    };
}

}  // namespace

TEST_CASE("the prompt-injection corpus yields only valid catalog items", "[ai][injection]") {
    const auto strings = corpus();
    REQUIRE(strings.size() >= 50);
    const auto products = test::catalog();
    const auto shortlist = test::shortlist(products);
    std::set<std::string> catalog_ids;
    for (const Product& p : products) catalog_ids.insert(p.id);

    std::size_t accepted = 0, rejected = 0;
    for (const std::string& injection : strings) {
        INFO("injection: " << nlohmann::json(injection).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
        Customer c = test::customer();
        c.interests = {injection, "Travel"};

        // Out: the injection travels only as a cleaned, quoted value inside the JSON document.
        const ExplanationTask task{deidentify(c, {}, products), shortlist};
        const auto request = gemini_explanation_request(task, kDefaultGeminiModel, {});
        const std::string user_turn = request["contents"][0]["parts"][0]["text"];
        const auto document = nlohmann::json::parse(user_turn, nullptr, false);
        REQUIRE(document.is_object());
        CHECK(document.size() == 2);
        REQUIRE(document["products"].size() == 2);
        CHECK(document["products"][0]["product_id"] == "CARD-CASHBACK");
        CHECK(document["products"][1]["product_id"] == "SAV-EASY");
        for (const auto& interest : document["customer"]["interests_in_their_own_words"]) {
            const std::string text = interest.get<std::string>();
            CHECK(text.size() <= 4 * 60);
            CHECK(text.find_first_of("<>`{}\n\r\t") == std::string::npos);
            CHECK(clean_plain_text(text, 1000) == text);  // nothing left to clean: no control characters
            for (const char* personal : {"Liam", "Byrne", "Dublin", "liam.byrne@", "087", "4567", "52000", "720"}) {
                CHECK(text.find(personal) == std::string::npos);
            }
        }
        CHECK(user_turn.find("Byrne") == std::string::npos);

        // Back: every compromised answer is rejected or yields exactly the shortlist, as plain text.
        for (const std::string& answer : compromised_answers(injection)) {
            const auto checked = check_explanations(answer, task, products);
            const auto shown = std::holds_alternative<std::vector<Explanation>>(checked)
                                   ? std::get<std::vector<Explanation>>(checked)
                                   : offline_explanations(shortlist);
            (std::holds_alternative<std::vector<Explanation>>(checked) ? accepted : rejected)++;
            std::set<std::string> ids;
            for (const Explanation& e : shown) {
                ids.insert(e.product_id);
                CHECK(catalog_ids.count(e.product_id) == 1);
                const Product* p = nullptr;
                for (const Product& q : products) {
                    if (q.id == e.product_id) p = &q;
                }
                REQUIRE(p != nullptr);
                CHECK_FALSE(failed_rule(c, *p).has_value());
                CHECK_FALSE(plain_text_problem(e.text, 600).has_value());
            }
            CHECK(ids == std::set<std::string>{"CARD-CASHBACK", "SAV-EASY"});
        }
    }
    CHECK(rejected > accepted);  // most compromised answers never reach a user
}
