// Northwind Bank's look: colours, fonts and spacing in one place, scaled for high-DPI screens.
#pragma once

#include <imgui.h>

namespace app {

struct Fonts {
    ImFont* body = nullptr;
    ImFont* bold = nullptr;
    ImFont* title = nullptr;
};

// The current theme's colours; apply_theme switches them between light and dark.
namespace palette {
inline ImVec4 navy{0.043f, 0.176f, 0.357f, 1.0f};       // brand primary
inline ImVec4 teal{0.000f, 0.502f, 0.502f, 1.0f};       // positive / match
inline ImVec4 page{0.961f, 0.969f, 0.980f, 1.0f};       // page background
inline ImVec4 card{1.0f, 1.0f, 1.0f, 1.0f};
inline ImVec4 text{0.106f, 0.133f, 0.176f, 1.0f};
inline ImVec4 muted{0.376f, 0.420f, 0.478f, 1.0f};
inline ImVec4 danger{0.698f, 0.133f, 0.133f, 1.0f};
inline ImVec4 border{0.85f, 0.87f, 0.90f, 1.0f};
inline ImVec4 accent{0.043f, 0.176f, 0.357f, 1.0f};     // emphasis text: navy, light blue when dark
}  // namespace palette

// Loads the embedded Noto Sans at the given scale and styles ImGui for it, light or dark.
Fonts apply_theme(float ui_scale, bool dark);

}  // namespace app
