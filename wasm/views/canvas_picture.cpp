#include "wasm/views/canvas_picture.h"

namespace app {
namespace {

template <class T>
void put(std::vector<unsigned char>& out, const T& value) {
    const auto* bytes = reinterpret_cast<const unsigned char*>(&value);
    out.insert(out.end(), bytes, bytes + sizeof value);
}

template <class T>
void put_buffer(std::vector<unsigned char>& out, const ImVector<T>& buffer) {
    put(out, buffer.Size);
    const auto* bytes = reinterpret_cast<const unsigned char*>(buffer.Data);
    out.insert(out.end(), bytes, bytes + sizeof(T) * static_cast<std::size_t>(buffer.Size));
}

}  // namespace

bool CanvasPicture::unchanged(const ImDrawData& d, int framebuffer_width, int framebuffer_height,
                              const ImVec4& background) {
    // Everything the OpenGL3 backend reads to draw (imgui_impl_opengl3.cpp RenderDrawData), field
    // by field: ImDrawCmd has padding, whose bytes are not the picture.
    next_.clear();
    put(next_, framebuffer_width);
    put(next_, framebuffer_height);
    put(next_, background);
    put(next_, d.DisplayPos);
    put(next_, d.DisplaySize);
    put(next_, d.FramebufferScale);
    put(next_, d.CmdListsCount);
    for (int n = 0; n < d.CmdListsCount; ++n) {
        const ImDrawList& list = *d.CmdLists[n];
        put_buffer(next_, list.VtxBuffer);
        put_buffer(next_, list.IdxBuffer);
        put(next_, list.CmdBuffer.Size);
        for (const ImDrawCmd& cmd : list.CmdBuffer) {
            put(next_, cmd.ClipRect);
            put(next_, cmd.TextureId);
            put(next_, cmd.VtxOffset);
            put(next_, cmd.IdxOffset);
            put(next_, cmd.ElemCount);
            put(next_, cmd.UserCallback);
            put(next_, cmd.UserCallbackData);
        }
    }
    if (next_ == drawn_) return true;
    drawn_.swap(next_);
    return false;
}

}  // namespace app
