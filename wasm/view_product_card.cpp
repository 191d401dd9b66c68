#include <algorithm>
#include <cstdio>

#include "browser.h"
#include "card_frame.h"
#include "labels.h"
#include "product_images.h"
#include "views.h"

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

}  // namespace

void draw_recommendation_card(const bank::Product& p, const bank::Recommendation& rec, float match,
                              const Fonts& fonts, float width, const CardActions& actions) {
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
    ImGui::Spacing();
    if (primary_button("View and apply")) open_link(p.link);
    if (actions.on_feedback) {
        ImGui::SameLine();
        if (ImGui::Button("Interested")) actions.on_feedback(p.id, "interested");
        ImGui::SameLine();
        if (ImGui::Button("Not for me")) actions.on_feedback(p.id, "not_for_me");
    }
    end_card();
    ImGui::PopID();
}

}  // namespace app
