// The three AI features, each behind one interface with a real provider (an upstream service)
// and an offline one that always answers (DESIGN.md: everything works without keys). Real
// providers send only de-identified or catalog data, and what they return passes the format and
// facts checks of shared/ai before it is used. Every answer names the provider that produced it.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "proxy/proxy_config.h"
#include "proxy/upstream_service.h"
#include "shared/ai/explanation.h"
#include "shared/ai/gemini_format.h"
#include "shared/ai/product_links.h"
#include "shared/result.h"

namespace bank::proxy {

// Why a provider gave no answer: a stable code ("rate_limited", "blocked", ...) and, for
// "invalid_answer", the facts check's reason (an ai::AnswerFault label).
struct ProviderFailure {
    explicit ProviderFailure(std::string why, std::string reason = {})
        : code(std::move(why)), rejected_for(std::move(reason)) {}
    std::string code;
    std::string rejected_for;
};

// A provider's answer, or why there is none: the core's one result type.
template <class T> using ProviderAnswer = Result<T, ProviderFailure>;

class ExplanationProvider {
public:
    virtual ~ExplanationProvider() = default;
    virtual std::string name() const = 0;
    virtual ProviderAnswer<std::vector<ai::Explanation>> explain(const ai::ExplanationTask& task) = 0;
    // What identifies the question for the answer cache (null: do not cache).
    virtual nlohmann::json cache_identity(const ai::ExplanationTask& task) const = 0;
};

class SummaryProvider {
public:
    virtual ~SummaryProvider() = default;
    virtual std::string name() const = 0;
    // A digest of the shortlist: built from catalog facts and reasons only (ai::digest_source).
    virtual ProviderAnswer<std::string> summarize(const ai::Shortlist& shortlist) = 0;
    virtual nlohmann::json cache_identity(const ai::Shortlist& shortlist) const = 0;
};

class LinkProvider {
public:
    virtual ~LinkProvider() = default;
    virtual std::string name() const = 0;
    virtual ProviderAnswer<std::vector<ai::ProductLink>> links(const Product& product) = 0;
    virtual nlohmann::json cache_identity(const Product& product) const = 0;
};

// Lines for the operator's log: why an answer was refused, what an upstream needs.
using OperatorLog = std::function<void(const std::string& message)>;

// Gemini generateContent with a responseSchema and thinking bounded per model family; answers
// pass ai::check_explanations (format and facts).
std::unique_ptr<ExplanationProvider> gemini_explanations(std::unique_ptr<UpstreamService> upstream,
                                                         std::string api_key, std::string model,
                                                         const std::vector<Product>& catalog, OperatorLog log = {});
// Hugging Face inference router summarization; answers pass ai::check_summary (format and facts).
std::unique_ptr<SummaryProvider> huggingface_summaries(std::unique_ptr<UpstreamService> upstream,
                                                       std::string token, std::string model,
                                                       const std::vector<Product>& catalog, OperatorLog log = {});
// Vertex AI Search searchLite over the bank's public-website data store; only links on the
// catalog's allow-list are kept.
std::unique_ptr<LinkProvider> vertex_search_links(std::unique_ptr<UpstreamService> upstream, std::string key,
                                                  std::string serving_config, const ai::LinkAllowList& allow);
// Google Custom Search JSON API (until it ends, ai::kCustomSearchEnds); the same allow-list.
std::unique_ptr<LinkProvider> custom_search_links(std::unique_ptr<UpstreamService> upstream, std::string key,
                                                  std::string cx, const ai::LinkAllowList& allow);

std::unique_ptr<ExplanationProvider> offline_explanations();
std::unique_ptr<SummaryProvider> extractive_summaries();
std::unique_ptr<LinkProvider> catalog_links();

// The real providers the configuration has keys for (null where it has none), each on its own
// upstream made by `upstream`; an upstream that answers 402 pauses for the configured time and
// `log` says so.
struct RealProviders {
    std::unique_ptr<ExplanationProvider> explanations;
    std::unique_ptr<SummaryProvider> summaries;
    std::unique_ptr<LinkProvider> links;
};
using UpstreamFactory = std::function<std::unique_ptr<UpstreamService>(
    const std::string& name, const UpstreamConfig& config, UpstreamService::DelayHint hint)>;
RealProviders configured_providers(const AiConfig& config, const std::vector<Product>& catalog,
                                   const ai::LinkAllowList& allow, const UpstreamFactory& upstream,
                                   const OperatorLog& log);

// Today's date in UTC, for the providers' end dates; tests pass their own date instead.
ai::CalendarDate today_utc();

// Why the proxy must not start with this AI configuration on `today`: Custom Search chosen on or
// after the day it ends. The message says what to use instead.
std::optional<std::string> ai_config_refusal(const AiConfig& config, ai::CalendarDate today);
// What the operator should know at start: Custom Search's days left, a search key without the
// rest of its configuration.
std::vector<std::string> ai_config_warnings(const AiConfig& config, ai::CalendarDate today);

// The delay hints of each upstream's error bodies (Google RetryInfo; Hugging Face estimated_time).
std::optional<double> google_retry_delay(const std::string& body);
std::optional<double> huggingface_loading_delay(const std::string& body);

}  // namespace bank::proxy
