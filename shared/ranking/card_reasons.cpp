#include "shared/ranking/card_reasons.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "shared/ranking/product_words.h"
#include "shared/text/word_list.h"

namespace bank {

namespace {

Reason customers_like_you() {
    return voiced(ReasonCode::PopularChoice, 0, "Often chosen by customers like you", "Often chosen by customers like them",
                  false);
}

std::string first_lower(std::string s) {
    // "Often ..." reads on inside a sentence as "often ...", but a product name keeps its case.
    if (s.size() > 1 && std::isupper(static_cast<unsigned char>(s[0])) && std::islower(static_cast<unsigned char>(s[1])))
        s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
    return s;
}

}  // namespace

void vary_reasons_across_cards(std::vector<Recommendation>& shortlist, std::size_t most) {
    std::set<std::string> given;
    for (Recommendation& rec : shortlist) {
        std::stable_partition(rec.reasons.begin(), rec.reasons.end(), [](const Reason& r) { return r.personal; });
        std::vector<Reason> kept;
        for (Reason& r : rec.reasons) {
            if (kept.size() == most || given.count(r.text)) continue;
            kept.push_back(std::move(r));
        }
        if (kept.empty()) kept.push_back(customers_like_you());
        for (const Reason& r : kept) given.insert(r.text);
        // Said once per card is enough; the fallback may repeat, as it claims nothing about anyone.
        given.erase(customers_like_you().text);
        rec.reasons = std::move(kept);
    }
}

std::vector<Reason> honest_about_children(const Product& product, const std::vector<CategorySpend>* spending,
                                          std::vector<Reason> reasons) {
    if (!is_for_children(product)) return reasons;
    if (!spends_on_childcare(spending)) {
        const char* whom = "For parents and grandparents saving for a child";
        return {voiced(ReasonCode::FitsLifeStage, 0, whom, whom, false)};
    }
    const float strongest = reasons.empty() ? 0.0f : reasons.front().contribution;
    reasons.insert(reasons.begin(), voiced(ReasonCode::FitsLifeStage, strongest, "For your children: you spend on childcare",
                                           "For their children: they spend on childcare"));
    return reasons;
}

const Reason* headline(const Recommendation& rec) {
    return !rec.reasons.empty() && rec.reasons.front().personal ? &rec.reasons.front() : nullptr;
}

std::string shortlist_in_short(const std::vector<Recommendation>& shortlist, Voice voice) {
    constexpr std::size_t kNamed = 3;
    const std::size_t shown = std::min(shortlist.size(), kNamed);
    if (shown == 0) return "";
    std::string text = voice == Voice::Banker ? "First on their list: " : "First on your list: ";
    std::vector<std::string> named;
    for (std::size_t i = 0; i < shown; ++i) {
        named.push_back(shortlist[i].product_name);
        if (const Reason* h = headline(shortlist[i])) named.back() += " (" + first_lower(reason_text(*h, voice)) + ")";
    }
    text += word_list(named) + ".";
    if (shortlist.size() > shown) {
        text += " " + std::to_string(shortlist.size() - shown) + " more below, each with " +
                (voice == Voice::Banker ? "its reasons." : "its reasons for you.");
    }
    return text;
}

}  // namespace bank
