#include "wasm/views/theme.h"

namespace app {

namespace {

// Both themes keep the brand navy bar; dark mode lifts buttons and teal so they keep a 4.5:1
// contrast on the dark cards (WCAG AA for body text).
void set_palette(bool dark) {
    if (dark) {
        palette::teal = ImVec4(0.20f, 0.72f, 0.68f, 1.0f);
        palette::page = ImVec4(0.059f, 0.090f, 0.133f, 1.0f);
        palette::card = ImVec4(0.102f, 0.141f, 0.196f, 1.0f);
        palette::text = ImVec4(0.902f, 0.922f, 0.949f, 1.0f);
        palette::muted = ImVec4(0.640f, 0.690f, 0.760f, 1.0f);
        palette::danger = ImVec4(1.0f, 0.45f, 0.45f, 1.0f);
        palette::border = ImVec4(0.22f, 0.27f, 0.34f, 1.0f);
        palette::accent = ImVec4(0.60f, 0.76f, 0.98f, 1.0f);
    } else {
        palette::teal = ImVec4(0.000f, 0.502f, 0.502f, 1.0f);
        palette::page = ImVec4(0.961f, 0.969f, 0.980f, 1.0f);
        palette::card = ImVec4(1.0f, 1.0f, 1.0f, 1.0f);
        palette::text = ImVec4(0.106f, 0.133f, 0.176f, 1.0f);
        palette::muted = ImVec4(0.376f, 0.420f, 0.478f, 1.0f);
        palette::danger = ImVec4(0.698f, 0.133f, 0.133f, 1.0f);
        palette::border = ImVec4(0.85f, 0.87f, 0.90f, 1.0f);
        palette::accent = palette::navy;
    }
}

}  // namespace

Fonts apply_theme(float ui_scale, bool dark) {
    set_palette(dark);
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    Fonts fonts;
    // Fonts are rasterized at device pixels so text stays sharp on high-DPI screens.
    // Latin with its accents (customer names), typographic punctuation and the euro sign.
    static const ImWchar glyphs[] = {0x0020, 0x024F, 0x2013, 0x2014, 0x2018, 0x201E, 0x2022, 0x2022,
                                     0x2026, 0x2026, 0x20AC, 0x20AC, 0};
    fonts.body = io.Fonts->AddFontFromFileTTF("/fonts/NotoSans-Regular.ttf", 16.0f * ui_scale, nullptr, glyphs);
    fonts.bold = io.Fonts->AddFontFromFileTTF("/fonts/NotoSans-Bold.ttf", 16.0f * ui_scale, nullptr, glyphs);
    fonts.title = io.Fonts->AddFontFromFileTTF("/fonts/NotoSans-Bold.ttf", 22.0f * ui_scale, nullptr, glyphs);
    if (!fonts.body) fonts.body = io.Fonts->AddFontDefault();
    if (!fonts.bold) fonts.bold = fonts.body;
    if (!fonts.title) fonts.title = fonts.bold;

    ImGuiStyle style;
    if (dark) ImGui::StyleColorsDark(&style); else ImGui::StyleColorsLight(&style);
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
    c[ImGuiCol_Border] = palette::border;
    c[ImGuiCol_Button] = dark ? ImVec4(0.16f, 0.36f, 0.62f, 1.0f) : palette::navy;
    c[ImGuiCol_ButtonHovered] = dark ? ImVec4(0.22f, 0.44f, 0.72f, 1.0f) : ImVec4(0.10f, 0.28f, 0.52f, 1.0f);
    c[ImGuiCol_ButtonActive] = dark ? ImVec4(0.12f, 0.30f, 0.54f, 1.0f) : ImVec4(0.02f, 0.12f, 0.28f, 1.0f);
    c[ImGuiCol_Header] = dark ? ImVec4(0.16f, 0.24f, 0.34f, 1.0f) : ImVec4(0.88f, 0.92f, 0.97f, 1.0f);
    c[ImGuiCol_HeaderHovered] = dark ? ImVec4(0.20f, 0.30f, 0.42f, 1.0f) : ImVec4(0.82f, 0.88f, 0.96f, 1.0f);
    c[ImGuiCol_HeaderActive] = c[ImGuiCol_HeaderHovered];
    c[ImGuiCol_PlotHistogram] = palette::teal;
    c[ImGuiCol_FrameBg] = dark ? ImVec4(0.14f, 0.19f, 0.26f, 1.0f) : ImVec4(0.93f, 0.94f, 0.96f, 1.0f);
    c[ImGuiCol_TableHeaderBg] = dark ? ImVec4(0.13f, 0.18f, 0.25f, 1.0f) : ImVec4(0.92f, 0.94f, 0.97f, 1.0f);
    c[ImGuiCol_TableRowBgAlt] = dark ? ImVec4(1, 1, 1, 0.03f) : ImVec4(0, 0, 0, 0.025f);
    c[ImGuiCol_PopupBg] = palette::card;
    // Keyboard users must see where they are on the canvas: a strong focus ring, not ImGui's faint one.
    c[ImGuiCol_NavHighlight] = dark ? ImVec4(1.0f, 0.80f, 0.30f, 1.0f) : ImVec4(0.85f, 0.35f, 0.0f, 1.0f);
    style.ScaleAllSizes(ui_scale);
    ImGui::GetStyle() = style;
    return fonts;
}

}  // namespace app
