// The facts check every AI answer passes before anyone sees it (OWASP LLM09, misinformation):
// a fluent answer can still state a rate the bank does not offer, promise approval, name another
// bank's card or send the customer to a phishing site. An answer is shown only if
//  - every figure (rate, fee, amount, term) is one the catalog states for the product it is about,
//  - it names no product outside the shortlist, no invented product and no brand or other proper
//    name that the shortlist and the customer's profile do not contain,
//  - it makes no approval, guarantee, endorsement or regulatory claim the catalog does not make
//    about that product ("protected by the deposit guarantee scheme" is true of a savings account),
//  - it holds no web address, domain or e-mail address,
//  - it does not repeat the instructions, the prompt's field names or injected customer text.
// Plain text only: no JSON, no HTTP. The caller has already checked the format (text_safety.h).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "shared/ai/answer_problem.h"
#include "shared/ai/explanation.h"
#include "shared/ai/product_facts.h"

namespace bank::ai {

// What an answer may draw on: the catalog (to recognise products it must not name), the shortlist
// it is about, what the prompt said about the customer, and the instructions the model was given.
struct AnswerContext {
    const std::vector<Product>* catalog = nullptr;
    std::vector<const Product*> shortlist;
    std::vector<std::string> customer_facts;  // the profile's bands and categories: words and figures it may use
    std::vector<std::string> customer_words;  // the customer's own words (interests): usable, not repeatable at length
    std::vector<std::string> instructions;    // never to be repeated
};

AnswerContext explanation_context(const ExplanationTask& task, const std::vector<Product>& catalog);
AnswerContext digest_context(const Shortlist& shortlist, const std::vector<Product>& catalog);

class FactsCheck {
public:
    explicit FactsCheck(AnswerContext context);

    // Why `text` may not be shown, or nullopt. `about` is the product the text explains; nullptr
    // for a digest of the whole shortlist, whose sentences are each checked against the products
    // they name (or, naming none, against the shortlist as a whole).
    std::optional<AnswerProblem> problem(std::string_view text, const Product* about) const;

private:
    std::optional<AnswerProblem> whole_text_problem(std::string_view text) const;
    std::optional<AnswerProblem> sentence_problem(std::string_view sentence, const Product* about) const;
    std::optional<AnswerProblem> names_problem(std::string_view sentence,
                                               const std::vector<const ProductFacts*>& sources) const;
    std::optional<AnswerProblem> unknown_names_problem(std::string_view sentence) const;
    std::optional<AnswerProblem> claims_problem(const std::string& words,
                                                const std::vector<const ProductFacts*>& sources) const;
    std::optional<AnswerProblem> figures_problem(std::string_view sentence,
                                                 const std::vector<const ProductFacts*>& sources,
                                                 bool with_customer) const;
    const ProductFacts* facts_for(const Product* product) const;
    bool known_word(std::string word) const;

    AnswerContext context_;
    std::vector<ProductFacts> shortlist_facts_;
    std::vector<std::string> other_products_;  // word_text of the names and ids outside the shortlist
    std::vector<std::vector<std::string>> shortlist_names_;  // each name's words, lower-cased
    std::unordered_set<std::string> vocabulary_;
    std::vector<QuotedNumber> customer_numbers_;
    std::unordered_set<std::string> echo_shingles_;
};

}  // namespace bank::ai
