#include <algorithm>

#include "views.h"

namespace app {

void draw_banker_view(AppState& state, const Fonts& fonts) {
    const float gap = ImGui::GetStyle().ItemSpacing.x * 2;
    const float side = std::clamp(ImGui::GetContentRegionAvail().x * 0.38f, 320.0f, 520.0f);

    ImGui::BeginChild("book", ImVec2(side, 0), true);
    ImGui::PushFont(fonts.title);
    ImGui::TextUnformatted("Your customers");
    ImGui::PopFont();
    ImGui::TextColored(palette::muted, "%zu customers assigned to you", state.book.size());
    if (ImGui::BeginTable("book_table", 3,
                          ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY)) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn("Customer");
        ImGui::TableSetupColumn("Occupation");
        ImGui::TableSetupColumn("Products");
        ImGui::TableHeadersRow();
        for (int i = 0; i < static_cast<int>(state.book.size()); ++i) {
            const bank::Customer& c = state.book[i];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::PushID(i);
            if (ImGui::Selectable(c.name.c_str(), state.selected_customer == i,
                                  ImGuiSelectableFlags_SpanAllColumns)) {
                state.selected_customer = i;
            }
            ImGui::PopID();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(c.occupation.c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%zu", c.products_held.size());
        }
        ImGui::EndTable();
    }
    ImGui::EndChild();

    ImGui::SameLine(0, gap);
    ImGui::BeginChild("detail", ImVec2(0, 0), true);
    if (state.selected_customer >= 0 && state.selected_customer < static_cast<int>(state.book.size())) {
        draw_profile_panel(state.book[state.selected_customer], fonts);
    } else {
        ImGui::TextColored(palette::muted, "Select a customer to see their profile and best next products.");
    }
    ImGui::EndChild();
}

}  // namespace app
