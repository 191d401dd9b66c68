#include <algorithm>
#include <cmath>

#include "wasm/labels.h"
#include "wasm/views/views.h"

namespace app {
namespace {

// How well a product fits relative to the top pick, as a bar: the ratio of the learned
// likelihoods, or for the hybrid (which adds log-likelihood ratios) exp(score - best).
float relative_fit(const bank::Recommendation& rec, const bank::Recommendation& best) {
    if (rec.likelihood >= 0 && best.likelihood > 0) return std::clamp(rec.likelihood / best.likelihood, 0.05f, 1.0f);
    return std::clamp(std::exp(rec.score - best.score), 0.05f, 1.0f);
}

void draw_exclusions(const bank::RankingResult& ranking, const Fonts& fonts) {
    if (ranking.exclusions.empty()) return;
    ImGui::Spacing();
    ImGui::PushFont(fonts.bold);
    ImGui::TextUnformatted("Why not these?");
    ImGui::PopFont();
    for (const bank::Exclusion& e : ranking.exclusions) {
        ImGui::Bullet();
        ImGui::TextWrapped("%s", e.text.c_str());
    }
}

// Which text matcher the ranking used: the on-device model, its progress, or why not.
void draw_model_line(const ModelUse& models) {
    ImGui::PushTextWrapPos(0.0f);
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
            // Plain words on screen; the technical reason on hover and in the accessible mirror.
            ImGui::TextColored(palette::muted, "Interests are matched by keywords: the on-device language model "
                                               "is not available.");
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", models.note.c_str());
            break;
    }
    ImGui::PopTextWrapPos();
}

// The digest: a few sentences over the whole shortlist, from the summarizer or extracted offline.
void draw_digest(const AiInsight& insight, const Fonts& fonts) {
    if (insight.digest_progress == Progress::Idle) return;
    ImGui::PushFont(fonts.bold);
    ImGui::TextUnformatted("In short");
    ImGui::PopFont();
    ImGui::PushTextWrapPos(0.0f);
    if (insight.digest_progress == Progress::Loading) {
        ImGui::TextColored(palette::muted, "Summarising your shortlist...");
    } else if (insight.digest_progress == Progress::Failed) {
        ImGui::TextColored(palette::muted, "The summary is not available right now.");
    } else {
        ImGui::TextWrapped("%s", insight.digest.c_str());
        ImGui::TextColored(palette::muted, "%s", provider_label(insight.digest_provider).c_str());
    }
    if (!insight.note.empty()) ImGui::TextColored(palette::muted, "Note: %s", insight.note.c_str());
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
}

}  // namespace

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
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(palette::muted, "Ranked privately on this device from %s.",
                       signals_in_words(ranking.signals_used, state.user.role == bank::Role::Banker).c_str());
    ImGui::PopTextWrapPos();
    draw_model_line(state.models);
    if (state.images.stage == ModelUse::Stage::Active) {
        ImGui::TextColored(palette::muted, "%s.", state.images.note.c_str());  // "Picture matching (CLIP) ..."
    }
    if (ranking.recommendations.empty()) {
        ImGui::Spacing();
        ImGui::TextWrapped("%s", ranking.note.empty() ? "No product fits right now." : ranking.note.c_str());
        draw_exclusions(ranking, fonts);
        return;
    }
    ImGui::Spacing();
    draw_digest(who.insight, fonts);
    const float gap = ImGui::GetStyle().ItemSpacing.x * 2;
    const float width = ImGui::GetContentRegionAvail().x;
    const float min_card = 340.0f * ImGui::GetIO().FontGlobalScale * (ImGui::GetFontSize() / 16.0f);
    const int columns = std::clamp(static_cast<int>((width + gap) / (min_card + gap)), 1, 3);
    const float card_w = (width - gap * (columns - 1)) / columns;
    const bank::Recommendation& best = ranking.recommendations.front();
    for (std::size_t i = 0; i < ranking.recommendations.size(); ++i) {
        const bank::Recommendation& rec = ranking.recommendations[i];
        if (i % columns != 0) ImGui::SameLine(0, gap);
        else if (i > 0) ImGui::Spacing();
        draw_recommendation_card(state.catalog[rec.product_index], rec, relative_fit(rec, best), who,
                                 fonts, card_w, actions);
    }
    draw_exclusions(ranking, fonts);
}

}  // namespace app
