#include <algorithm>
#include <cmath>
#include <map>

#include "wasm/flows/dom_mirror.h"
#include "wasm/flows/user_actions.h"
#include "wasm/platform/browser.h"
#include "wasm/views/views.h"

namespace app {
namespace {

std::map<std::string, CanvasRect>& frame_controls() {
    static std::map<std::string, CanvasRect> controls;
    return controls;
}

// Publishes where this frame drew the noted controls, in whole CSS pixels, when they moved.
void publish_controls(AppState& state) {
    const float scale = static_cast<float>(device_pixel_ratio());
    std::map<std::string, CanvasRect> controls;
    for (const auto& [name, r] : frame_controls()) {
        controls[name] = {std::round(r.x / scale), std::round(r.y / scale), std::round(r.width / scale),
                          std::round(r.height / scale)};
    }
    frame_controls().clear();
    if (controls == state.card_controls) return;
    state.card_controls = std::move(controls);
    publish_state_soon(state);
}

}  // namespace

void note_control(const std::string& name) {
    const ImVec2 min = ImGui::GetItemRectMin();
    const ImVec2 size = ImGui::GetItemRectSize();
    frame_controls()[name] = {min.x, min.y, size.x, size.y};
}

void draw_undo_toast(AppState& state) {
    if (!state.pending_decline) return;
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    const float margin = ImGui::GetFontSize() * 1.5f;
    ImGui::SetNextWindowPos(ImVec2(viewport->Pos.x + viewport->Size.x * 0.5f, viewport->Pos.y + viewport->Size.y - margin),
                            ImGuiCond_Always, ImVec2(0.5f, 1.0f));
    ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0), ImVec2(viewport->Size.x - 2 * margin, viewport->Size.y));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, palette::navy);
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, ImGui::GetStyle().ChildRounding);
    ImGui::Begin("##undo", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoMove);
    // On a phone the words wrap beside the button rather than run off the screen.
    const ImGuiStyle& style = ImGui::GetStyle();
    const float undo_w = ImGui::CalcTextSize("Undo").x + style.FramePadding.x * 2 + style.ItemSpacing.x;
    const float text_w = std::min(viewport->Size.x - 2 * margin - 2 * style.WindowPadding.x - undo_w,
                                  ImGui::GetFontSize() * 30.0f);
    const std::string words = "Removed " + state.pending_decline->product_name + " from your list.";
    ImGui::AlignTextToFramePadding();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + std::min(text_w, ImGui::CalcTextSize(words.c_str()).x + 1.0f));
    ImGui::TextWrapped("%s", words.c_str());
    ImGui::PopTextWrapPos();
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(1, 1, 1, 0.18f));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(1, 1, 1, 0.28f));
    const bool undo = ImGui::Button("Undo");
    note_control("undo");
    ImGui::PopStyleColor(2);
    ImGui::End();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor(2);
    if (undo) undo_not_for_me(state);
}

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
    draw_undo_toast(state);
    publish_controls(state);
}

}  // namespace app
