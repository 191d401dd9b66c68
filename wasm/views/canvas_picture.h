// Whether a frame would draw the picture the canvas already shows. ImGui lays out every frame the
// loop runs (it must: it settles over a few frames after each event), but most of those frames
// draw what the last one drew. Drawing it again is what costs a thin client most: WebGL runs in
// software there, and the page's thread waits while the browser reads the canvas back to
// composite it (GLES2::ReadPixels, 20-90 ms a frame under SwiftShader, BENCHMARKS.md). A canvas
// not drawn to in a frame keeps showing its last picture.
#pragma once

#include <imgui.h>

#include <vector>

namespace app {

class CanvasPicture {
public:
    // True when this draw data, at this framebuffer size over this background colour, is byte for
    // byte what was drawn last: the frame need not be drawn. Else it is remembered as drawn.
    bool unchanged(const ImDrawData& draw_data, int framebuffer_width, int framebuffer_height, const ImVec4& background);
    // The canvas's picture depends on something the draw data does not show (a texture rebuilt
    // under the same name): the next frame is drawn.
    void forget() { drawn_.clear(); }

private:
    std::vector<unsigned char> drawn_, next_;
};

}  // namespace app
