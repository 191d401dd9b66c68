#include "wasm/views/views.h"

namespace app {

bool primary_button(const char* label) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
    const bool pressed = ImGui::Button(label);
    ImGui::PopStyleColor();
    return pressed;
}

bool secondary_button(const char* label) {
    ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_FrameBg));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImGui::GetStyleColorVec4(ImGuiCol_HeaderHovered));
    ImGui::PushStyleColor(ImGuiCol_Text, palette::text);
    const bool pressed = ImGui::Button(label);
    ImGui::PopStyleColor(3);
    return pressed;
}

void draw_notice(const AppState& state) {
    if (state.notice.empty()) return;
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(state.notice_problem ? palette::danger : palette::teal, "%s", state.notice.c_str());
    ImGui::PopTextWrapPos();
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
