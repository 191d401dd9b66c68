// Text that crosses the trust boundary to or from an AI provider. Customer free text (interests)
// goes out only cleaned: no control or invisible characters, nothing that looks like contact
// details or an account number, not the customer's own name or city, and short. Model output
// comes back only if it is plain text: valid UTF-8, no markup, no links, within a length limit.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bank::ai {

// `raw` as a short, single-line phrase that is safe to quote to a model: invalid UTF-8, control,
// bidirectional and zero-width characters removed, whitespace collapsed, e-mail addresses, URLs,
// runs of 3+ digits and any of `redact_words` (case-insensitive, whole words, also possessive or
// joined by punctuation: "Liam's", "Liam-Byrne") replaced by "[removed]", and cut to `max_chars`
// characters.
std::string clean_customer_text(std::string_view raw, const std::vector<std::string>& redact_words,
                                std::size_t max_chars);

// `raw` as short single-line plain text: the first pass of clean_customer_text without the
// redaction of personal-looking words (for third-party titles and snippets).
std::string clean_plain_text(std::string_view raw, std::size_t max_chars);

// Why `text` is not acceptable as plain text to show a user, or nullopt if it is: empty, longer
// than `max_chars` characters, not UTF-8, control characters, HTML tags, Markdown syntax, links.
std::optional<std::string> plain_text_problem(std::string_view text, std::size_t max_chars);

// Number of characters (code points) in valid UTF-8 text.
std::size_t utf8_length(std::string_view text);

}  // namespace bank::ai
