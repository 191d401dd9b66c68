#include <algorithm>
#include <cstdio>

#include "shared/ai/explanation.h"
#include "shared/ranking/card_reasons.h"
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

// The one score: the model's likelihood in words, or nothing for the hybrid (order only; the
// "How this works" sheet says why).
void likelihood_line(const bank::Recommendation& rec, bank::Voice voice, const Fonts& fonts) {
    const std::string words = likelihood_words(rec.likelihood, voice);
    if (words.empty()) return;
    ImGui::PushFont(fonts.bold);
    ImGui::TextColored(palette::teal, "%s", words.c_str());
    ImGui::PopFont();
}

// The card's headline (its strongest personal reason) in bold, the others as bullets; a card
// with no personal reason shows what it has in plain text, without a headline.
void reasons(const bank::Recommendation& rec, bank::Voice voice, const Fonts& fonts) {
    const bank::Reason* headline = bank::headline(rec);
    for (const bank::Reason& reason : rec.reasons) {
        const std::string& text = bank::reason_text(reason, voice);
        if (&reason == headline) {
            ImGui::PushFont(fonts.bold);
            ImGui::TextWrapped("%s", text.c_str());
            ImGui::PopFont();
        } else {
            ImGui::Bullet();
            ImGui::TextWrapped("%s", text.c_str());
        }
    }
}

// The AI's words for this product. Without an AI provider the text is the catalog's own account
// of the product, and the heading says so ("About this product"), not "In plain words".
void explanation(const bank::Product& p, const AiInsight& insight, const Fonts& fonts) {
    if (insight.explanations_progress == Progress::Idle) return;
    // Only the top six are explained (one AI call per customer): the rest show their reasons.
    if (insight.explanations_progress == Progress::Ready && !insight.explanations.count(p.id)) return;
    const bool offline = insight.explanations_provider == "offline";
    ImGui::Spacing();
    ImGui::PushFont(fonts.bold);
    ImGui::TextUnformatted(offline ? "About this product" : "In plain words");
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
    if (!offline) ImGui::TextColored(palette::muted, "%s", provider_label(insight.explanations_provider).c_str());
}

// More places to apply, when asked for: each link names its site so the customer sees where
// they are going before they click. The official page is the card's main button, never repeated.
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
    if (links.progress == Progress::Failed || links.links.empty()) {
        ImGui::TextColored(palette::muted, "No other place to apply: the product page above is the one.");
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

// A recorded event shows as selected (teal), like a pressed toggle.
bool feedback_button(const char* label, bool chosen, bool main) {
    if (!chosen) return main ? primary_button(label) : secondary_button(label);
    ImGui::PushStyleColor(ImGuiCol_Button, palette::teal);
    const bool pressed = primary_button(label);
    ImGui::PopStyleColor();
    return pressed;
}

// The customer's main action is to look at the product and apply; the banker's is to record
// that they offered it ("Mark offered"), with the product page one click away.
void card_buttons(const bank::Product& p, const RankedCustomer& who, const CardActions& actions, bank::Voice voice) {
    const bool banker = voice == bank::Voice::Banker;
    auto given = who.feedback.find(p.id);
    bool first = true;
    if (!banker) {
        if (primary_button("View and apply")) open_link(p.link);
        first = false;
    }
    for (std::size_t i = 0; i < actions.feedback.size(); ++i) {
        const auto& [label, event] = actions.feedback[i];
        if (!first) ImGui::SameLine();
        first = false;
        const bool chosen = given != who.feedback.end() && given->second == event;
        const bool pressed = feedback_button(label, chosen, banker && i == 0);
        if (!banker && std::string(event) == "not_for_me") note_control(std::string("not-for-me:") + p.id);
        if (pressed && actions.on_feedback) actions.on_feedback(p.id, event);
    }
    if (banker) {
        ImGui::SameLine();
        if (secondary_button("Product page")) open_link(p.link);
    }
}

}  // namespace

void draw_recommendation_card(const bank::Product& p, const bank::Recommendation& rec, const RankedCustomer& who,
                              const Fonts& fonts, float width, const CardActions& actions, bank::Voice voice) {
    ImGui::PushID(p.id.c_str());
    begin_card(width);
    product_header(p, fonts);
    ImGui::Spacing();
    if (!rec.moved_for_interest.empty()) {
        ImGui::TextColored(palette::accent, "Moved up for %s interest in %s", voice == bank::Voice::Banker ? "their" : "your",
                           rec.moved_for_interest.c_str());
    }
    likelihood_line(rec, voice, fonts);
    ImGui::Spacing();
    reasons(rec, voice, fonts);
    explanation(p, who.insight, fonts);
    ImGui::Spacing();
    card_buttons(p, who, actions, voice);
    apply_links(p, who.insight, actions);
    end_card();
    ImGui::PopID();
}

}  // namespace app
