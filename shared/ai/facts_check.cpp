#include "shared/ai/facts_check.h"

#include <algorithm>
#include <cctype>

#include "shared/ai/answer_phrases.h"
#include "shared/ai/answer_text.h"
#include "shared/ai/gemini_format.h"

namespace bank::ai {

namespace {

constexpr std::size_t kInstructionShingle = 6;  // words in a row that count as repeating the instructions
constexpr std::size_t kCustomerShingle = 5;     // ... as repeating (possibly injected) customer text

std::vector<std::string> split_words(const std::string& words) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (pos < words.size()) {
        const std::size_t end = words.find(' ', pos);
        if (end != pos) out.push_back(words.substr(pos, end - pos));
        if (end == std::string::npos) break;
        pos = end + 1;
    }
    return out;
}

std::string trimmed(const std::string& words) { return words.size() > 2 ? words.substr(1, words.size() - 2) : ""; }

void add_shingles(const std::string& text, std::size_t length, std::unordered_set<std::string>& shingles) {
    const auto words = split_words(word_text(text));
    for (std::size_t i = 0; i + length <= words.size(); ++i) {
        std::string s;
        for (std::size_t k = 0; k < length; ++k) s += (k ? " " : "") + words[i + k];
        shingles.insert(s);
    }
}

// True when the catalog's own text about one of `sources` holds `phrase`.
bool stated_by(const std::vector<const ProductFacts*>& sources, std::string_view phrase) {
    return std::any_of(sources.begin(), sources.end(),
                       [&](const ProductFacts* f) { return holds_phrase(f->words, phrase); });
}

std::string names_of(const std::vector<const ProductFacts*>& sources) {
    std::string out;
    for (std::size_t i = 0; i < sources.size() && i < 3; ++i) out += (i ? ", " : "") + sources[i]->product->name;
    return sources.size() > 3 ? out + ", ..." : out;
}

// At most 60 bytes of `text`, cut before a character, not inside one.
std::string in_quotes(std::string_view text) {
    std::size_t cut = std::min<std::size_t>(text.size(), 60);
    while (cut < text.size() && cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return "'" + std::string(text.substr(0, cut)) + (cut < text.size() ? "...'" : "'");
}

}  // namespace

AnswerContext explanation_context(const ExplanationTask& task, const std::vector<Product>& catalog) {
    const DeidentifiedProfile& p = task.profile;
    AnswerContext c{&catalog, task.shortlist.products, {p.life_stage, p.income_band, p.risk_appetite}, p.interests,
                    {kExplanationInstructions}};
    for (const auto* list : {&p.held_categories, &p.top_spending})
        c.customer_facts.insert(c.customer_facts.end(), list->begin(), list->end());
    return c;
}

AnswerContext digest_context(const Shortlist& shortlist, const std::vector<Product>& catalog) {
    return {&catalog, shortlist.products, {}, {}, {kExplanationInstructions}};
}

FactsCheck::FactsCheck(AnswerContext context) : context_(std::move(context)) {
    for (const Product* p : context_.shortlist) {
        shortlist_facts_.push_back(facts_of(*p));
        shortlist_names_.push_back(split_words(word_text(p->name)));
        for (const std::string& w : split_words(shortlist_facts_.back().words)) vocabulary_.insert(w);
        vocabulary_.insert(to_string(p->category));
    }
    if (context_.catalog) {
        for (const Product& p : *context_.catalog) {
            const bool listed = std::any_of(context_.shortlist.begin(), context_.shortlist.end(),
                                            [&](const Product* s) { return s->id == p.id; });
            if (listed) continue;
            other_products_.push_back(trimmed(word_text(p.name)));
            other_products_.push_back(trimmed(word_text(p.id)));
        }
    }
    for (const auto* texts : {&context_.customer_facts, &context_.customer_words}) {
        for (const std::string& text : *texts) {
            for (const std::string& w : split_words(word_text(text))) vocabulary_.insert(w);
            const auto figures = quoted_numbers(text, SpelledNumbers::All);
            customer_numbers_.insert(customer_numbers_.end(), figures.begin(), figures.end());
        }
    }
    for (const std::string& text : context_.customer_words) add_shingles(text, kCustomerShingle, echo_shingles_);
    for (const char* w : kCommonWords) vocabulary_.insert(w);
    for (const std::string& text : context_.instructions) add_shingles(text, kInstructionShingle, echo_shingles_);
}

std::optional<AnswerProblem> FactsCheck::problem(std::string_view text, const Product* about) const {
    if (auto p = whole_text_problem(text)) return p;
    for (std::string_view sentence : sentences_in(text)) {
        if (auto p = sentence_problem(sentence, about)) return p;
    }
    return std::nullopt;
}

std::optional<AnswerProblem> FactsCheck::whole_text_problem(std::string_view text) const {
    if (const auto echo = prompt_echo(text, echo_shingles_, {kInstructionShingle, kCustomerShingle}))
        return AnswerProblem{AnswerFault::PromptEcho, "repeats the prompt: " + in_quotes(*echo)};
    if (const auto address = web_address(text))
        return AnswerProblem{AnswerFault::Link, "holds a web or e-mail address: " + in_quotes(*address)};
    return std::nullopt;
}

std::optional<AnswerProblem> FactsCheck::sentence_problem(std::string_view sentence, const Product* about) const {
    const std::string words = word_text(sentence);
    std::vector<const ProductFacts*> sources;
    if (const ProductFacts* f = facts_for(about)) sources.push_back(f);
    for (const ProductFacts& f : shortlist_facts_) {
        if (f.product != about && holds_phrase(words, f.name)) sources.push_back(&f);
    }
    if (sources.empty()) {
        for (const ProductFacts& f : shortlist_facts_) sources.push_back(&f);
    }
    if (auto p = names_problem(sentence, sources)) return p;
    if (auto p = claims_problem(words, sources)) return p;  // before unknown names: "the FCA" is a claim first
    if (auto p = unknown_names_problem(sentence)) return p;
    return figures_problem(sentence, sources, about != nullptr);
}

std::optional<AnswerProblem> FactsCheck::names_problem(std::string_view sentence,
                                                       const std::vector<const ProductFacts*>& sources) const {
    std::string words = word_text(sentence);
    // Blank out the shortlist's own names first: "Student Credit Card" must not read as some
    // other product whose name it contains.
    for (const ProductFacts& f : shortlist_facts_) {
        const std::string name = " " + f.name + " ";
        for (auto at = words.find(name); at != std::string::npos; at = words.find(name))
            words.replace(at, name.size(), " | ");
    }
    for (const std::string& other : other_products_) {
        // A product the catalog's own text mentions ("save with our Home Deposit Saver first") may be named.
        if (!other.empty() && holds_phrase(words, other) && !stated_by(sources, other))
            return AnswerProblem{AnswerFault::UnlistedProduct,
                                 "names a product outside the shortlist: " + in_quotes(other)};
    }
    for (const auto& run : capitalised_runs(sentence)) {
        if (run.size() < 2 || !is_product_noun(run.back())) continue;
        const bool listed = std::any_of(shortlist_names_.begin(), shortlist_names_.end(),
                                        [&](const auto& name) { return is_subsequence(run, name); });
        std::string name;
        for (const std::string& w : run) name += (name.empty() ? "" : " ") + w;
        if (!listed && !stated_by(sources, name))
            return AnswerProblem{AnswerFault::UnlistedProduct,
                                 "names a product that is not on the shortlist: " + in_quotes(name)};
    }
    return std::nullopt;
}

std::optional<AnswerProblem> FactsCheck::unknown_names_problem(std::string_view sentence) const {
    for (const std::string& name : proper_names(sentence)) {
        if (!known_word(name))
            return AnswerProblem{AnswerFault::UnknownName,
                                 "names " + in_quotes(name) + ", which neither the shortlist nor the profile mentions"};
    }
    return std::nullopt;
}

std::optional<AnswerProblem> FactsCheck::claims_problem(const std::string& words,
                                                        const std::vector<const ProductFacts*>& sources) const {
    const auto said = [&](const char* phrase) { return holds_phrase(words, phrase) && !stated_by(sources, phrase); };
    for (const char* phrase : kClaimPhrases) {
        if (said(phrase))
            return AnswerProblem{AnswerFault::Claim, "claims '" + std::string(phrase) +
                                                         "', which the catalog does not say of " + names_of(sources)};
    }
    const bool free = std::any_of(sources.begin(), sources.end(),
                                  [](const ProductFacts* f) { return f->product->annual_fee == 0; });
    for (const char* phrase : kNoFeePhrases) {
        if (said(phrase) && !free)
            return AnswerProblem{AnswerFault::UnsupportedNumber, "says '" + std::string(phrase) +
                                                                     "', but the catalog's annual fee of " +
                                                                     names_of(sources) + " is not 0"};
    }
    for (const char* phrase : kInterestFreePhrases) {
        if (said(phrase))
            return AnswerProblem{AnswerFault::UnsupportedNumber, "says '" + std::string(phrase) +
                                                                     "', which the catalog does not say of " +
                                                                     names_of(sources)};
    }
    return std::nullopt;
}

std::optional<AnswerProblem> FactsCheck::figures_problem(std::string_view sentence,
                                                         const std::vector<const ProductFacts*>& sources,
                                                         bool with_customer) const {
    for (const QuotedNumber& figure : quoted_numbers(sentence, SpelledNumbers::WithUnitOnly)) {
        const bool supported = std::any_of(sources.begin(), sources.end(),
                                           [&](const ProductFacts* f) { return supports(f->numbers, figure); }) ||
                               (with_customer && supports(customer_numbers_, figure));
        if (!supported)
            return AnswerProblem{AnswerFault::UnsupportedNumber, "states " + in_quotes(figure.text) +
                                                                     ", which the catalog does not state for " +
                                                                     names_of(sources)};
    }
    return std::nullopt;
}

const ProductFacts* FactsCheck::facts_for(const Product* product) const {
    for (const ProductFacts& f : shortlist_facts_) {
        if (product && f.product->id == product->id) return &f;
    }
    return nullptr;
}

bool FactsCheck::known_word(std::string word) const {
    for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const auto known = [&](const std::string& w) {
        if (vocabulary_.count(w) || vocabulary_.count(w + "s")) return true;
        return w.size() > 3 && w.back() == 's' && vocabulary_.count(w.substr(0, w.size() - 1));
    };
    if (known(word)) return true;
    if (word.find('-') == std::string::npos) return false;
    std::size_t pos = 0;  // "Easy-Access": known when every part is
    while (pos <= word.size()) {
        const std::size_t end = std::min(word.find('-', pos), word.size());
        if (end > pos && !known(word.substr(pos, end - pos))) return false;
        pos = end + 1;
    }
    return true;
}

}  // namespace bank::ai
