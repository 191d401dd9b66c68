#include "fake_upstream.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace bank::proxy::test {

Act Act::respond(int status, std::string body, std::vector<std::pair<std::string, std::string>> headers) {
    Act a;
    a.status = status;
    a.body = std::move(body);
    a.headers = std::move(headers);
    return a;
}

Act Act::drip(std::string body, std::chrono::milliseconds interval) {
    Act a = respond(200, std::move(body));
    a.kind = Kind::Drip;
    a.drip_interval = interval;
    return a;
}

Act Act::reset_mid_body(std::string body) {
    Act a = respond(200, std::move(body));
    a.kind = Kind::ResetMidBody;
    return a;
}

Act Act::hang() {
    Act a;
    a.kind = Kind::Hang;
    return a;
}

Act Act::thinking_model() {
    Act a;
    a.kind = Kind::ThinkingModel;
    return a;
}

FakeUpstream::FakeUpstream() {
    listen_fd_ = socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || listen(listen_fd_, 64) != 0)
        throw std::runtime_error("fake upstream cannot listen");
    socklen_t len = sizeof addr;
    getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    last_ = Act::respond(500, "{}");
    thread_ = std::thread([this] { serve(); });
}

FakeUpstream::~FakeUpstream() {
    stopping_ = true;
    thread_.join();
    close(listen_fd_);
}

void FakeUpstream::script(std::vector<Act> acts) {
    std::lock_guard<std::mutex> lock(mutex_);
    acts_.assign(acts.begin(), acts.end());
    if (!acts.empty()) last_ = acts.back();
}

std::vector<RecordedRequest> FakeUpstream::requests() {
    std::lock_guard<std::mutex> lock(mutex_);
    return requests_;
}

void FakeUpstream::serve() {
    while (!stopping_) {
        pollfd p{listen_fd_, POLLIN, 0};
        if (poll(&p, 1, 20) <= 0) continue;
        const int fd = accept(listen_fd_, nullptr, nullptr);
        if (fd < 0) continue;
        handle(fd);
        close(fd);
    }
}

namespace {

bool send_all(int fd, const std::string& data) {
    std::size_t sent = 0;
    while (sent < data.size()) {
        const ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) return false;
        sent += static_cast<std::size_t>(n);
    }
    return true;
}

const char* reason(int status) {
    switch (status) {
        case 200: return "OK";
        case 400: return "Bad Request";
        case 401: return "Unauthorized";
        case 402: return "Payment Required";
        case 403: return "Forbidden";
        case 404: return "Not Found";
        case 429: return "Too Many Requests";
        case 500: return "Internal Server Error";
        case 503: return "Service Unavailable";
        default: return "Status";
    }
}

}  // namespace

void FakeUpstream::handle(int fd) {
    // Read the request: headers, then Content-Length bytes of body.
    std::string data;
    char buf[4096];
    std::size_t header_end = std::string::npos;
    std::size_t content_length = 0;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (std::chrono::steady_clock::now() < deadline) {
        if (header_end != std::string::npos && data.size() >= header_end + 4 + content_length) break;
        pollfd p{fd, POLLIN, 0};
        if (poll(&p, 1, 50) <= 0) continue;
        const ssize_t n = recv(fd, buf, sizeof buf, 0);
        if (n <= 0) return;
        data.append(buf, static_cast<std::size_t>(n));
        if (header_end == std::string::npos && (header_end = data.find("\r\n\r\n")) != std::string::npos) {
            std::string lower = data.substr(0, header_end);
            std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
            const auto cl = lower.find("content-length:");
            if (cl != std::string::npos) content_length = std::stoul(lower.substr(cl + 15));
        }
    }
    if (header_end == std::string::npos) return;

    RecordedRequest r;
    const std::string head = data.substr(0, header_end);
    const auto line_end = head.find("\r\n");
    const std::string request_line = head.substr(0, line_end);
    r.method = request_line.substr(0, request_line.find(' '));
    r.target = request_line.substr(r.method.size() + 1, request_line.rfind(' ') - r.method.size() - 1);
    std::size_t pos = line_end + 2;
    while (pos < head.size()) {
        auto end = head.find("\r\n", pos);
        if (end == std::string::npos) end = head.size();
        const std::string line = head.substr(pos, end - pos);
        const auto colon = line.find(':');
        if (colon != std::string::npos) {
            std::string name = line.substr(0, colon);
            std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
            r.headers[name] = line.substr(line.find_first_not_of(' ', colon + 1));
        }
        pos = end + 2;
    }
    r.body = data.substr(header_end + 4, content_length);

    Act act;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        requests_.push_back(r);
        if (acts_.empty()) {
            act = last_;
        } else {
            act = acts_.front();
            acts_.pop_front();
        }
    }
    if (act.kind == Act::Kind::ThinkingModel) act = Act::respond(200, thinking_model_answer(r.body));
    if (act.kind == Act::Kind::Hang) {
        while (!stopping_) {
            pollfd p{fd, POLLIN, 0};
            if (poll(&p, 1, 20) > 0 && recv(fd, buf, sizeof buf, 0) <= 0) return;  // client gave up
        }
        return;
    }
    std::string head_out = "HTTP/1.1 " + std::to_string(act.status) + " " + reason(act.status) +
                           "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(act.body.size()) +
                           "\r\nConnection: close\r\n";
    for (const auto& [k, v] : act.headers) head_out += k + ": " + v + "\r\n";
    head_out += "\r\n";
    if (!send_all(fd, head_out)) return;
    switch (act.kind) {
        case Act::Kind::Respond:
            send_all(fd, act.body);
            break;
        case Act::Kind::Drip:
            for (char c : act.body) {
                if (stopping_ || !send_all(fd, std::string(1, c))) return;
                std::this_thread::sleep_for(act.drip_interval);
            }
            break;
        case Act::Kind::ResetMidBody: {
            send_all(fd, act.body.substr(0, act.body.size() / 2));
            linger l{1, 0};  // close with RST instead of FIN
            setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
            break;
        }
        case Act::Kind::Hang:
        case Act::Kind::ThinkingModel:
            break;
    }
}

std::string gemini_answer(const std::string& model_text, const std::string& finish_reason) {
    return nlohmann::json{
        {"candidates",
         {{{"content", {{"parts", {{{"text", model_text}}}}, {"role", "model"}}},
           {"finishReason", finish_reason},
           {"index", 0}}}},
        {"usageMetadata", {{"promptTokenCount", 412}, {"candidatesTokenCount", 96}, {"totalTokenCount", 508}}},
        {"modelVersion", "gemini-flash-latest"}}
        .dump();
}

std::string gemini_blocked(const std::string& reason) {
    return nlohmann::json{{"promptFeedback", {{"blockReason", reason}}},
                          {"usageMetadata", {{"promptTokenCount", 412}, {"totalTokenCount", 412}}}}
        .dump();
}

std::string google_error(int code, const std::string& status, const std::string& message,
                         const std::string& retry_delay) {
    nlohmann::json details = nlohmann::json::array();
    if (!retry_delay.empty()) {
        nlohmann::json violation = {{"quotaMetric", "generativelanguage.googleapis.com/generate_content_free_tier_requests"}};
        details.push_back({{"@type", "type.googleapis.com/google.rpc.QuotaFailure"},
                           {"violations", nlohmann::json::array({violation})}});
        details.push_back({{"@type", "type.googleapis.com/google.rpc.RetryInfo"}, {"retryDelay", retry_delay}});
    }
    return nlohmann::json{{"error", {{"code", code}, {"message", message}, {"status", status}, {"details", details}}}}
        .dump();
}

std::string hf_summary(const std::string& text) {
    return nlohmann::json::array({{{"summary_text", text}}}).dump();
}

std::string hf_loading(double estimated_time) {
    return nlohmann::json{{"error", "Model facebook/bart-large-cnn is currently loading"},
                          {"estimated_time", estimated_time}}
        .dump();
}

std::string custom_search(const std::vector<std::pair<std::string, std::string>>& title_link) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto& [title, link] : title_link) {
        std::string host = link.substr(link.find("//") + 2);
        host = host.substr(0, host.find('/'));
        items.push_back({{"kind", "customsearch#result"}, {"title", title}, {"link", link},
                         {"snippet", "Compare and apply online."}, {"displayLink", host}});
    }
    return nlohmann::json{{"kind", "customsearch#search"},
                          {"searchInformation", {{"totalResults", std::to_string(items.size())}}},
                          {"items", items}}
        .dump();
}

std::string gemini_thinking_answer(const std::string& model_text, const std::string& thought, long thought_tokens) {
    return nlohmann::json{
        {"candidates",
         {{{"content",
            {{"parts", {{{"text", thought}, {"thought", true}}, {{"text", model_text}, {"thoughtSignature", "c2lnbmF0dXJl"}}}},
             {"role", "model"}}},
           {"finishReason", "STOP"},
           {"index", 0}}}},
        {"usageMetadata",
         {{"promptTokenCount", 412}, {"candidatesTokenCount", 96}, {"thoughtsTokenCount", thought_tokens},
          {"totalTokenCount", 508 + thought_tokens}}},
        {"modelVersion", "gemini-3.8-flash"}}
        .dump();
}

std::string gemini_thinking_starved(long max_output_tokens) {
    return nlohmann::json{{"candidates",
                           {{{"content", {{"parts", {{{"text", "Weighing the products"}, {"thought", true}}}}, {"role", "model"}}},
                             {"finishReason", "MAX_TOKENS"},
                             {"index", 0}}}},
                          {"usageMetadata",
                           {{"promptTokenCount", 412}, {"candidatesTokenCount", 0},
                            {"thoughtsTokenCount", max_output_tokens}, {"totalTokenCount", 412 + max_output_tokens}}},
                          {"modelVersion", "gemini-3.8-flash"}}
        .dump();
}

namespace {

long thinking_tokens(const nlohmann::json& config) {
    const nlohmann::json thinking = config.value("thinkingConfig", nlohmann::json::object());
    if (thinking.contains("thinkingBudget")) return std::min<long>(thinking["thinkingBudget"].get<long>(), 3000);
    const std::string level = thinking.value("thinkingLevel", "high");  // Gemini 3's default is high
    if (level == "minimal") return 128;
    if (level == "low") return 900;
    if (level == "medium") return 3000;
    return 9000;
}

}  // namespace

std::string thinking_model_answer(const std::string& request_body) {
    const auto request = nlohmann::json::parse(request_body);
    const nlohmann::json& config = request["generationConfig"];
    const auto ids = config["responseSchema"]["properties"]["explanations"]["items"]["properties"]["product_id"]["enum"];
    const long budget = config.value("maxOutputTokens", 8192L);
    const long thoughts = thinking_tokens(config);
    const long answer_tokens = 40 * static_cast<long>(ids.size());
    const bool include_thoughts = config.value("thinkingConfig", nlohmann::json::object()).value("includeThoughts", false);
    nlohmann::json parts = nlohmann::json::array();
    if (include_thoughts) parts.push_back({{"text", "Thinking about which product suits the profile."}, {"thought", true}});
    nlohmann::json explanations = nlohmann::json::array();
    for (const auto& id : ids) {
        explanations.push_back({{"product_id", id}, {"text", "A sensible next step at this stage of life, explained by the stand-in model."}});
    }
    const std::string answer = nlohmann::json{{"explanations", explanations}}.dump();
    std::string finish = "STOP";
    long used_thoughts = thoughts, used_answer = answer_tokens;
    std::string text = answer;
    if (thoughts + answer_tokens > budget) {
        finish = "MAX_TOKENS";
        used_thoughts = std::min(thoughts, budget);
        used_answer = budget - used_thoughts;
        text = answer.substr(0, static_cast<std::size_t>(used_answer) * answer.size() / static_cast<std::size_t>(answer_tokens));
    }
    if (!text.empty()) parts.push_back({{"text", text}, {"thoughtSignature", "c2lnbmF0dXJl"}});
    return nlohmann::json{{"candidates", {{{"content", {{"parts", parts}, {"role", "model"}}}, {"finishReason", finish}, {"index", 0}}}},
                          {"usageMetadata",
                           {{"promptTokenCount", 412}, {"candidatesTokenCount", used_answer},
                            {"thoughtsTokenCount", used_thoughts}, {"totalTokenCount", 412 + used_answer + used_thoughts}}},
                          {"modelVersion", "gemini-3.8-flash"}}
        .dump();
}

std::string hf_out_of_credits() {
    return nlohmann::json{{"error",
                           "You have exceeded your monthly included credits for Inference Providers. Subscribe to PRO "
                           "to get 20x more monthly included credits."}}
        .dump();
}

std::string vertex_search(const std::vector<std::pair<std::string, std::string>>& title_link) {
    nlohmann::json results = nlohmann::json::array();
    int n = 0;
    for (const auto& [title, link] : title_link) {
        std::string host = link.substr(link.find("//") + 2);
        host = host.substr(0, host.find('/'));
        const std::string id = std::to_string(++n);
        results.push_back(
            {{"id", id},
             {"document",
              {{"name", "projects/bank-web/locations/global/collections/default_collection/dataStores/site/branches/0/documents/" + id},
               {"id", id},
               {"derivedStructData",
                {{"link", link}, {"title", title}, {"htmlTitle", "<b>" + title + "</b>"}, {"displayLink", host},
                 {"snippets", {{{"snippet", "Compare and apply online."}, {"snippet_status", "SUCCESS"}}}}}}}}});
    }
    return nlohmann::json{{"results", results},
                          {"totalSize", results.size()},
                          {"attributionToken", "stand-in-token"},
                          {"nextPageToken", "stand-in-next"}}
        .dump();
}

std::string vertex_search_no_results() {
    return nlohmann::json{{"attributionToken", "stand-in-token"}, {"guidedSearchResult", nlohmann::json::object()},
                          {"summary", nlohmann::json::object()}}
        .dump();
}

std::string custom_search_no_items() {
    return nlohmann::json{{"kind", "customsearch#search"}, {"searchInformation", {{"totalResults", "0"}}}}.dump();
}

}  // namespace bank::proxy::test
