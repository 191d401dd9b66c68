#include "shared/text/added_tokens.h"

namespace bank::text {

void AddedTokens::PatternSet::add(std::u32string text, std::int32_t id) {
    if (first_chars.find(text.front()) == std::u32string::npos) first_chars += text.front();
    patterns.push_back({std::move(text), id});
}

void AddedTokens::add(std::u32string content, std::int32_t id, bool matched_after_normalizer,
                      std::u32string normalized_content) {
    exact_.push_back({content, id});
    if (matched_after_normalizer) {
        exact_.push_back({normalized_content, id});
        if (!normalized_content.empty()) normalized_.add(std::move(normalized_content), id);
    } else if (!content.empty()) {
        raw_.add(std::move(content), id);
    }
}

void AddedTokens::split(std::u32string_view text, bool after_normalizer,
                        std::vector<Section>& out) const {
    const PatternSet& set = after_normalizer ? normalized_ : raw_;
    if (set.patterns.empty()) {
        if (!text.empty()) out.push_back({text, -1});
        return;
    }
    std::size_t start = 0;  // first character not yet emitted
    std::size_t i = text.find_first_of(set.first_chars);
    while (i < text.size()) {
        const Pattern* best = nullptr;
        for (const Pattern& p : set.patterns) {
            if (text.compare(i, p.text.size(), p.text) == 0 &&
                (best == nullptr || p.text.size() > best->text.size())) {
                best = &p;
            }
        }
        if (best == nullptr) {
            i = text.find_first_of(set.first_chars, i + 1);
            continue;
        }
        if (i > start) out.push_back({text.substr(start, i - start), -1});
        out.push_back({text.substr(i, best->text.size()), best->id});
        start = i + best->text.size();
        i = text.find_first_of(set.first_chars, start);
    }
    if (start < text.size()) out.push_back({text.substr(start), -1});
}

std::int32_t AddedTokens::exact(std::u32string_view text) const {
    // Later definitions win, as in transformers.js's added_tokens_map.
    for (auto p = exact_.rbegin(); p != exact_.rend(); ++p) {
        if (p->text == text) return p->id;
    }
    return -1;
}

}  // namespace bank::text
