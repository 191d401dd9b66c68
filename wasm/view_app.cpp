#include "views.h"

namespace app {

bool primary_button(const char* label) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
    const bool pressed = ImGui::Button(label);
    ImGui::PopStyleColor();
    return pressed;
}

void draw_app(AppState& state, const Fonts& fonts) {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->Pos);
    ImGui::SetNextWindowSize(viewport->Size);
    ImGui::Begin("Northwind Bank", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoSavedSettings);
    draw_top_bar(state, fonts);
    if (state.phase != Phase::Ready) {
        draw_status_screen(state, fonts);
    } else if (state.user.role == bank::Role::Customer) {
        draw_customer_view(state, fonts);
    } else {
        draw_banker_view(state, fonts);
    }
    ImGui::End();
}

}  // namespace app
