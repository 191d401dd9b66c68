// A scripted HTTP server on loopback standing in for Gemini, the Hugging Face router, Vertex AI
// Search or Custom Search. It is a raw socket server so it can also misbehave the ways real
// networks do: drip an answer slowly, reset the connection mid-body, or never answer. Each
// connection consumes the next act of the script (the last act repeats); every request is
// recorded. One act answers like a thinking Gemini model from the request itself (thinking_model).
#pragma once

#include <atomic>
#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace bank::proxy::test {

struct Act {
    enum class Kind { Respond, Drip, ResetMidBody, Hang, ThinkingModel } kind = Kind::Respond;
    int status = 200;
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
    std::chrono::milliseconds drip_interval{100};

    static Act respond(int status, std::string body, std::vector<std::pair<std::string, std::string>> headers = {});
    static Act drip(std::string body, std::chrono::milliseconds interval);
    static Act reset_mid_body(std::string body);
    static Act hang();
    // A Gemini 3 model that thinks before it answers, reading the generateContent request: it
    // thinks as much as thinkingConfig allows (thinkingLevel low 900 tokens, medium 3000, high or
    // unset 9000; thinkingBudget N up to N), counts that against maxOutputTokens, and answers
    // every product the schema allows in 40 tokens each. If thinking leaves too little room it
    // stops with MAX_TOKENS, as the real API does; with includeThoughts it sends its thought part.
    static Act thinking_model();
};

struct RecordedRequest {
    std::string method, target, body;
    std::map<std::string, std::string> headers;  // names lower-cased
};

class FakeUpstream {
public:
    FakeUpstream();
    ~FakeUpstream();

    void script(std::vector<Act> acts);
    std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    std::vector<RecordedRequest> requests();

private:
    void serve();
    void handle(int fd);

    int listen_fd_ = -1;
    int port_ = 0;
    std::atomic<bool> stopping_{false};
    std::mutex mutex_;
    std::deque<Act> acts_;
    Act last_;
    std::vector<RecordedRequest> requests_;
    std::thread thread_;
};

// Bodies in the real formats.
std::string gemini_answer(const std::string& model_text, const std::string& finish_reason = "STOP");
std::string gemini_blocked(const std::string& reason);
std::string google_error(int code, const std::string& status, const std::string& message,
                         const std::string& retry_delay = "");
std::string hf_summary(const std::string& text);
std::string hf_loading(double estimated_time);
std::string custom_search(const std::vector<std::pair<std::string, std::string>>& title_link);
std::string custom_search_no_items();
// Gemini with thinking: a thought part before the answer and thoughtsTokenCount in usageMetadata.
std::string gemini_thinking_answer(const std::string& model_text, const std::string& thought, long thought_tokens);
// Thinking used the whole output budget: only a thought part, finishReason MAX_TOKENS.
std::string gemini_thinking_starved(long max_output_tokens);
// The answer of thinking_model() to a generateContent request body.
std::string thinking_model_answer(const std::string& request_body);
std::string hf_out_of_credits();
// Vertex AI Search searchLite: results[].document.derivedStructData.{link,title,snippets}.
std::string vertex_search(const std::vector<std::pair<std::string, std::string>>& title_link);
std::string vertex_search_no_results();

}  // namespace bank::proxy::test
