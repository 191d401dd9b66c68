#include <algorithm>
#include <cstdio>

#include "wasm/labels.h"
#include "wasm/platform/browser.h"
#include "wasm/views/card_frame.h"
#include "wasm/views/views.h"

namespace app {
namespace {

void product_header(const bank::Product& p, const Fonts& fonts) {
    const float picture = ImGui::GetTextLineHeightWithSpacing() * 3.4f;
    if (ImTextureID texture = product_texture("/" + p.image)) {
        ImGui::Image(texture, ImVec2(picture, picture));
    } else {
        ImGui::Dummy(ImVec2(picture, picture));
    }
    ImGui::SameLine();
    ImGui::BeginGroup();
    ImGui::TextColored(palette::teal, "%s", category_label(p.category));
    ImGui::PushFont(fonts.bold);
    ImGui::TextWrapped("%s", p.name.c_str());
    ImGui::PopFont();
    ImGui::TextColored(palette::muted, "%s", key_facts(p).c_str());
    ImGui::EndGroup();
}

void match_bar(float match) {
    char label[32];
    std::snprintf(label, sizeof label, "%.0f%% match", match * 100.0f);
    ImGui::PushStyleColor(ImGuiCol_PlotHistogram, palette::teal);
    ImGui::ProgressBar(match, ImVec2(0.0f, ImGui::GetTextLineHeight() * 0.45f), "");
    ImGui::PopStyleColor();
    ImGui::TextColored(palette::muted, "%s", label);
}

// The AI's words for this product, under the ranker's reasons: a loading line until they arrive,
// and who wrote them, so a customer never mistakes a template for a person or a model.
void explanation(const bank::Product& p, const AiInsight& insight, const Fonts& fonts) {
    if (insight.explanations_progress == Progress::Idle) return;
    // Only the top six are explained (one AI call per customer): the rest show their reasons.
    if (insight.explanations_progress == Progress::Ready && !insight.explanations.count(p.id)) return;
    ImGui::Spacing();
    ImGui::PushFont(fonts.bold);
    ImGui::TextUnformatted("In plain words");
    ImGui::PopFont();
    if (insight.explanations_progress == Progress::Loading) {
        ImGui::TextColored(palette::muted, "Writing a personal explanation...");
        return;
    }
    auto it = insight.explanations.find(p.id);
    if (insight.explanations_progress == Progress::Failed || it == insight.explanations.end()) {
        ImGui::TextColored(palette::muted, "No explanation is available right now.");
        return;
    }
    ImGui::TextWrapped("%s", it->second.c_str());
    ImGui::TextColored(palette::muted, "%s", provider_label(insight.explanations_provider).c_str());
}

// More places to apply, when asked for: each link names its site so the customer sees where
// they are going before they click.
void apply_links(const bank::Product& p, const AiInsight& insight, const CardActions& actions) {
    auto it = insight.links.find(p.id);
    if (it == insight.links.end() || it->second.progress == Progress::Idle) {
        if (actions.on_more_links && secondary_button("More ways to apply")) actions.on_more_links(p.id);
        return;
    }
    const ApplyLinks& links = it->second;
    if (links.progress == Progress::Loading) {
        ImGui::TextColored(palette::muted, "Looking for links...");
        return;
    }
    if (links.progress == Progress::Failed) {
        ImGui::TextColored(palette::muted, "No further links right now; use View and apply.");
        return;
    }
    for (std::size_t i = 0; i < links.links.size() && i < 4; ++i) {
        const bank::ai::ProductLink& l = links.links[i];
        ImGui::PushID(static_cast<int>(i));
        ImGui::PushStyleColor(ImGuiCol_Text, palette::teal);
        if (ImGui::Selectable(l.title.c_str())) open_link(l.link);
        ImGui::PopStyleColor();
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", l.link.c_str());
        if (!l.display_link.empty()) ImGui::TextColored(palette::muted, "%s", l.display_link.c_str());
        ImGui::PopID();
    }
}

}  // namespace

void draw_recommendation_card(const bank::Product& p, const bank::Recommendation& rec, float match,
                              const RankedCustomer& who, const Fonts& fonts, float width,
                              const CardActions& actions) {
    ImGui::PushID(p.id.c_str());
    begin_card(width);
    product_header(p, fonts);
    ImGui::Spacing();
    match_bar(match);
    ImGui::Spacing();
    ImGui::PushFont(fonts.bold);
    ImGui::TextUnformatted("Why we suggest it");
    ImGui::PopFont();
    for (const bank::Reason& reason : rec.reasons) {
        ImGui::Bullet();
        ImGui::TextWrapped("%s", reason.text.c_str());
    }
    explanation(p, who.insight, fonts);
    ImGui::Spacing();
    if (primary_button("View and apply")) open_link(p.link);
    auto given = who.feedback.find(p.id);
    for (const auto& [label, event] : actions.feedback) {
        ImGui::SameLine();
        const bool chosen = given != who.feedback.end() && given->second == event;
        bool pressed = false;
        if (chosen) {
            // The event already recorded shows as selected (teal), like a pressed toggle.
            ImGui::PushStyleColor(ImGuiCol_Button, palette::teal);
            pressed = primary_button(label);
            ImGui::PopStyleColor();
        } else {
            pressed = secondary_button(label);
        }
        if (pressed && actions.on_feedback) actions.on_feedback(p.id, event);
    }
    apply_links(p, who.insight, actions);
    end_card();
    ImGui::PopID();
}

}  // namespace app
