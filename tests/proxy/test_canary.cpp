// Secrets and personal data canary. Canary API keys are configured for the three AI upstreams,
// and customer 101 of the test bank is replaced by a canary customer whose id, name, city,
// income, credit score, occupation, e-mail and phone number are unique strings. Then every AI
// route runs through success and every upstream fault, for the customer and for their banker,
// with sign-ins, record views, feedback and /metrics around it. Afterwards:
// - the requests the fake upstreams received hold none of the customer's identifying values, and
//   each key only in the header its service reads it from (Gemini and Vertex AI Search:
//   X-Goog-Api-Key; Hugging Face: Authorization), never in a URL or a body;
// - the answers of the AI routes, every response header, every log line (ProxyEnvironment.log)
//   and /metrics hold no key and none of the customer's identifying values.
// test_ai_routes.cpp has the first key canary (keys echoed back by upstream errors); this one adds
// the customer canary, the success paths, the upstream side and the remaining faults.
#include <catch2/catch.hpp>

#include <chrono>
#include <regex>

#include "fake_upstream.h"
#include "proxy_fixture.h"

using namespace bank::proxy;
using namespace bank::proxy::test;
using namespace std::chrono_literals;

namespace {

const std::string kGeminiKey = "CANARYKEY-gemini-3f9a1c77";
const std::string kHfToken = "CANARYKEY-hf-81d2e7b0";
const std::string kSearchKey = "CANARYKEY-search-5b6c0a4e";

// Customer 101's row with canary values; age, gender and holdings as before.
const std::string kCanaryId = "987654321";
const std::string kFirstName = "Quillon", kSurname = "Zarathustrova", kCity = "Vexmoorcanary";
const std::string kIncome = "52713", kCreditScore = "733", kOccupation = "Canaryoccupationist";
const std::string kEmail = "quillon.z@canarymail.example", kPhone = "0871234599";
const std::string kCanaryRow = kCanaryId + ",25,Male,\"Electronics, Gaming\",\"Tech Gadgets, AI, trips to " + kCity +
                               " with " + kFirstName + ", mail " + kEmail + ", call " + kPhone + ", " + kFirstName + "'s savings\",85,0.7,High," +
                               kFirstName + " " + kSurname + "," + kCity + "," + kOccupation + "," + kIncome +
                               ".37," + kCreditScore + ",Moderate,ACC-CURRENT,B01";

std::vector<std::string> personal_values() {
    return {kCanaryId, kFirstName, kSurname, kCity, kIncome, kOccupation, kEmail, kPhone, "canarymail"};
}

std::vector<std::string> keys() { return {kGeminiKey, kHfToken, kSearchKey, "CANARYKEY"}; }

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    return text;
}

struct Upstreams {
    FakeUpstream gemini, hf, search;
};

std::function<void(ProxyConfig&)> canary_bank(Upstreams& u) {
    return [&u](ProxyConfig& c) {
        const std::string dir = c.data_dir + "/";
        const std::regex row101("\n101,[^\n]*");
        write_file(dir + "customerdata.csv", std::regex_replace(read_file(dir + "customerdata.csv"), row101, "\n" + kCanaryRow));
        write_file(dir + "transactions.csv", replace_all(read_file(dir + "transactions.csv"), "\n101,", "\n" + kCanaryId + ","));
        write_file(dir + "users.csv", replace_all(read_file(dir + "users.csv"), ",customer,101,", ",customer," + kCanaryId + ","));
        c.ai.gemini.base_url = u.gemini.base_url();
        c.ai.gemini.key = kGeminiKey;
        c.ai.summarizer.base_url = u.hf.base_url();
        c.ai.summarizer.key = kHfToken;
        c.ai.search.base_url = u.search.base_url();
        c.ai.search.key = kSearchKey;
        c.ai.search_cx = "canary-engine";
        c.ai.search_serving_config =
            "projects/canary/locations/global/collections/default_collection/engines/canary-site/servingConfigs/default_search";
        for (UpstreamConfig* up : {&c.ai.gemini, &c.ai.summarizer, &c.ai.search}) up->deadline = 800ms;
        c.ai.breaker_failures = 1000;
        c.ai.max_answer_bytes = 16 * 1024;
        c.ai_requests_per_minute = 0;
    };
}

// The i-th distinct question about the same two products (the reason codes differ), so no answer
// comes from the cache.
nlohmann::json shortlist(int i) {
    static const char* const codes[] = {"matches-interests", "style-match",   "held-together",      "popular-choice",
                                        "fits-spending",     "fits-life-stage", "fits-banking-style", "fits-finances"};
    return {{"product_ids", {"CARD-CASHBACK", "SAV-EASY"}},
            {"reason_codes", {{"CARD-CASHBACK", {codes[i % 8]}}, {"SAV-EASY", {codes[(i / 8) % 8]}}}}};
}

std::string echo_of_everything() {
    return "API key not valid: " + kGeminiKey + " " + kHfToken + " " + kSearchKey + " for " + kFirstName + " " +
           kSurname + " of " + kCity + ", customer " + kCanaryId;
}

// One bad day per entry: what each upstream does for one round of requests.
struct Round {
    const char* name;
    std::vector<Act> gemini, hf, search;
};

std::vector<Round> rounds() {
    const std::string echo = echo_of_everything();
    const std::string good = nlohmann::json{
        {"explanations",
         {{{"product_id", "CARD-CASHBACK"}, {"text", "It pays back on the groceries you buy."}},
          {{"product_id", "SAV-EASY"}, {"text", "Instant access savings."}}}}}.dump();
    const std::string echoing_model = nlohmann::json{
        {"explanations",
         {{{"product_id", "CARD-CASHBACK"}, {"text", "Great for " + kFirstName + " " + kSurname + " " + kGeminiKey}},
          {{"product_id", "SAV-EASY"}, {"text", "Near " + kCity + "."}}}}}.dump();
    const std::string big(20 * 1024, 'x');
    return {
        {"400 echoing keys and customer", {Act::respond(400, google_error(400, "INVALID_ARGUMENT", echo))},
         {Act::respond(400, "{\"error\": \"" + echo + "\"}")},
         {Act::respond(400, google_error(400, "INVALID_ARGUMENT", echo))}},
        {"403", {Act::respond(403, google_error(403, "PERMISSION_DENIED", echo))},
         {Act::respond(403, "{\"error\": \"" + echo + "\"}")}, {Act::respond(403, google_error(403, "PERMISSION_DENIED", echo))}},
        {"429 then 500", {Act::respond(429, google_error(429, "RESOURCE_EXHAUSTED", echo, "0.1s")), Act::respond(500, echo)},
         {Act::respond(429, echo, {{"Retry-After", "0"}}), Act::respond(500, echo)},
         {Act::respond(429, google_error(429, "RESOURCE_EXHAUSTED", echo, "0.1s")), Act::respond(500, echo)}},
        {"503 with Retry-After", {Act::respond(503, echo, {{"Retry-After", "0"}})}, {Act::respond(503, hf_loading(0.1))},
         {Act::respond(503, echo, {{"Retry-After", "0"}})}},
        {"silent", {Act::hang()}, {Act::hang()}, {Act::hang()}},
        {"reset mid-body", {Act::reset_mid_body(echo + big)}, {Act::reset_mid_body(echo + big)},
         {Act::reset_mid_body(echo + big)}},
        {"malformed", {Act::respond(200, "{\"candidates\": [" + echo)}, {Act::respond(200, "[{\"summary_text\": " + echo)},
         {Act::respond(200, "{\"items\": " + echo)}},
        {"oversized", {Act::respond(200, echo + big)}, {Act::respond(200, echo + big)}, {Act::respond(200, echo + big)}},
        {"blocked, truncated, echoing answers",
         {Act::respond(200, gemini_blocked("SAFETY")), Act::respond(200, gemini_answer(good, "MAX_TOKENS")),
          Act::respond(200, gemini_answer(echoing_model))},
         {Act::respond(200, hf_summary(echo))},
         {Act::respond(200, vertex_search({{echo, "https://bank.example/" + kFirstName + "?key=" + kSearchKey}}))}},
        {"success", {Act::respond(200, gemini_answer(good))},
         {Act::respond(200, hf_summary("A cashback card and an easy-access saver suit this profile."))},
         {Act::respond(200, vertex_search({{"Apply for the Cashback card", "https://bank.example/cards/cashback/apply"}}))}},
    };
}

void check_clean(const std::string& where, const std::string& text, const std::vector<std::string>& forbidden) {
    for (const std::string& value : forbidden) {
        const std::size_t at = text.find(value);
        INFO(where << " must not hold '" << value << "'; it does here: "
                   << (at == std::string::npos ? "" : text.substr(at < 80 ? 0 : at - 80, 160)));
        CHECK(at == std::string::npos);
    }
}

}  // namespace

TEST_CASE("canary: keys and the customer's identity stay where they belong on every path", "[canary][ai]") {
    Upstreams u;
    TestProxy proxy(canary_bank(u));
    const std::string customer = proxy.sign_in("customer101");
    const std::string banker = proxy.sign_in("banker01");
    const auto own = proxy.get("/api/profile", customer);
    INFO(own->body);
    REQUIRE(json_of(own)["customer"]["name"] == kFirstName + " " + kSurname);

    std::string answers;  // everything the AI routes and the error paths sent back, headers included
    const auto keep_headers = [&](const httplib::Result& r) {
        REQUIRE(r);
        for (const auto& [k, v] : r->headers) answers += k + ": " + v + "\n";
    };
    const auto keep = [&](const httplib::Result& r) {
        keep_headers(r);
        answers += std::to_string(r->status) + " " + r->body + "\n";
    };
    int question = 0;
    for (const Round& round : rounds()) {
        INFO(round.name);
        u.gemini.script(round.gemini);
        u.hf.script(round.hf);
        u.search.script(round.search);
        // The customer asks, then the banker asks about them; each call in a round is a new question.
        for (int step = 0; step < static_cast<int>(round.gemini.size()); ++step) {
            keep(proxy.post("/api/generate", shortlist(question++), customer));
            auto for_customer = shortlist(question++);
            for_customer["customer_id"] = std::stoll(kCanaryId);
            keep(proxy.post("/api/generate", for_customer, banker));
        }
        keep(proxy.post("/api/summarize", shortlist(question++), customer));
        keep(proxy.post("/api/search", {{"product_id", "SAV-EASY"}}, customer));
    }
    // The paths around them. The banker's own records name the customer (only their headers are
    // checked); refusals must not echo what was asked for.
    keep_headers(proxy.get("/api/feedback?customer_id=" + kCanaryId, banker));
    keep_headers(proxy.post("/api/feedback",
                            {{"customer_id", std::stoll(kCanaryId)}, {"product_id", "SAV-EASY"}, {"event", "offered"}}, banker));
    keep_headers(proxy.get("/api/book/" + kCanaryId, banker));
    keep_headers(proxy.get("/api/profile", customer));
    keep(proxy.get("/api/book/" + kCanaryId + "0", banker));
    keep_headers(proxy.get("/api/feedback?customer_id=" + kCanaryId, customer));
    keep(proxy.post("/api/login", {{"username", kFirstName}, {"password", kGeminiKey}}));
    const std::string metrics = proxy.get("/metrics")->body;

    std::vector<std::string> everything_forbidden = personal_values();
    for (const std::string& key : keys()) everything_forbidden.push_back(key);
    everything_forbidden.push_back("customer101");
    everything_forbidden.push_back("banker01");
    check_clean("AI and error answers", answers, everything_forbidden);
    check_clean("/metrics", metrics, everything_forbidden);
    const auto lines = proxy.log_lines();
    REQUIRE(lines.size() > 20);
    for (const std::string& line : lines) check_clean("log line " + line, line, everything_forbidden);

    // What left for the upstreams.
    std::vector<std::string> personal = personal_values();
    personal.push_back(kCreditScore);
    personal.push_back("Male");
    personal.push_back("customer101");
    struct Seen {
        const char* name;
        std::vector<RecordedRequest> requests;
        const std::string& key;
    };
    const Seen seen[] = {{"gemini", u.gemini.requests(), kGeminiKey},
                         {"huggingface", u.hf.requests(), kHfToken},
                         {"vertex ai search", u.search.requests(), kSearchKey}};
    for (const Seen& s : seen) {
        INFO(s.name);
        REQUIRE(s.requests.size() >= rounds().size());
        for (const RecordedRequest& r : s.requests) {
            std::string visible = r.method + " " + r.target + "\n" + r.body;
            std::string key_place;
            for (const auto& [name, value] : r.headers) {
                // Keys travel in a header only, never in the URL or the body.
                const bool key_header = (s.key != kHfToken && name == "x-goog-api-key") ||
                                        (s.key == kHfToken && name == "authorization");
                if (key_header) key_place = value;
                else visible += "\n" + name + ": " + value;
            }
            CHECK(key_place == (s.key == kHfToken ? "Bearer " + kHfToken : s.key));
            check_clean(std::string(s.name) + " request", visible, personal);
            check_clean(std::string(s.name) + " request", visible, keys());
        }
    }
    // The customer's own words did reach Gemini, cleaned: the interest survives, the identifying
    // words inside it do not.
    const auto sent = nlohmann::json::parse(u.gemini.requests().front().body);
    const auto document = nlohmann::json::parse(sent["contents"][0]["parts"][0]["text"].get<std::string>());
    CHECK(document["customer"]["interests_in_their_own_words"].dump().find("trips to [removed]") != std::string::npos);
}
