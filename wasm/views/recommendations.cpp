#include <algorithm>

#include "wasm/labels.h"
#include "wasm/views/views.h"

namespace app {
namespace {

bank::Voice voice_of(const AppState& state) {
    return state.user.role == bank::Role::Banker ? bank::Voice::Banker : bank::Voice::Customer;
}

// Products a rule keeps out. The customer sees only what tells them nothing the bank holds about
// them (Exclusion::customer_text); the banker sees the thresholds.
void draw_exclusions(const bank::RankingResult& ranking, bank::Voice voice, const Fonts& fonts) {
    std::vector<const std::string*> lines;
    for (const bank::Exclusion& e : ranking.exclusions) {
        const std::string& text = voice == bank::Voice::Banker ? e.text : e.customer_text;
        if (!text.empty()) lines.push_back(&text);
    }
    if (lines.empty()) return;
    ImGui::Spacing();
    ImGui::PushFont(fonts.bold);
    ImGui::TextUnformatted(voice == bank::Voice::Banker ? "Not eligible now" : "Not available to you right now");
    ImGui::PopFont();
    for (const std::string* line : lines) {
        ImGui::Bullet();
        ImGui::TextWrapped("%s", line->c_str());
    }
}

// Which text matcher the ranking used: the on-device model, its progress, or why not.
void draw_model_line(const ModelUse& models) {
    switch (models.stage) {
        case ModelUse::Stage::Off: break;
        case ModelUse::Stage::Loading:
            if (models.bytes_total > 0) {
                ImGui::TextColored(palette::muted, "Loading the text-matching model: %.0f%% of %.1f MB",
                                   100.0 * models.bytes_done / models.bytes_total, models.bytes_total / 1e6);
            } else {
                ImGui::TextColored(palette::muted, "Loading the text-matching model...");
            }
            break;
        case ModelUse::Stage::Embedding: ImGui::TextColored(palette::muted, "Preparing the text-matching model..."); break;
        case ModelUse::Stage::Active:
            ImGui::TextColored(palette::muted, "%s.", models.note.c_str());  // "Text matching (MiniLM), on this device"
            break;
        case ModelUse::Stage::Fallback:
            ImGui::TextColored(palette::muted, "Interests are matched by keywords: the on-device language model "
                                               "is not available (%s).", models.note.c_str());
            break;
    }
}

// The digest: a few sentences over the whole shortlist, from the summarizer or written here
// from the cards' headlines.
void draw_digest(const AiInsight& insight, const Fonts& fonts) {
    if (insight.digest_progress == Progress::Idle) return;
    ImGui::PushFont(fonts.bold);
    ImGui::TextUnformatted("In short");
    ImGui::PopFont();
    if (insight.digest_progress == Progress::Loading) {
        ImGui::TextColored(palette::muted, "Summarising the list...");
    } else if (insight.digest_progress == Progress::Failed) {
        ImGui::TextColored(palette::muted, "The summary is not available right now.");
    } else {
        ImGui::TextWrapped("%s", insight.digest.c_str());
        if (insight.digest_provider != "device") {
            ImGui::TextColored(palette::muted, "%s", provider_label(insight.digest_provider).c_str());
        }
    }
    ImGui::Spacing();
}

bool learned(const bank::RankingResult& ranking) {
    return !ranking.recommendations.empty() && ranking.recommendations.front().likelihood >= 0;
}

}  // namespace

void draw_how_this_works(const RankedCustomer& who, const AppState& state, const Fonts& fonts) {
    if (!who.ranking) return;
    const bank::RankingResult& ranking = *who.ranking;
    const bank::Voice voice = voice_of(state);
    const bool banker = voice == bank::Voice::Banker;
    ImGui::Spacing();
    const bool open = ImGui::CollapsingHeader("How this works");
    note_control("how-this-works");
    if (!open) return;
    ImGui::PushFont(fonts.bold);
    ImGui::TextUnformatted("The percentage");
    ImGui::PopFont();
    ImGui::TextWrapped("%s", likelihood_legend(learned(ranking), voice).c_str());
    ImGui::Spacing();
    ImGui::PushFont(fonts.bold);
    ImGui::TextUnformatted("What the list is based on");
    ImGui::PopFont();
    ImGui::TextWrapped("Ranked privately on this device from %s. Nothing %s typed here leaves the device.",
                       signals_in_words(ranking.signals_used, banker).c_str(), banker ? "you" : "you have");
    ImGui::TextWrapped("Interests typed for a visit move up to %d products whose own descriptions name them, as if "
                       "they were %.0f times as likely; a product %s cannot get never moves in.",
                       static_cast<int>(bank::kMaxLiftedProducts), bank::kStatedInterestLift, banker ? "the customer" : "you");
    ImGui::TextWrapped("Each card gives its own reasons from %s data; a reason already given on a card above is not "
                       "repeated.", banker ? "the customer's" : "your");
    draw_model_line(state.models);
    if (state.images.stage == ModelUse::Stage::Active) {
        ImGui::TextColored(palette::muted, "%s.", state.images.note.c_str());  // "Picture matching (CLIP) ..."
    }
    ImGui::Spacing();
    ImGui::PushFont(fonts.bold);
    ImGui::TextUnformatted("The words on the cards");
    ImGui::PopFont();
    const AiInsight& ai = who.insight;
    if (ai.explanations_provider == "offline" || ai.explanations_provider.empty()) {
        ImGui::TextWrapped("No AI assistant is in use: \"About this product\" is the product's own description, and "
                           "\"In short\" is written on this device from the reasons on the cards.");
    } else {
        ImGui::TextWrapped("%s.", provider_label(ai.explanations_provider).c_str());
    }
    if (!ai.note.empty()) ImGui::TextColored(palette::muted, "Note: %s", ai.note.c_str());
}

void draw_recommendations(const RankedCustomer& who, const AppState& state, const Fonts& fonts,
                          const CardActions& actions) {
    if (!who.ranking_error.empty()) {
        ImGui::TextColored(palette::danger, "Recommendations could not be computed: %s", who.ranking_error.c_str());
        return;
    }
    if (!who.ranking) {
        ImGui::TextColored(palette::muted, "Ranking on this device...");
        return;
    }
    const bank::RankingResult& ranking = *who.ranking;
    const bank::Voice voice = voice_of(state);
    ImGui::PushTextWrapPos(0.0f);
    if (!ranking.interests_note.empty()) ImGui::TextColored(palette::accent, "%s", ranking.interests_note.c_str());
    if (ranking.recommendations.empty()) {
        ImGui::Spacing();
        ImGui::TextWrapped("%s", ranking.note.empty() ? "No product fits right now." : ranking.note.c_str());
        draw_exclusions(ranking, voice, fonts);
        draw_how_this_works(who, state, fonts);
        ImGui::PopTextWrapPos();
        return;
    }
    ImGui::Spacing();
    draw_digest(who.insight, fonts);
    ImGui::PopTextWrapPos();
    const float gap = ImGui::GetStyle().ItemSpacing.x * 2;
    const float width = ImGui::GetContentRegionAvail().x;
    const float min_card = 340.0f * ImGui::GetIO().FontGlobalScale * (ImGui::GetFontSize() / 16.0f);
    const int columns = std::clamp(static_cast<int>((width + gap) / (min_card + gap)), 1, 3);
    const float card_w = (width - gap * (columns - 1)) / columns;
    for (std::size_t i = 0; i < ranking.recommendations.size(); ++i) {
        const bank::Recommendation& rec = ranking.recommendations[i];
        if (i % columns != 0) ImGui::SameLine(0, gap);
        else if (i > 0) ImGui::Spacing();
        draw_recommendation_card(state.catalog[rec.product_index], rec, who, fonts, card_w, actions, voice);
    }
    ImGui::PushTextWrapPos(0.0f);
    draw_exclusions(ranking, voice, fonts);
    draw_how_this_works(who, state, fonts);
    ImGui::PopTextWrapPos();
}

}  // namespace app
