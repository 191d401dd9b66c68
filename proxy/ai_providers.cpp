#include "proxy/ai_providers.h"

#include <utility>

#include "shared/ai/explanation_check.h"
#include "shared/ai/google_error.h"
#include "shared/ai/summary.h"
#include "shared/ai/vertex_search.h"

namespace bank::proxy {

std::optional<double> google_retry_delay(const std::string& body) {
    const auto error = ai::parse_google_api_error(body);
    return error ? error->retry_delay_seconds : std::nullopt;
}

std::optional<double> huggingface_loading_delay(const std::string& body) {
    return ai::parse_hf_summarization_reply(body).estimated_time;
}

namespace {

// Invalid UTF-8 becomes U+FFFD instead of an exception (the data is validated; this is a backstop).
constexpr auto kReplaceInvalid = nlohmann::json::error_handler_t::replace;
constexpr int kSearchResults = 10;
constexpr std::size_t kMaxSearchLinks = 5;

std::string body_of(const nlohmann::json& request) { return request.dump(-1, ' ', false, kReplaceInvalid); }

nlohmann::json shortlist_identity(const ai::Shortlist& shortlist) {
    nlohmann::json ids = nlohmann::json::array();
    for (const Product* p : shortlist.products) ids.push_back(p->id);
    nlohmann::json reasons = nlohmann::json::object();
    for (const auto& [id, codes] : shortlist.reasons) {
        nlohmann::json names = nlohmann::json::array();
        for (ReasonCode code : codes) names.push_back(to_string(code));
        reasons[id] = std::move(names);
    }
    return {{"products", std::move(ids)}, {"reasons", std::move(reasons)}};
}

// The log line names the reason only: the problem's message quotes the answer, and an answer may
// echo anything, a key or a customer's name included.
template <class T> ProviderAnswer<T> rejected(const ai::AnswerProblem& problem, const std::string& who, const OperatorLog& log) {
    if (log) log(who + " answer refused by the " + (problem.fault == ai::AnswerFault::Format ? "format" : "facts") +
                 " check (" + to_string(problem.fault) + "); the offline answer was sent");
    return ProviderFailure{"invalid_answer", to_string(problem.fault)};
}

class GeminiExplanations : public ExplanationProvider {
public:
    GeminiExplanations(std::unique_ptr<UpstreamService> upstream, std::string key, std::string model,
                       const std::vector<Product>& catalog, OperatorLog log)
        : upstream_(std::move(upstream)), key_(std::move(key)), model_(std::move(model)), catalog_(catalog),
          log_(std::move(log)) {}

    std::string name() const override { return "gemini"; }

    nlohmann::json cache_identity(const ai::ExplanationTask& task) const override {
        return {{"model", model_}, {"request", ai::gemini_explanation_request(task, model_, settings_)}};
    }

    ProviderAnswer<std::vector<ai::Explanation>> explain(const ai::ExplanationTask& task) override {
        const auto path = ai::gemini_path(model_);
        if (!path) return ProviderFailure{"misconfigured"};
        const nlohmann::json body = ai::gemini_explanation_request(task, model_, settings_);
        UpstreamRequest request;
        request.path = *path;
        request.headers = {{"x-goog-api-key", key_}};
        request.body = body_of(body);
        const HttpOutcome outcome = upstream_->call(request);
        if (!outcome.ok) return ProviderFailure{outcome.failure};

        const ai::GeminiReply reply = ai::parse_gemini_reply(outcome.response.body);
        switch (reply.outcome) {
            case ai::GeminiOutcome::Answered: break;
            case ai::GeminiOutcome::Blocked: return ProviderFailure{"blocked"};
            case ai::GeminiOutcome::Truncated: return ProviderFailure{"truncated"};
            case ai::GeminiOutcome::TruncatedByThinking:
                report_thinking_starved(reply, body["generationConfig"].value("maxOutputTokens", 0));
                return ProviderFailure{"truncated_by_thinking"};
            case ai::GeminiOutcome::Refused: return ProviderFailure{"refused"};
            case ai::GeminiOutcome::Empty: return ProviderFailure{"empty_answer"};
            case ai::GeminiOutcome::Malformed: return ProviderFailure{"malformed_answer"};
        }
        auto checked = ai::check_explanations(reply.text, task, catalog_);
        if (auto* explanations = std::get_if<std::vector<ai::Explanation>>(&checked)) {
            return std::move(*explanations);
        }
        return rejected<std::vector<ai::Explanation>>(std::get<ai::AnswerProblem>(checked), "gemini", log_);
    }

private:
    // Thinking models count their thinking against maxOutputTokens: tell the operator plainly
    // when thinking, not the answer, used the budget up.
    void report_thinking_starved(const ai::GeminiReply& reply, int max_output_tokens) const {
        if (!log_) return;
        log_("gemini (" + model_ + ") stopped at maxOutputTokens " + std::to_string(max_output_tokens) + " after " +
             std::to_string(reply.thought_tokens) + " thinking tokens and " + std::to_string(reply.output_tokens) +
             " answer tokens, so the explanations were cut off and the offline ones were sent. The request bounds "
             "thinking per model family (shared/ai/gemini_format.h); a model whose family is not recognised "
             "thinks without bound: pick a pinned Gemini 2.5 or 3 model with --gemini-model.");
    }

    std::unique_ptr<UpstreamService> upstream_;
    std::string key_;
    std::string model_;
    ai::GenerationSettings settings_;
    const std::vector<Product>& catalog_;
    OperatorLog log_;
};

class HuggingFaceSummaries : public SummaryProvider {
public:
    HuggingFaceSummaries(std::unique_ptr<UpstreamService> upstream, std::string token, std::string model,
                         const std::vector<Product>& catalog, OperatorLog log)
        : upstream_(std::move(upstream)), token_(std::move(token)), model_(std::move(model)), catalog_(catalog),
          log_(std::move(log)) {}

    std::string name() const override { return "huggingface"; }

    // The digest text is a function of the shortlist and the catalog, so the shortlist names the
    // question; a hit then costs no text building.
    nlohmann::json cache_identity(const ai::Shortlist& shortlist) const override {
        return {{"model", model_}, {"shortlist", shortlist_identity(shortlist)}};
    }

    ProviderAnswer<std::string> summarize(const ai::Shortlist& shortlist) override {
        const auto path = ai::hf_model_path(model_);
        if (!path) return ProviderFailure{"misconfigured"};
        UpstreamRequest request;
        request.path = *path;
        request.headers = {{"Authorization", "Bearer " + token_}};
        request.body = body_of(ai::hf_summarization_request(ai::digest_source(shortlist)));
        const HttpOutcome outcome = upstream_->call(request);
        if (!outcome.ok) return ProviderFailure{outcome.failure};
        ai::SummarizerReply reply = ai::parse_hf_summarization_reply(outcome.response.body);
        if (!reply.answered) return ProviderFailure{"malformed_answer"};
        const auto first = reply.summary.find_first_not_of(' ');
        std::string summary = first == std::string::npos ? std::string() : reply.summary.substr(first);
        if (const auto problem = ai::check_summary(summary, shortlist, catalog_))
            return rejected<std::string>(*problem, "huggingface", log_);
        return summary;
    }

private:
    std::unique_ptr<UpstreamService> upstream_;
    std::string token_;
    std::string model_;
    const std::vector<Product>& catalog_;
    OperatorLog log_;
};

// The official page always comes first; search adds comparison and application pages, as long as
// they pass the allow-list.
ProviderAnswer<std::vector<ai::ProductLink>> with_official_page(const Product& product,
                                                                const std::vector<ai::ProductLink>& found_links,
                                                                const ai::LinkAllowList& allow) {
    auto found = ai::allowed_links(found_links, allow, kMaxSearchLinks);
    if (found.empty()) return ProviderFailure{"no_results"};
    auto links = ai::catalog_links(product);
    for (auto& l : found) {
        if (l.link != links.front().link) links.push_back(std::move(l));
    }
    return links;
}

class VertexSearchLinks : public LinkProvider {
public:
    VertexSearchLinks(std::unique_ptr<UpstreamService> upstream, std::string key, std::string serving_config,
                      const ai::LinkAllowList& allow)
        : upstream_(std::move(upstream)), key_(std::move(key)), serving_config_(std::move(serving_config)),
          allow_(allow) {}

    std::string name() const override { return "vertex-ai-search"; }

    nlohmann::json cache_identity(const Product& product) const override {
        return {{"serving_config", serving_config_}, {"query", ai::search_query(product)}};
    }

    ProviderAnswer<std::vector<ai::ProductLink>> links(const Product& product) override {
        const auto path = ai::vertex_search_path(serving_config_);
        if (!path) return ProviderFailure{"misconfigured"};
        UpstreamRequest request;
        request.path = *path;
        request.headers = {{"X-Goog-Api-Key", key_}};  // never ?key=: URLs end up in logs
        request.body = body_of(ai::vertex_search_request(ai::search_query(product), kSearchResults));
        const HttpOutcome outcome = upstream_->call(request);
        if (!outcome.ok) return ProviderFailure{outcome.failure};
        const auto results = ai::parse_vertex_search_reply(outcome.response.body);
        if (!results) return ProviderFailure{"malformed_answer"};
        return with_official_page(product, *results, allow_);
    }

private:
    std::unique_ptr<UpstreamService> upstream_;
    std::string key_;
    std::string serving_config_;
    const ai::LinkAllowList& allow_;
};

class CustomSearchLinks : public LinkProvider {
public:
    CustomSearchLinks(std::unique_ptr<UpstreamService> upstream, std::string key, std::string cx,
                      const ai::LinkAllowList& allow)
        : upstream_(std::move(upstream)), key_(std::move(key)), cx_(std::move(cx)), allow_(allow) {}

    std::string name() const override { return "google-custom-search"; }

    nlohmann::json cache_identity(const Product& product) const override {
        return {{"cx", cx_}, {"query", ai::search_query(product)}};
    }

    ProviderAnswer<std::vector<ai::ProductLink>> links(const Product& product) override {
        UpstreamRequest request;
        request.method = "GET";
        request.path = ai::custom_search_path(cx_, ai::search_query(product), kSearchResults);
        request.headers = {{"X-Goog-Api-Key", key_}};  // never ?key=: URLs end up in logs
        const HttpOutcome outcome = upstream_->call(request);
        if (!outcome.ok) return ProviderFailure{outcome.failure};
        const auto items = ai::parse_custom_search_reply(outcome.response.body);
        if (!items) return ProviderFailure{"malformed_answer"};
        return with_official_page(product, *items, allow_);
    }

private:
    std::unique_ptr<UpstreamService> upstream_;
    std::string key_;
    std::string cx_;
    const ai::LinkAllowList& allow_;
};

class OfflineExplanations : public ExplanationProvider {
public:
    std::string name() const override { return "offline"; }
    nlohmann::json cache_identity(const ai::ExplanationTask&) const override { return nullptr; }
    ProviderAnswer<std::vector<ai::Explanation>> explain(const ai::ExplanationTask& task) override {
        return ai::offline_explanations(task.shortlist);
    }
};

class ExtractiveSummaries : public SummaryProvider {
public:
    std::string name() const override { return "offline"; }
    nlohmann::json cache_identity(const ai::Shortlist&) const override { return nullptr; }
    ProviderAnswer<std::string> summarize(const ai::Shortlist& shortlist) override {
        return ai::offline_digest(shortlist);
    }
};

class CatalogLinks : public LinkProvider {
public:
    std::string name() const override { return "catalog"; }
    nlohmann::json cache_identity(const Product&) const override { return nullptr; }
    ProviderAnswer<std::vector<ai::ProductLink>> links(const Product& product) override {
        return ai::catalog_links(product);
    }
};

}  // namespace

std::unique_ptr<ExplanationProvider> gemini_explanations(std::unique_ptr<UpstreamService> upstream,
                                                         std::string api_key, std::string model,
                                                         const std::vector<Product>& catalog, OperatorLog log) {
    return std::make_unique<GeminiExplanations>(std::move(upstream), std::move(api_key), std::move(model), catalog,
                                                std::move(log));
}

std::unique_ptr<SummaryProvider> huggingface_summaries(std::unique_ptr<UpstreamService> upstream,
                                                       std::string token, std::string model,
                                                       const std::vector<Product>& catalog, OperatorLog log) {
    return std::make_unique<HuggingFaceSummaries>(std::move(upstream), std::move(token), std::move(model), catalog,
                                                  std::move(log));
}

std::unique_ptr<LinkProvider> vertex_search_links(std::unique_ptr<UpstreamService> upstream, std::string key,
                                                  std::string serving_config, const ai::LinkAllowList& allow) {
    return std::make_unique<VertexSearchLinks>(std::move(upstream), std::move(key), std::move(serving_config), allow);
}

std::unique_ptr<LinkProvider> custom_search_links(std::unique_ptr<UpstreamService> upstream, std::string key,
                                                  std::string cx, const ai::LinkAllowList& allow) {
    return std::make_unique<CustomSearchLinks>(std::move(upstream), std::move(key), std::move(cx), allow);
}

std::unique_ptr<ExplanationProvider> offline_explanations() { return std::make_unique<OfflineExplanations>(); }
std::unique_ptr<SummaryProvider> extractive_summaries() { return std::make_unique<ExtractiveSummaries>(); }
std::unique_ptr<LinkProvider> catalog_links() { return std::make_unique<CatalogLinks>(); }

}  // namespace bank::proxy
