#include "theme.h"

namespace app {

Fonts apply_theme(float ui_scale) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    Fonts fonts;
    // Fonts are rasterized at device pixels so text stays sharp on high-DPI screens.
    fonts.body = io.Fonts->AddFontFromFileTTF("/fonts/NotoSans-Regular.ttf", 16.0f * ui_scale);
    fonts.bold = io.Fonts->AddFontFromFileTTF("/fonts/NotoSans-Bold.ttf", 16.0f * ui_scale);
    fonts.title = io.Fonts->AddFontFromFileTTF("/fonts/NotoSans-Bold.ttf", 22.0f * ui_scale);
    if (!fonts.body) fonts.body = io.Fonts->AddFontDefault();
    if (!fonts.bold) fonts.bold = fonts.body;
    if (!fonts.title) fonts.title = fonts.bold;

    ImGuiStyle style;
    ImGui::StyleColorsLight(&style);
    style.WindowRounding = 0.0f;
    style.ChildRounding = 10.0f;
    style.FrameRounding = 6.0f;
    style.GrabRounding = 6.0f;
    style.WindowPadding = ImVec2(20, 16);
    style.FramePadding = ImVec2(12, 6);
    style.ItemSpacing = ImVec2(10, 8);
    style.ChildBorderSize = 1.0f;
    style.WindowBorderSize = 0.0f;
    style.ScrollbarSize = 12.0f;
    ImVec4* c = style.Colors;
    c[ImGuiCol_WindowBg] = palette::page;
    c[ImGuiCol_ChildBg] = palette::card;
    c[ImGuiCol_Text] = palette::text;
    c[ImGuiCol_TextDisabled] = palette::muted;
    c[ImGuiCol_Border] = ImVec4(0.85f, 0.87f, 0.90f, 1.0f);
    c[ImGuiCol_Button] = palette::navy;
    c[ImGuiCol_ButtonHovered] = ImVec4(0.10f, 0.28f, 0.52f, 1.0f);
    c[ImGuiCol_ButtonActive] = ImVec4(0.02f, 0.12f, 0.28f, 1.0f);
    c[ImGuiCol_Header] = ImVec4(0.88f, 0.92f, 0.97f, 1.0f);
    c[ImGuiCol_HeaderHovered] = ImVec4(0.82f, 0.88f, 0.96f, 1.0f);
    c[ImGuiCol_PlotHistogram] = palette::teal;
    c[ImGuiCol_FrameBg] = ImVec4(0.93f, 0.94f, 0.96f, 1.0f);
    style.ScaleAllSizes(ui_scale);
    ImGui::GetStyle() = style;
    return fonts;
}

}  // namespace app
