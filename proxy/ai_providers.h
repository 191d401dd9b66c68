// The three AI features, each behind one interface with a real provider (an upstream service)
// and an offline one that always answers (DESIGN.md: everything works without keys). Real
// providers send only de-identified or catalog data, and what they return is validated in
// shared/ai before it is used. Every answer names the provider that produced it.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "proxy/upstream_service.h"
#include "shared/ai/explanation.h"
#include "shared/ai/gemini_format.h"
#include "shared/ai/product_links.h"

namespace bank::proxy {

// A provider's answer, or the stable code of why there is none ("rate_limited", "blocked", ...).
template <class T> struct ProviderAnswer {
    std::optional<T> value;
    std::string failure;
};

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

// Gemini generateContent with a responseSchema; answers pass ai::check_explanations.
std::unique_ptr<ExplanationProvider> gemini_explanations(std::unique_ptr<UpstreamService> upstream,
                                                         std::string api_key, std::string model,
                                                         ai::GenerationSettings settings,
                                                         const std::vector<Product>& catalog);
// Hugging Face inference router summarization; answers pass ai::summary_problem.
std::unique_ptr<SummaryProvider> huggingface_summaries(std::unique_ptr<UpstreamService> upstream,
                                                       std::string token, std::string model);
// Google Custom Search JSON API; only links on the catalog's allow-list are kept.
std::unique_ptr<LinkProvider> custom_search_links(std::unique_ptr<UpstreamService> upstream, std::string key,
                                                  std::string cx, const ai::LinkAllowList& allow);

std::unique_ptr<ExplanationProvider> offline_explanations();
std::unique_ptr<SummaryProvider> extractive_summaries();
std::unique_ptr<LinkProvider> catalog_links();

// The delay hints of each upstream's error bodies (Google RetryInfo; Hugging Face estimated_time).
std::optional<double> google_retry_delay(const std::string& body);
std::optional<double> huggingface_loading_delay(const std::string& body);

}  // namespace bank::proxy
