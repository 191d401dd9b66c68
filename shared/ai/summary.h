// The digest of a recommendation set: a few sentences a customer or banker can read at a glance.
// The text to condense is built here from the catalog and the ranking's reasons only, so nothing
// personal is in it. The real provider is a Hugging Face summarization model (router wire format
// below); the offline provider is an extractive summary of the same text.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "shared/ai/answer_problem.h"
#include "shared/ai/explanation.h"

namespace bank::ai {

// "Cashback Credit Card (card): A credit card that ... Suggested because ... ." per product.
std::string digest_source(const Shortlist& shortlist);
// The digest with no summarizer: the shortlist by name, then the two sentences that best carry
// the products' descriptions (extractive_summary), without the reason phrases the cards show.
std::string offline_digest(const Shortlist& shortlist);

// POST https://router.huggingface.co/hf-inference/models/{model}, Authorization: Bearer <token>:
// {"inputs": "..."} -> [{"summary_text": "..."}]; while the model loads, 503 with
// {"error": "Model ... is currently loading", "estimated_time": 20.0}.
nlohmann::json hf_summarization_request(std::string_view text);
// "/hf-inference/models/facebook/bart-large-cnn"; nullopt for a model id that is not
// owner/name of [A-Za-z0-9._-].
std::optional<std::string> hf_model_path(std::string_view model);

struct SummarizerReply {
    bool answered = false;
    std::string summary;                   // when answered
    std::string error;                     // the service's error text, when it sent one
    std::optional<double> estimated_time;  // seconds, when the model is loading
};
SummarizerReply parse_hf_summarization_reply(std::string_view body);

// The `max_sentences` sentences of `text` that carry its most frequent content words, in their
// original order.
std::string extractive_summary(std::string_view text, std::size_t max_sentences);

// Why a summary is not acceptable as plain text (see plain_text_problem), or nullopt.
std::optional<std::string> summary_problem(std::string_view summary);

// Why a summary of `shortlist` may not be shown, or nullopt: plain text, then the facts check
// (facts_check.h) with each sentence held to the products it names.
std::optional<AnswerProblem> check_summary(std::string_view summary, const Shortlist& shortlist,
                                          const std::vector<Product>& catalog);

}  // namespace bank::ai
