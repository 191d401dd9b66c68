#include "wasm/platform/browser.h"

#include <emscripten.h>
#include <GLES3/gl3.h>

#include <cstdint>
#include <map>

namespace {

struct ImageSlot {
    GLuint texture = 0;
    bool requested = false;
};

std::map<std::string, ImageSlot>& slots() {
    static std::map<std::string, ImageSlot> images;
    return images;
}
std::map<int, std::string>& pending() {
    static std::map<int, std::string> by_id;
    return by_id;
}

// The browser decodes the PNG (fast, native) and hands back RGBA pixels.
EM_JS(void, js_load_image, (int id, const char* url), {
    fetch(UTF8ToString(url), {credentials : 'same-origin'})
        .then((r) => { if (!r.ok) throw new Error(r.status); return r.blob(); })
        .then((blob) => createImageBitmap(blob))
        .then((bitmap) => {
            const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
            const ctx = canvas.getContext('2d');
            ctx.drawImage(bitmap, 0, 0);
            const pixels = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
            const p = _malloc(pixels.length);
            HEAPU8.set(pixels, p);
            _app_image_loaded(id, bitmap.width, bitmap.height, p);
            _free(p);
        })
        .catch(() => _app_image_loaded(id, 0, 0, 0));
});

}  // namespace

extern "C" EMSCRIPTEN_KEEPALIVE void app_image_loaded(int id, int width, int height, const std::uint8_t* rgba) {
    auto it = pending().find(id);
    if (it == pending().end()) return;
    ImageSlot& slot = slots()[it->second];
    pending().erase(it);
    app::request_frames();                           // the picture, or its placeholder for good
    if (!rgba || width <= 0 || height <= 0) return;  // stays a placeholder; the card still works
    glGenTextures(1, &slot.texture);
    glBindTexture(GL_TEXTURE_2D, slot.texture);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, rgba);
}

namespace app {

ImTextureID product_texture(const std::string& url) {
    ImageSlot& slot = slots()[url];
    if (!slot.requested) {
        static int next_id = 1;
        slot.requested = true;
        pending()[next_id] = url;
        js_load_image(next_id++, url.c_str());
    }
    return slot.texture ? reinterpret_cast<ImTextureID>(static_cast<std::uintptr_t>(slot.texture)) : nullptr;
}

}  // namespace app
