#include "shared/ranking/reasons.h"

#include <algorithm>
#include <optional>

#include "shared/ranking/product_words.h"

namespace bank {

namespace {

std::string lower(std::string s) {
    for (char& ch : s) {
        if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    }
    return s;
}

}  // namespace

Reason voiced(ReasonCode code, float contribution, std::string yours, std::string theirs, bool personal) {
    return Reason{code, contribution, std::move(yours), std::move(theirs), personal};
}

const std::string& reason_text(const Reason& reason, Voice voice) {
    return voice == Voice::Banker && !reason.banker_text.empty() ? reason.banker_text : reason.text;
}

std::string join_two(const std::vector<std::string>& items) {
    if (items.size() == 1) return items[0];
    return items[0] + " and " + items[1];
}

std::vector<std::string> matched_interests(const Customer& c, const Product& p) {
    std::string text = lower(p.name + " " + p.description);
    for (const std::string& f : p.features) text += " " + lower(f);
    std::vector<std::string> found;
    for (const std::string& interest : c.interests) {
        const std::string lowered = lower(interest);
        std::size_t start = 0;
        while (start < lowered.size() && found.size() < 2) {
            std::size_t end = lowered.find(' ', start);
            if (end == std::string::npos) end = lowered.size();
            const std::string word = lowered.substr(start, end - start);
            if (word.size() >= 4 &&
                text.find(word.substr(0, std::min<std::size_t>(5, word.size()))) != std::string::npos) {
                found.push_back(lowered);
                break;
            }
            start = end + 1;
        }
    }
    return found;
}

namespace {

Reason semantic_reason(const ReasonInput& in, int p, float lead) {
    const auto interests = matched_interests(*in.customer, in.catalog->products[p]);
    if (!interests.empty()) {
        return voiced(ReasonCode::MatchesInterests, lead, "Matches your interest in " + join_two(interests),
                      "Matches their interest in " + join_two(interests));
    }
    return voiced(ReasonCode::MatchesInterests, lead, "Close to your interests and goals",
                  "Close to their interests and goals");
}

Reason co_ownership_reason(const ReasonInput& in, int p, float lead) {
    const int with = strongest_co_owned(*in.model, in.features->held, p);
    if (with >= 0) {
        const std::string& name = in.catalog->products[with].name;
        return voiced(ReasonCode::HeldTogether, lead, "Often held together with your " + name,
                      "Often held together with their " + name);
    }
    if (in.features->held.empty()) {
        return voiced(ReasonCode::PopularChoice, lead, "One of our most popular products",
                      "One of our most popular products", false);
    }
    return voiced(ReasonCode::PopularChoice, lead, "Popular with customers like you",
                  "Popular with customers like them", false);
}

// Only categories whose spending bears on the product (product_words.h): car insurance is never
// "suits your spending on mortgage payment". None such: no spending reason.
std::optional<Reason> spending_reason(const ReasonInput& in, int p, float lead) {
    const HolderProfiles& hp = in.model->spending;
    const Product& product = in.catalog->products[p];
    std::vector<std::pair<float, std::size_t>> terms;
    for (std::size_t k = 0; k < hp.features; ++k) {
        if (in.features->spending.values[k] > 0) terms.push_back({hp.term(in.features->spending, p, k), k});
    }
    std::sort(terms.begin(), terms.end(), [](const auto& a, const auto& b) {
        return a.first > b.first || (a.first == b.first && a.second < b.second);
    });
    std::vector<std::string> names;
    for (const auto& [term, k] : terms) {
        const std::string& category = in.model->merchant_categories[k];
        if (term > 0 && names.size() < 2 && spending_bears_on(category, product)) names.push_back(lower(category));
    }
    if (names.empty()) return std::nullopt;
    return voiced(ReasonCode::FitsSpending, lead, "Suits your spending on " + join_two(names),
                  "Suits their spending on " + join_two(names));
}

Reason context_reason(const ReasonInput& in, int p, float lead) {
    const HolderProfiles& hp = in.model->context;
    float life_stage = 0, style = 0, finances = 0;
    for (std::size_t k = 0; k < hp.features; ++k) {
        const float term = hp.term(in.features->context, p, k);
        if (k < kContextEngagement) {
            life_stage += term;
        } else if (k < kContextIncome) {
            style += term;
        } else {
            finances += term;
        }
    }
    if (life_stage >= style && life_stage >= finances) {
        return voiced(ReasonCode::FitsLifeStage, lead, "Popular with customers at your stage of life",
                      "Popular with customers at their stage of life");
    }
    if (finances >= style) {
        return voiced(ReasonCode::FitsFinances, lead, "Chosen by customers in a financial situation like yours",
                      "Chosen by customers in a financial situation like theirs");
    }
    return voiced(ReasonCode::FitsBankingStyle, lead, "Often chosen by customers who bank the way you do",
                  "Often chosen by customers who bank the way they do");
}

}  // namespace

const char* to_string(ReasonCode code) {
    switch (code) {
        case ReasonCode::MatchesInterests:
            return "matches-interests";
        case ReasonCode::StyleMatch:
            return "style-match";
        case ReasonCode::HeldTogether:
            return "held-together";
        case ReasonCode::PopularChoice:
            return "popular-choice";
        case ReasonCode::FitsSpending:
            return "fits-spending";
        case ReasonCode::FitsLifeStage:
            return "fits-life-stage";
        case ReasonCode::FitsBankingStyle:
            return "fits-banking-style";
        case ReasonCode::FitsFinances:
            return "fits-finances";
    }
    return "";
}

std::array<float, kSignalCount> candidate_means(const SignalTable& table,
                                                const std::vector<unsigned char>& candidate) {
    std::array<float, kSignalCount> mean{};
    std::size_t count = 0;
    for (std::size_t p = 0; p < table.products; ++p) {
        if (!candidate[p]) continue;
        ++count;
        for (std::size_t s = 0; s < kSignalCount; ++s) mean[s] += table.at(p, static_cast<Signal>(s));
    }
    for (float& m : mean) m = count > 0 ? m / static_cast<float>(count) : 0.0f;
    return mean;
}

std::vector<Reason> reasons_for(const ReasonInput& in, int p, std::size_t most) {
    std::vector<Reason> all;
    for (std::size_t s = 0; s < kSignalCount; ++s) {
        const Signal signal = static_cast<Signal>(s);
        if (signal == Signal::Semantic && !in.signals->semantic_available) continue;
        if (signal == Signal::Image && !in.signals->image_available) continue;
        const float weight = signal_weight(*in.weights, signal);
        if (weight <= 0) continue;
        const float lead = weight * (in.signals->at(p, signal) - in.candidate_mean[s]);
        switch (signal) {
            case Signal::Semantic:
                all.push_back(semantic_reason(in, p, lead));
                break;
            case Signal::Image:
                all.push_back(voiced(ReasonCode::StyleMatch, lead, "Its look matches your profile",
                                     "Its look matches their profile"));
                break;
            case Signal::CoOwnership:
                all.push_back(co_ownership_reason(in, p, lead));
                break;
            case Signal::Spending:
                if (auto r = spending_reason(in, p, lead)) all.push_back(std::move(*r));
                break;
            case Signal::Context:
                all.push_back(context_reason(in, p, lead));
                break;
        }
    }
    std::stable_sort(all.begin(), all.end(),
                     [](const Reason& a, const Reason& b) { return a.contribution > b.contribution; });
    std::vector<Reason> chosen;
    for (const Reason& r : all) {
        if (chosen.size() < most && (r.contribution > 0 || chosen.empty())) chosen.push_back(r);
    }
    return chosen;
}

}  // namespace bank
