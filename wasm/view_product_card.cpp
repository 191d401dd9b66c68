#include <cstdio>

#include "browser.h"
#include "product_images.h"
#include "views.h"

namespace app {
namespace {

std::string key_facts(const bank::Product& p) {
    char buf[96];
    if (p.has_rate) {
        std::snprintf(buf, sizeof buf, "%.2f%% a year  \xC2\xB7  fee EUR %.0f a year", p.rate, p.annual_fee);
    } else {
        std::snprintf(buf, sizeof buf, "Fee EUR %.0f a year", p.annual_fee);
    }
    return buf;
}

}  // namespace

void draw_product_card(const bank::Product& p, const Fonts& fonts, float width) {
    ImGui::PushID(p.id.c_str());
    const float line = ImGui::GetTextLineHeightWithSpacing();
    ImGui::BeginChild("card", ImVec2(width, line * 9.5f), true, ImGuiWindowFlags_NoScrollbar);
    const float picture = line * 3.2f;
    if (ImTextureID texture = product_texture("/" + p.image)) {
        ImGui::Image(texture, ImVec2(picture, picture));
    } else {
        ImGui::Dummy(ImVec2(picture, picture));
    }
    ImGui::SameLine();
    ImGui::BeginGroup();
    ImGui::TextColored(palette::teal, "%s", bank::to_string(p.category));
    ImGui::PushFont(fonts.bold);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(p.name.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopFont();
    ImGui::TextColored(palette::muted, "%s", key_facts(p).c_str());
    ImGui::EndGroup();
    ImGui::Spacing();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(p.description.c_str());
    ImGui::PopTextWrapPos();
    ImGui::SetCursorPosY(ImGui::GetWindowHeight() - ImGui::GetFrameHeightWithSpacing() - 8);
    if (primary_button("View and apply")) open_link(p.link);
    ImGui::EndChild();
    ImGui::PopID();
}

}  // namespace app
