#include "wasm/flows/session_flow.h"
#include "wasm/views/views.h"

namespace app {

void draw_top_bar(AppState& state, const Fonts& fonts) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetWindowPos();
    const float height = ImGui::GetFontSize() * 3.2f;
    const ImVec2 bar_end(origin.x + ImGui::GetWindowWidth(), origin.y + height);
    // The window clips its contents inside its padding; the brand bar runs edge to edge.
    draw->PushClipRect(origin, bar_end, false);
    draw->AddRectFilled(origin, bar_end, ImGui::GetColorU32(palette::navy));
    draw->PopClipRect();

    ImGui::SetCursorPosY(height * 0.5f - fonts.title->FontSize * 0.5f);
    ImGui::PushFont(fonts.title);
    ImGui::TextColored(ImVec4(1, 1, 1, 1), "Northwind Bank");
    ImGui::PopFont();
    if (state.demo) {
        // Demo data must never be mistaken for a real account.
        ImGui::SameLine();
        ImGui::SetCursorPosY(height * 0.5f - ImGui::GetFrameHeight() * 0.5f);
        ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.96f, 0.62f, 0.04f, 1.0f));
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(0.96f, 0.62f, 0.04f, 1.0f));
        ImGui::PushStyleColor(ImGuiCol_ButtonActive, ImVec4(0.96f, 0.62f, 0.04f, 1.0f));
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.10f, 0.10f, 0.10f, 1.0f));
        ImGui::Button("Demo data");
        ImGui::PopStyleColor(4);
    }

    if (state.phase == Phase::Ready) {
        // A customer sees their own name; the role is the banker's, who may also be a customer.
        const std::string who = state.user.role == bank::Role::Banker
                                    ? state.user.display_name + "  \xC2\xB7  Relationship manager"
                                    : state.user.display_name;
        const char* theme = state.dark ? "Light theme" : "Dark theme";
        const float pad = ImGui::GetStyle().FramePadding.x * 2 + ImGui::GetStyle().ItemSpacing.x;
        const float sign_out_w = ImGui::CalcTextSize("Sign out").x + ImGui::CalcTextSize(theme).x + pad * 2;
        const float who_w = ImGui::CalcTextSize(who.c_str()).x;
        // On a narrow screen the name gives way to the buttons rather than overlap the brand.
        const float brand_end = ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x;
        const float right = ImGui::GetWindowWidth() - ImGui::GetStyle().WindowPadding.x - 24;
        const bool show_who = right - who_w - sign_out_w > brand_end + ImGui::GetFontSize() * 2;
        ImGui::SameLine(right - sign_out_w - (show_who ? who_w : 0.0f));
        if (show_who) {
            ImGui::SetCursorPosY(height * 0.5f - ImGui::GetFrameHeight() * 0.5f);
            ImGui::AlignTextToFramePadding();  // same baseline as the buttons beside it
            ImGui::TextColored(ImVec4(0.85f, 0.90f, 1.0f, 1.0f), "%s", who.c_str());
            ImGui::SameLine();
        }
        ImGui::SetCursorPosY(height * 0.5f - ImGui::GetFrameHeight() * 0.5f);
        ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(1, 1, 1, 0.15f));
        if (primary_button(theme)) state.dark = !state.dark;
        ImGui::SameLine();
        if (primary_button(state.demo ? "Leave demo" : "Sign out")) sign_out(state);
        ImGui::PopStyleColor();
    }
    ImGui::SetCursorPosY(height + ImGui::GetStyle().ItemSpacing.y * 2);
}

}  // namespace app
