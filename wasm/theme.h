// Northwind Bank's look: colours, fonts and spacing in one place, scaled for high-DPI screens.
#pragma once

#include <imgui.h>

namespace app {

struct Fonts {
    ImFont* body = nullptr;
    ImFont* bold = nullptr;
    ImFont* title = nullptr;
};

namespace palette {
inline const ImVec4 navy{0.043f, 0.176f, 0.357f, 1.0f};       // brand primary
inline const ImVec4 teal{0.000f, 0.502f, 0.502f, 1.0f};       // positive / match
inline const ImVec4 page{0.961f, 0.969f, 0.980f, 1.0f};       // page background
inline const ImVec4 card{1.0f, 1.0f, 1.0f, 1.0f};
inline const ImVec4 text{0.106f, 0.133f, 0.176f, 1.0f};
inline const ImVec4 muted{0.376f, 0.420f, 0.478f, 1.0f};
inline const ImVec4 danger{0.698f, 0.133f, 0.133f, 1.0f};
}  // namespace palette

// Loads the embedded Noto Sans at the given scale and styles ImGui for it.
Fonts apply_theme(float ui_scale);

}  // namespace app
