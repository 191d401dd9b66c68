// Reading the shape of an answer's text for the facts check (facts_check.h): its sentences, the
// capitalised words that may be names, web addresses, and pieces repeated from the prompt.
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace bank::ai {

// Sentences end at '.', '!' or '?' before a space or the end ("2.25%" does not end one).
std::vector<std::string_view> sentences_in(std::string_view text);

// Runs of capitalised words with only spaces between them ("the Gold Secret Card's fee" gives
// {"gold", "secret", "card"}), lower-cased, possessives and leading common words ("The") dropped.
// "25-Year" counts as capitalised.
std::vector<std::vector<std::string>> capitalised_runs(std::string_view sentence);

// The capitalised words that can only be names: every one but a sentence's first word, which
// counts only when a capitalised word follows it ("American Express"). As written, possessive dropped.
std::vector<std::string> proper_names(std::string_view sentence);

bool is_product_noun(const std::string& lower_word);

// True when every word of `part` occurs in `whole` in the same order ("cashback card" in
// "cashback credit card").
bool is_subsequence(const std::vector<std::string>& part, const std::vector<std::string>& whole);

// The first web address, bare domain ("phishing.example/login") or e-mail address in `text`.
std::optional<std::string> web_address(std::string_view text);

// The first piece of `text` that repeats the prompt: a field name of the prompt document, talk
// about instructions, or a run of words found in `shingles` (runs of each of `lengths` words).
std::optional<std::string> prompt_echo(std::string_view text, const std::unordered_set<std::string>& shingles,
                                       std::initializer_list<std::size_t> lengths);

}  // namespace bank::ai
