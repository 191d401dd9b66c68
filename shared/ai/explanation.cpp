#include "shared/ai/explanation.h"

namespace bank::ai {

std::optional<ReasonCode> parse_reason_code(std::string_view text) {
    // The codes are contiguous from 0; to_string gives "" past the last one.
    for (int i = 0; i < 64; ++i) {
        const char* name = to_string(static_cast<ReasonCode>(i));
        if (name == nullptr || *name == '\0') break;
        if (text == name) return static_cast<ReasonCode>(i);
    }
    return std::nullopt;
}

const char* reason_phrase(ReasonCode code) {
    switch (code) {
        case ReasonCode::MatchesInterests: return "it matches the interests and goals in the profile";
        case ReasonCode::StyleMatch: return "its look and feel match the profile";
        case ReasonCode::HeldTogether: return "customers with similar products often hold it too";
        case ReasonCode::PopularChoice: return "it is a popular choice with similar customers";
        case ReasonCode::FitsSpending: return "it suits the spending pattern";
        case ReasonCode::FitsLifeStage: return "it is popular with customers at the same stage of life";
        case ReasonCode::FitsBankingStyle: return "it is often chosen by customers who bank the same way";
        case ReasonCode::FitsFinances: return "it is chosen by customers in a similar financial situation";
    }
    return "it fits the profile";
}

std::string first_sentences(const std::string& text, int count) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if ((c == '.' || c == '!' || c == '?') && (i + 1 == text.size() || text[i + 1] == ' ') && --count == 0)
            return text.substr(0, i + 1);
    }
    return text;
}

std::string first_sentence(const std::string& text) { return first_sentences(text, 1); }

std::vector<Explanation> offline_explanations(const Shortlist& shortlist) {
    // The card already lists every reason; the offline words say what the product does (the
    // catalog's own first sentences) and name only the strongest reason.
    std::vector<Explanation> out;
    for (const Product* p : shortlist.products) {
        std::string text = first_sentences(p->description, 2);
        const auto it = shortlist.reasons.find(p->id);
        if (it != shortlist.reasons.end() && !it->second.empty()) {
            text += std::string(" Suggested mainly because ") + reason_phrase(it->second[0]) + ".";
        }
        out.push_back({p->id, std::move(text)});
    }
    return out;
}

}  // namespace bank::ai
