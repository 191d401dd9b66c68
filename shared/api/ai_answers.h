// The AI answer documents (POST /api/generate, /api/summarize, /api/search): what a provider said,
// already checked by the proxy, with where it came from. When the provider failed or its answer was
// refused, the proxy answers with the offline text and says why in "fallback", so the page can
// tell the customer that the words are the bank's own.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "shared/ai/explanation.h"
#include "shared/ai/product_links.h"
#include "shared/data/load_error.h"

namespace bank::api {

struct AnswerFallback {
    std::string code;     // why the provider's answer is not shown: "rate_limited", "invalid_answer", ...
    std::string message;  // the same for a person
};

// Who answered: a provider's name ("gemini", "offline", ...), whether from the proxy's cache,
// and why the offline text stands in, if it does.
struct AnswerOrigin {
    std::string provider;
    bool cached = false;
    std::optional<AnswerFallback> fallback;
};

struct ExplanationsAnswer {
    std::vector<ai::Explanation> explanations;  // one per product of the shortlist
    AnswerOrigin origin;
};

struct SummaryAnswer {
    std::string summary;
    AnswerOrigin origin;
};

struct LinksAnswer {
    std::string product_id;
    std::vector<ai::ProductLink> links;  // on the bank's allow-listed domains, https only
    AnswerOrigin origin;
};

// The payload alone ({"explanations": [...]}, ...): the proxy adds the origin after its cache.
nlohmann::json write_explanations(const std::vector<ai::Explanation>& explanations);
nlohmann::json write_summary(const std::string& summary);
nlohmann::json write_links(const std::string& product_id, const std::vector<ai::ProductLink>& links);
// Adds "provider", "cached" and, when there is one, "fallback" to a payload.
void write_origin(nlohmann::json& answer, const AnswerOrigin& origin);
// The whole documents: payload and origin.
nlohmann::json write_explanations_answer(const ExplanationsAnswer& answer);
nlohmann::json write_summary_answer(const SummaryAnswer& answer);
nlohmann::json write_links_answer(const LinksAnswer& answer);

// `source` names where the JSON came from, for the error: "/api/generate".
Loaded<ExplanationsAnswer> read_explanations_answer(const nlohmann::json& j, std::string_view source);
Loaded<SummaryAnswer> read_summary_answer(const nlohmann::json& j, std::string_view source);
Loaded<LinksAnswer> read_links_answer(const nlohmann::json& j, std::string_view source);

}  // namespace bank::api
