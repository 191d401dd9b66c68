// The upstream wire formats as shared/ai writes and reads them: Gemini generateContent, Google's
// error body with RetryInfo, the Hugging Face summarization task, Vertex AI Search and Custom Search
// results.
#include <catch2/catch.hpp>

#include "shared/ai/gemini_format.h"
#include "shared/ai/google_error.h"
#include "shared/ai/product_links.h"
#include "shared/ai/summary.h"
#include "shared/ai/vertex_search.h"
#include "test_ai_fixtures.h"

using namespace bank;
using namespace bank::ai;

TEST_CASE("the generateContent request asks for schema-constrained JSON about the shortlist only", "[ai][gemini]") {
    const auto products = test::catalog();
    const ExplanationTask task{deidentify(test::customer(), {}, products), test::shortlist(products)};
    const auto request = gemini_explanation_request(task, kDefaultGeminiModel, {});
    const auto& config = request["generationConfig"];
    CHECK(config["responseMimeType"] == "application/json");
    CHECK(config["candidateCount"] == 1);
    const auto& list = config["responseSchema"]["properties"]["explanations"];
    const auto& item = list["items"];
    CHECK(config["responseSchema"]["type"] == "OBJECT");
    // Exactly one explanation per product, as the checker requires (int64 fields travel as strings).
    CHECK(list["minItems"] == "2");
    CHECK(list["maxItems"] == "2");
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
    CHECK(gemini_path("gemini-3.8-flash") == "/v1beta/models/gemini-3.8-flash:generateContent");
    CHECK_FALSE(gemini_path("../../v1/evil"));
    CHECK_FALSE(gemini_path("model?key=x"));
}

TEST_CASE("thinking and sampling follow the model family, and the budget covers answer plus thinking",
          "[ai][gemini]") {
    CHECK(std::string(kDefaultGeminiModel).find("latest") == std::string::npos);
    const auto products = test::catalog();
    const ExplanationTask task{deidentify(test::customer(), {}, products), test::shortlist(products)};
    const int answer = answer_token_budget(task, {});
    CHECK(answer >= 2 * 60 * 2);  // two explanations of up to 60 words, about two tokens a word

    const auto gemini3 = gemini_explanation_request(task, "gemini-3.8-flash", {})["generationConfig"];
    CHECK(gemini3["thinkingConfig"] == nlohmann::json{{"thinkingLevel", "low"}});
    CHECK(gemini3["temperature"] == 1.0);
    CHECK(gemini3["maxOutputTokens"] == answer + gemini_family("gemini-3.8-flash").thinking_tokens);
    CHECK(gemini_family("gemini-3.8-flash").thinking_tokens >= 4096);
    CHECK(gemini_family("gemini-3-flash-preview").thinking == GeminiFamily::Thinking::Level);
    CHECK(gemini_family("gemini-3.1-pro-preview").thinking == GeminiFamily::Thinking::Level);

    const auto gemini25 = gemini_explanation_request(task, "gemini-2.5-flash", {})["generationConfig"];
    CHECK(gemini25["thinkingConfig"] == nlohmann::json{{"thinkingBudget", 512}});
    CHECK_FALSE(gemini25["thinkingConfig"].contains("thinkingLevel"));  // the API refuses both at once
    CHECK(gemini25["maxOutputTokens"] == answer + 512);

    const auto older = gemini_explanation_request(task, "gemini-2.0-flash", {})["generationConfig"];
    CHECK_FALSE(older.contains("thinkingConfig"));
    CHECK(older["maxOutputTokens"] == answer);
    CHECK(gemini_family("gemini-flash-latest").thinking == GeminiFamily::Thinking::Uncontrolled);
}

TEST_CASE("thinking models' answers: thought parts are never the answer, thought tokens are counted",
          "[ai][gemini][thinking]") {
    const auto reply = parse_gemini_reply(R"({"candidates":[{"content":{"parts":[
        {"text":"The customer is early career, so ...","thought":true},
        {"text":"{\"a\":1}","thoughtSignature":"c2lnbmF0dXJl"}],"role":"model"},"finishReason":"STOP"}],
        "usageMetadata":{"promptTokenCount":400,"candidatesTokenCount":90,"thoughtsTokenCount":700,
        "totalTokenCount":1190}})");
    CHECK(reply.outcome == GeminiOutcome::Answered);
    CHECK(reply.text == "{\"a\":1}");
    CHECK(reply.thought_tokens == 700);
    CHECK(reply.output_tokens == 90);

    // Only thinking, then the budget ran out: the answer never started.
    const auto starved = parse_gemini_reply(R"({"candidates":[{"content":{"parts":[{"text":"Let me weigh","thought":true}],
        "role":"model"},"finishReason":"MAX_TOKENS"}],"usageMetadata":{"promptTokenCount":400,
        "candidatesTokenCount":0,"thoughtsTokenCount":5072,"totalTokenCount":5472}})");
    CHECK(starved.outcome == GeminiOutcome::TruncatedByThinking);
    CHECK(starved.text.empty());
    CHECK(std::string(to_string(starved.outcome)) == "truncated_by_thinking");

    // Cut while writing a long answer after little thinking: an ordinary truncation.
    const auto cut = parse_gemini_reply(R"({"candidates":[{"content":{"parts":[{"text":"{\"explanations\":["}]},
        "finishReason":"MAX_TOKENS"}],"usageMetadata":{"candidatesTokenCount":900,"thoughtsTokenCount":120}})");
    CHECK(cut.outcome == GeminiOutcome::Truncated);

    // Only thought parts and STOP: there is no answer to show.
    CHECK(parse_gemini_reply(R"({"candidates":[{"content":{"parts":[{"text":"hmm","thought":true}]},
        "finishReason":"STOP"}]})").outcome == GeminiOutcome::Empty);
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
    CHECK(custom_search_path("c&x", "a b/c", 5) == "/customsearch/v1?cx=c%26x&q=a%20b%2Fc&num=5&safe=active");
}

TEST_CASE("Vertex AI Search searchLite: path, request and results, with and without matches", "[ai][search]") {
    const char* engine = "projects/bank-web/locations/global/collections/default_collection/engines/bank-site/"
                         "servingConfigs/default_search";
    CHECK(vertex_search_path(engine) == std::string("/v1/") + engine + ":searchLite");
    CHECK(vertex_search_path("projects/p/locations/eu/dataStores/site_store/servingConfigs/default_search"));
    for (const char* bad : {"", "projects/p", "projects/p/locations/global/collections/c/engines/e/servingConfigs/s?key=x",
                            "projects/../locations/global/collections/c/engines/e/servingConfigs/s",
                            "projects/p/locations/global/collections/c/engines/e/servingConfigs/s:search",
                            "v1/projects/p/locations/global/collections/c/engines/e/servingConfigs/s",
                            "projects/p/locations/global/collections/c/engines//servingConfigs/s"}) {
        INFO(bad);
        CHECK_FALSE(vertex_search_path(bad));
    }
    const auto request = vertex_search_request("Cashback Credit Card apply", 10);
    CHECK(request["query"] == "Cashback Credit Card apply");
    CHECK(request["pageSize"] == 10);
    CHECK(request["safeSearch"] == true);
    CHECK(request["contentSearchSpec"]["snippetSpec"]["returnSnippet"] == true);

    const auto found = parse_vertex_search_reply(R"({"results":[
        {"id":"1","document":{"name":"projects/p/.../documents/1","id":"1","derivedStructData":{
            "link":"https://bank.example/cards/cashback/apply","title":"Apply for the card","displayLink":"bank.example",
            "snippets":[{"snippet":"No snippet is available for this page.","snippet_status":"NO_SNIPPET_AVAILABLE"},
                        {"snippet":"Apply in minutes.","snippet_status":"SUCCESS"}]}}},
        {"id":"2","document":{"id":"2","structData":{"sku":"x"}}},
        {"id":"3","document":{"id":"3","derivedStructData":{"link":"https://bank.example/compare"}}}],
        "totalSize":3,"attributionToken":"token","nextPageToken":"next"})");
    REQUIRE(found);
    REQUIRE(found->size() == 2);  // the result without a web link is not a page
    CHECK((*found)[0].link == "https://bank.example/cards/cashback/apply");
    CHECK((*found)[0].title == "Apply for the card");
    CHECK((*found)[0].snippet == "Apply in minutes.");
    CHECK((*found)[1].title.empty());
    const auto none = parse_vertex_search_reply(R"({"attributionToken":"token","guidedSearchResult":{},"summary":{}})");
    REQUIRE(none);
    CHECK(none->empty());
    for (const char* bad : {"", "[]", "{}", R"({"results":{}})", R"({"error":{"code":429,"status":"RESOURCE_EXHAUSTED"}})",
                            R"({"results":[)"}) {
        INFO(bad);
        CHECK_FALSE(parse_vertex_search_reply(bad));
    }
}

TEST_CASE("Custom Search is selectable until the day Google stops answering it", "[ai][search]") {
    CHECK(CalendarDate{2026, 12, 31} < kCustomSearchEnds);
    CHECK_FALSE(CalendarDate{2027, 1, 1} < kCustomSearchEnds);
    CHECK(CalendarDate{2026, 12, 6} < CalendarDate{2026, 12, 7});
    CHECK_FALSE(CalendarDate{2027, 2, 1} < CalendarDate{2027, 1, 31});
}
