#include <algorithm>

#include "views.h"

namespace app {

void draw_customer_view(AppState& state, const Fonts& fonts) {
    const float gap = ImGui::GetStyle().ItemSpacing.x * 2;
    const float total = ImGui::GetContentRegionAvail().x;
    const float side = std::clamp(total * 0.28f, 260.0f, 380.0f);

    ImGui::BeginChild("profile", ImVec2(side, 0), true);
    if (state.profile) draw_profile_panel(*state.profile, state, fonts);
    ImGui::EndChild();

    ImGui::SameLine(0, gap);
    ImGui::BeginChild("products", ImVec2(0, 0), false);
    ImGui::PushFont(fonts.title);
    ImGui::TextUnformatted("Your best next products");
    ImGui::PopFont();
    if (state.profile) draw_recommendations(*state.profile, state, fonts, CardActions{});
    ImGui::EndChild();
}

}  // namespace app
