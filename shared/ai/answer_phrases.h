// The words the facts check looks for in an answer (facts_check.h), lower-case, as word_text
// writes them. A claim phrase is allowed when the catalog's own text about the product says it
// ("protected by the deposit guarantee scheme", "pre-approval to take to the dealer").
#pragma once

namespace bank::ai {

// Approval, guarantee, endorsement and regulatory language.
inline constexpr const char* kClaimPhrases[] = {
    "approved", "approval", "pre-approved", "preapproved", "pre-approval", "pre-qualified", "prequalified",
    "qualify", "qualifies", "eligible", "eligibility", "accepted", "guarantee", "guaranteed", "guarantees",
    "guaranteeing", "endorse", "endorsed", "endorses", "endorsement", "recommended by", "backed by",
    "government-backed", "government backed", "insured by", "protected by", "supervised by", "regulated",
    "regulator", "regulators", "regulatory", "authorised", "authorized", "licensed", "certified", "accredited",
    "central bank", "fdic", "fca", "ecb", "bafin", "deposit insurance", "risk-free", "risk free", "riskless",
    "no risk", "cannot lose", "can't lose", "no credit check", "no credit checks", "promise", "promised", "promises",
};

// Saying a product costs nothing: true only of a product whose annual fee is 0, or in the
// catalog's own words ("fee-free cash withdrawals abroad").
inline constexpr const char* kNoFeePhrases[] = {
    "no annual fee", "no fee", "no fees", "no monthly fee", "fee-free", "free of charge", "without a fee",
    "without fees", "zero fee", "zero fees", "no charges", "no charge", "costs nothing",
};

// Saying a loan or card charges no interest: only in the catalog's own words.
inline constexpr const char* kInterestFreePhrases[] = {"interest-free", "interest free", "zero interest"};

// Words of the prompt itself: its field names and talk about instructions. Field names are
// matched in the raw lower-case text (they hold underscores); the rest as phrases.
inline constexpr const char* kPromptFieldNames[] = {
    "product_id", "ranking_reasons", "interests_in_their_own_words", "holds_product_categories", "spends_most_on",
    "rate_percent_per_year", "annual_fee_eur", "life_stage", "income_band", "risk_appetite", "systeminstruction",
    "responseschema",
};
inline constexpr const char* kPromptTalk[] = {
    "system prompt", "system instruction", "system instructions", "previous instructions", "prior instructions",
    "my instructions", "these instructions", "the instructions", "ignore all", "ignore previous", "as an ai",
    "language model", "response schema", "json", "de-identified", "the prompt",
};

// Words that end the name of a product: "Gold Secret Card" is a product name; "Gold Secret" is not.
inline constexpr const char* kProductNouns[] = {
    "account", "card", "loan", "mortgage", "saver", "savings", "deposit", "fund", "insurance", "plan",
    "portfolio", "pension", "policy", "bond", "bonds", "isa",
};

// Words that may start a name without being part of it ("The Cashback Credit Card"), and other
// everyday words a model may capitalise; together with the shortlist's and the profile's own
// words they are the names an answer may use.
inline constexpr const char* kCommonWords[] = {
    "a", "an", "the", "this", "that", "these", "those", "it", "its", "it's", "our", "your", "their", "my", "his",
    "her", "with", "for", "and", "or", "but", "as", "at", "by", "from", "in", "on", "to", "of", "if", "when",
    "while", "because", "since", "so", "also", "both", "each", "every", "all", "you", "they", "we", "i", "he",
    "she", "there", "here", "what", "which", "who", "how", "why", "plus", "eur", "euro", "euros", "apr", "aer",
    "etf", "etfs", "atm", "pin", "iban", "sepa", "esg", "usd", "gbp", "chf",
};

}  // namespace bank::ai
