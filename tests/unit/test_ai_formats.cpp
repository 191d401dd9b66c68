// The upstream wire formats as shared/ai writes and reads them: Gemini generateContent, Google's
// error body with RetryInfo, the Hugging Face summarization task, Custom Search results.
#include <catch2/catch.hpp>

#include "shared/ai/gemini_format.h"
#include "shared/ai/google_error.h"
#include "shared/ai/product_links.h"
#include "shared/ai/summary.h"
#include "test_ai_fixtures.h"

using namespace bank;
using namespace bank::ai;

TEST_CASE("the generateContent request asks for schema-constrained JSON about the shortlist only", "[ai][gemini]") {
    const auto products = test::catalog();
    const ExplanationTask task{deidentify(test::customer(), {}, products), test::shortlist(products)};
    const auto request = gemini_explanation_request(task, {});
    const auto& config = request["generationConfig"];
    CHECK(config["responseMimeType"] == "application/json");
    CHECK(config["candidateCount"] == 1);
    const auto& item = config["responseSchema"]["properties"]["explanations"]["items"];
    CHECK(config["responseSchema"]["type"] == "OBJECT");
    CHECK(item["properties"]["product_id"]["enum"] == nlohmann::json({"CARD-CASHBACK", "SAV-EASY"}));
    CHECK(item["required"] == nlohmann::json({"product_id", "text"}));
    REQUIRE(request["contents"].size() == 1);
    CHECK(request["contents"][0]["role"] == "user");
    const auto document = nlohmann::json::parse(request["contents"][0]["parts"][0]["text"].get<std::string>());
    CHECK(document["customer"]["life_stage"] == "early career");
    CHECK(document["customer"]["income_band"] == "40,000-70,000 EUR a year");
    CHECK(document["products"].size() == 2);
    CHECK(document["products"][0]["product_id"] == "CARD-CASHBACK");
    CHECK(document["products"][0]["ranking_reasons"][0] == "it suits the spending pattern");
    CHECK(request["systemInstruction"]["parts"][0]["text"].get<std::string>().find("at most 60 words") !=
          std::string::npos);
    CHECK(gemini_path("gemini-flash-latest") == "/v1beta/models/gemini-flash-latest:generateContent");
    CHECK_FALSE(gemini_path("../../v1/evil"));
    CHECK_FALSE(gemini_path("model?key=x"));
}

TEST_CASE("generateContent answers are read field by field", "[ai][gemini]") {
    const auto ok = parse_gemini_reply(R"({"candidates":[{"content":{"parts":[{"text":"{\"a\":"},{"text":"1}"}],
        "role":"model"},"finishReason":"STOP"}],"usageMetadata":{"promptTokenCount":10,"candidatesTokenCount":5,
        "totalTokenCount":15}})");
    CHECK(ok.outcome == GeminiOutcome::Answered);
    CHECK(ok.text == "{\"a\":1}");
    CHECK(ok.total_tokens == 15);
    CHECK(parse_gemini_reply(R"({"promptFeedback":{"blockReason":"SAFETY"}})").outcome == GeminiOutcome::Blocked);
    CHECK(parse_gemini_reply(R"({"candidates":[{"finishReason":"SAFETY"}]})").outcome == GeminiOutcome::Refused);
    CHECK(parse_gemini_reply(R"({"candidates":[{"content":{"parts":[{"text":"{"}]},"finishReason":"MAX_TOKENS"}]})")
              .outcome == GeminiOutcome::Truncated);
    CHECK(parse_gemini_reply(R"({"candidates":[]})").outcome == GeminiOutcome::Empty);
    CHECK(parse_gemini_reply(R"({"candidates":[{"content":{"parts":[]},"finishReason":"STOP"}]})").outcome ==
          GeminiOutcome::Empty);
    for (const char* bad : {"", "{", "[]", "null", R"({"candidates":{}})", R"({"candidates":[1]})"}) {
        INFO(bad);
        CHECK(parse_gemini_reply(bad).outcome == GeminiOutcome::Malformed);
    }
}

TEST_CASE("Google error bodies give status and RetryInfo delay", "[ai][gemini]") {
    const auto e = parse_google_api_error(R"({"error":{"code":429,"message":"Quota","status":"RESOURCE_EXHAUSTED",
        "details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure"},
                   {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"33.5s"}]}})");
    REQUIRE(e);
    CHECK(e->code == 429);
    CHECK(e->status == "RESOURCE_EXHAUSTED");
    CHECK(e->retry_delay_seconds == Approx(33.5));
    CHECK_FALSE(parse_google_api_error(R"({"error":{"code":400,"status":"INVALID_ARGUMENT"}})")->retry_delay_seconds);
    CHECK_FALSE(parse_google_api_error("not json"));
    CHECK_FALSE(parse_google_api_error(R"({"error":"text"})"));
    CHECK(parse_proto_duration("31s") == 31.0);
    CHECK(parse_proto_duration("0.001s") == Approx(0.001));
    for (const char* bad : {"", "s", "31", "-1s", "1.s", ".5s", "1e9s", "31 s"}) {
        INFO(bad);
        CHECK_FALSE(parse_proto_duration(bad));
    }
}

TEST_CASE("the Hugging Face summarization task", "[ai][huggingface]") {
    CHECK(hf_summarization_request("text") == nlohmann::json{{"inputs", "text"}});
    CHECK(hf_model_path("facebook/bart-large-cnn") == "/hf-inference/models/facebook/bart-large-cnn");
    CHECK(hf_model_path("google-t5/t5-small") == "/hf-inference/models/google-t5/t5-small");
    for (const char* bad : {"", "bart", "a/b/c", "../x", "a/..", "a/b?x=1", "/b", "a/"}) {
        INFO(bad);
        CHECK_FALSE(hf_model_path(bad));
    }
    const auto ok = parse_hf_summarization_reply(R"([{"summary_text":"Short."}])");
    CHECK(ok.answered);
    CHECK(ok.summary == "Short.");
    const auto loading = parse_hf_summarization_reply(R"({"error":"Model is currently loading","estimated_time":20.5})");
    CHECK_FALSE(loading.answered);
    CHECK(loading.estimated_time == Approx(20.5));
    CHECK_FALSE(parse_hf_summarization_reply("[]").answered);
    CHECK_FALSE(parse_hf_summarization_reply(R"([{"generated_text":"x"}])").answered);
}

TEST_CASE("extractive summaries keep the sentences that carry the text", "[ai][summary]") {
    const std::string text =
        "The cashback card pays back on groceries. The cashback card has no fee in year one. "
        "Weather was nice. The saver pays interest monthly on savings.";
    const std::string summary = extractive_summary(text, 2);
    CHECK(summary.find("Weather") == std::string::npos);
    CHECK(summary.find("cashback card") != std::string::npos);
    CHECK_FALSE(summary_problem(summary));
    CHECK(extractive_summary("", 3).empty());
    CHECK(extractive_summary("One sentence only", 3) == "One sentence only");
}

TEST_CASE("extractive summaries do not repeat a sentence in other words", "[ai][summary]") {
    const std::string text =
        "Suggested because customers with similar products often hold it too. "
        "Suggested because customers with similar products often hold it too, and it suits spending. "
        "The saver pays interest monthly. Suggested because customers with similar products hold it.";
    const std::string summary = extractive_summary(text, 2);
    CHECK(summary.find("The saver pays interest monthly.") != std::string::npos);
    const auto first = summary.find("Suggested because");
    REQUIRE(first != std::string::npos);
    CHECK(summary.find("Suggested because", first + 1) == std::string::npos);
}

TEST_CASE("the offline digest names the top of the list and keeps to the descriptions", "[ai][summary]") {
    const auto products = test::catalog();
    const std::string digest = offline_digest(test::shortlist(products));
    CHECK(digest.rfind("Top of the list: Cashback Credit Card and ", 0) == 0);
    CHECK(digest.find("Suggested") == std::string::npos);
    CHECK(digest.find("is a product of the bank.") != std::string::npos);
    CHECK_FALSE(summary_problem(digest));
    CHECK(offline_digest({}).empty());
}

TEST_CASE("Custom Search results, with and without items", "[ai][search]") {
    const auto found = parse_custom_search_reply(R"({"kind":"customsearch#search","items":[
        {"title":"Apply","link":"https://bank.example/apply","snippet":"s","displayLink":"bank.example"}]})");
    REQUIRE(found);
    REQUIRE(found->size() == 1);
    CHECK((*found)[0].link == "https://bank.example/apply");
    const auto none = parse_custom_search_reply(R"({"kind":"customsearch#search","searchInformation":{"totalResults":"0"}})");
    REQUIRE(none);
    CHECK(none->empty());
    CHECK_FALSE(parse_custom_search_reply(R"({"error":{"code":400}})"));
    CHECK_FALSE(parse_custom_search_reply("[]"));
    CHECK_FALSE(parse_custom_search_reply(R"({"items":{}})"));
    CHECK(custom_search_path("k y", "c&x", "a b/c", 5) == "/customsearch/v1?key=k%20y&cx=c%26x&q=a%20b%2Fc&num=5&safe=active");
}
