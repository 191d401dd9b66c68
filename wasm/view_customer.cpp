#include <algorithm>

#include "views.h"

namespace app {

void draw_customer_view(AppState& state, const Fonts& fonts) {
    const float gap = ImGui::GetStyle().ItemSpacing.x * 2;
    const float total = ImGui::GetContentRegionAvail().x;
    const float side = std::clamp(total * 0.28f, 260.0f, 380.0f);

    ImGui::BeginChild("profile", ImVec2(side, 0), true);
    if (state.profile) draw_profile_panel(*state.profile, fonts);
    ImGui::EndChild();

    ImGui::SameLine(0, gap);
    ImGui::BeginChild("products", ImVec2(0, 0), false);
    ImGui::PushFont(fonts.title);
    ImGui::TextUnformatted("Products for you");
    ImGui::PopFont();
    ImGui::TextColored(palette::muted, "%zu products in the Northwind Bank catalog", state.catalog.size());
    ImGui::Spacing();

    // A responsive grid: as many cards per row as fit at a readable width.
    const float width = ImGui::GetContentRegionAvail().x;
    const float min_card = 300.0f * ImGui::GetIO().FontGlobalScale;
    const int columns = std::max(1, static_cast<int>(width / min_card));
    const float card_w = (width - gap * (columns - 1)) / columns;
    for (std::size_t i = 0; i < state.catalog.size(); ++i) {
        if (i % columns != 0) ImGui::SameLine(0, gap);
        draw_product_card(state.catalog[i], fonts, card_w);
    }
    ImGui::EndChild();
}

}  // namespace app
