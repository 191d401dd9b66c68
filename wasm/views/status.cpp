#include "wasm/views/views.h"

namespace app {

// Never a blank screen: while starting, loading, signed out or failed, say so in the middle.
void draw_status_screen(const AppState& state, const Fonts& fonts) {
    const char* headline = "Connecting...";
    ImVec4 colour = palette::text;
    switch (state.phase) {
        case Phase::Starting: headline = "Connecting to your bank"; break;
        case Phase::Loading: headline = "Preparing your recommendations"; break;
        case Phase::SignedOut: headline = "Please sign in"; break;
        case Phase::Failed: headline = "Something went wrong"; colour = palette::danger; break;
        case Phase::Ready: return;
    }
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + avail.y * 0.3f);
    ImGui::PushFont(fonts.title);
    const float w = ImGui::CalcTextSize(headline).x;
    ImGui::SetCursorPosX((ImGui::GetWindowWidth() - w) * 0.5f);
    ImGui::TextColored(colour, "%s", headline);
    ImGui::PopFont();
    if (!state.status.empty()) {
        const float wrap = ImGui::GetWindowWidth() * 0.6f;
        const float tw = std::min(ImGui::CalcTextSize(state.status.c_str()).x, wrap);
        ImGui::SetCursorPosX((ImGui::GetWindowWidth() - tw) * 0.5f);
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrap);
        ImGui::TextColored(palette::muted, "%s", state.status.c_str());
        ImGui::PopTextWrapPos();
    }
}

}  // namespace app
