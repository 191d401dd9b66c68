#include "shared/ai/summary.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <set>
#include <vector>

#include "shared/ai/answer_text.h"
#include "shared/ai/facts_check.h"
#include "shared/ai/text_safety.h"
#include "shared/data/json_depth.h"
#include "shared/data/json_fields.h"
#include "shared/text/word_list.h"

namespace bank::ai {

namespace {

constexpr std::size_t kMaxSummaryChars = 1000;
constexpr std::array<std::string_view, 1> kSummaryFields = {"summary_text"};

std::vector<std::string> sentences_of(std::string_view text) {
    std::vector<std::string> out;
    std::string current;
    for (std::size_t i = 0; i < text.size(); ++i) {
        current += text[i];
        const bool end = (text[i] == '.' || text[i] == '!' || text[i] == '?') &&
                         (i + 1 == text.size() || text[i + 1] == ' ' || text[i + 1] == '\n');
        if (end) {
            const auto first = current.find_first_not_of(" \n");
            if (first != std::string::npos) out.push_back(current.substr(first));
            current.clear();
        }
    }
    const auto first = current.find_first_not_of(" \n");
    if (first != std::string::npos) out.push_back(current.substr(first));
    return out;
}

std::vector<std::string> words_of(const std::string& sentence) {
    static const std::set<std::string> stop = {
        "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "in", "is", "it",
        "its", "of", "on", "or", "that", "the", "their", "this", "to", "with", "you", "your",
        "suggested", "because", "customer", "customers", "customer's"};
    std::vector<std::string> words;
    std::string w;
    for (char c : sentence + " ") {
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '\'' || c == '-') {
            w += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        } else if (!w.empty()) {
            if (w.size() > 2 && !stop.count(w)) words.push_back(w);
            w.clear();
        }
    }
    return words;
}

}  // namespace

std::string digest_source(const Shortlist& shortlist) {
    std::string text;
    const auto explanations = offline_explanations(shortlist);
    for (std::size_t i = 0; i < shortlist.products.size(); ++i) {
        const Product& p = *shortlist.products[i];
        if (!text.empty()) text += "\n";
        text += p.name + " (" + to_string(p.category) + "): " + p.description + " " + explanations[i].text;
    }
    return text;
}

std::string offline_digest(const Shortlist& shortlist) {
    if (shortlist.products.empty()) return "";
    std::vector<std::string> names;
    const std::size_t shown = std::min<std::size_t>(shortlist.products.size(), 3);
    for (std::size_t i = 0; i < shown; ++i) names.push_back(shortlist.products[i]->name);
    std::string descriptions;
    for (std::size_t i = 0; i < shown; ++i) descriptions += shortlist.products[i]->description + " ";
    return "Top of the list: " + word_list(names) + ". " + extractive_summary(descriptions, 2);
}

nlohmann::json hf_summarization_request(std::string_view text) {
    return {{"inputs", std::string(text)}};
}

std::optional<std::string> hf_model_path(std::string_view model) {
    const auto slash = model.find('/');
    if (model.empty() || model.size() > 96 || slash == std::string_view::npos || slash == 0 ||
        slash + 1 == model.size() || model.find('/', slash + 1) != std::string_view::npos)
        return std::nullopt;
    for (char c : model) {
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-' || c == '/'))
            return std::nullopt;
    }
    if (model.find("..") != std::string_view::npos) return std::nullopt;
    return "/hf-inference/models/" + std::string(model);
}

SummarizerReply parse_hf_summarization_reply(std::string_view body) {
    SummarizerReply reply;
    const auto j = parse_json_within_depth(body);
    if (j.is_array() && !j.empty()) {
        JsonFields fields(j.front(), "the summarizer's answer", kSummaryFields.data());
        reply.summary = fields.text(0);
        reply.answered = !fields.failed() && !reply.summary.empty();
        return reply;
    }
    if (!j.is_object()) return reply;
    if (const auto error = j.find("error"); error != j.end() && error->is_string()) reply.error = error->get<std::string>();
    if (const auto t = j.find("estimated_time"); t != j.end() && t->is_number()) reply.estimated_time = t->get<double>();
    return reply;
}

std::string extractive_summary(std::string_view text, std::size_t max_sentences) {
    const auto sentences = sentences_of(text);
    std::map<std::string, int> frequency;
    std::vector<std::vector<std::string>> words;
    for (const auto& s : sentences) {
        words.push_back(words_of(s));
        for (const auto& w : words.back()) ++frequency[w];
    }
    std::vector<std::pair<double, std::size_t>> scored;
    for (std::size_t i = 0; i < sentences.size(); ++i) {
        double score = 0;
        for (const auto& w : words[i]) score += frequency[w];
        scored.push_back({words[i].empty() ? 0.0 : score / static_cast<double>(words[i].size() + 4), i});
    }
    std::stable_sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    // Frequent words make repeated sentences score alike; a sentence sharing half its words with
    // one already chosen adds nothing, so the next best different one is taken instead.
    const auto overlap = [&](std::size_t a, std::size_t b) {
        std::set<std::string> wa(words[a].begin(), words[a].end()), wb(words[b].begin(), words[b].end());
        std::size_t shared = 0;
        for (const auto& w : wa) shared += wb.count(w);
        const std::size_t all = wa.size() + wb.size() - shared;
        return all == 0 ? 1.0 : static_cast<double>(shared) / static_cast<double>(all);
    };
    std::vector<std::size_t> chosen;
    for (std::size_t k = 0; k < scored.size() && chosen.size() < max_sentences; ++k) {
        const std::size_t i = scored[k].second;
        if (std::none_of(chosen.begin(), chosen.end(), [&](std::size_t c) { return overlap(i, c) >= 0.5; }))
            chosen.push_back(i);
    }
    std::sort(chosen.begin(), chosen.end());
    std::string out;
    for (std::size_t i : chosen) out += (out.empty() ? "" : " ") + sentences[i];
    return out;
}

std::optional<std::string> summary_problem(std::string_view summary) {
    return plain_text_problem(summary, kMaxSummaryChars);
}

std::optional<AnswerProblem> check_summary(std::string_view summary, const Shortlist& shortlist,
                                          const std::vector<Product>& catalog) {
    if (web_address(summary)) return AnswerProblem{AnswerFault::Link, "the summary holds a web or e-mail address"};
    if (auto problem = summary_problem(summary)) return AnswerProblem{AnswerFault::Format, "the summary " + *problem};
    if (auto problem = FactsCheck(digest_context(shortlist, catalog)).problem(summary, nullptr)) {
        problem->message = "the summary " + problem->message;
        return problem;
    }
    return std::nullopt;
}

}  // namespace bank::ai
