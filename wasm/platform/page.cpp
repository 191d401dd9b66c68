#include "wasm/platform/browser.h"

#include <emscripten.h>
#include <emscripten/html5.h>

namespace {

EM_JS(void, js_show_sign_in, (int visible, const char* message), {
    if (window.bankShell) window.bankShell.showSignIn(!!visible, UTF8ToString(message));
});
EM_JS(void, js_offer_demo_page, (), {
    if (window.bankShell) window.bankShell.offerDemo();
});
EM_JS(void, js_show_server_unreachable, (), {
    if (window.bankShell) window.bankShell.showUnreachable();
});
EM_JS(void, js_sign_out_page, (), {
    if (window.bankShell) window.bankShell.signedOut();
});
EM_JS(void, js_open_link, (const char* url), {
    const u = UTF8ToString(url);
    if (u.startsWith('https://')) window.open(u, '_blank', 'noopener,noreferrer');
});
// The page parses the text itself: it merges the book's changes into its own copy (web/shell.js).
// Decoded by its length: UTF8ToString would first look for the terminating NUL byte by byte, in JS,
// through the megabytes a book just ranked publishes.
EM_JS(void, js_publish_mirror, (const char* json, int length), {
    if (!window.bankShell) return;
    Module.mirrorDecoder = Module.mirrorDecoder || new TextDecoder();
    window.bankShell.updateMirror(Module.mirrorDecoder.decode(HEAPU8.subarray(json, json + length)));
});

EM_JS(void, js_download_text, (const char* name, const char* mime, const char* content), {
    const blob = new Blob([UTF8ToString(content)], {type : UTF8ToString(mime)});
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = UTF8ToString(name);
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
});
// Emscripten's own resize (what glfwSetWindowSize does for any other size): it sets the drawing
// buffer and tells GLFW through its resize listener, which updates the window and calls back.
EM_JS(void, js_resize_canvas, (int width, int height), { Browser.setCanvasSize(width, height); });
EM_JS(int, js_prefers_dark, (), {
    return window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches ? 1 : 0;
});
EM_JS(void, js_set_page_theme, (int dark), {
    document.documentElement.dataset.theme = dark ? 'dark' : 'light';
});

}  // namespace

namespace app {

void show_sign_in(bool visible, const std::string& message) { js_show_sign_in(visible, message.c_str()); }
void sign_out_page() { js_sign_out_page(); }
void offer_demo_page() { js_offer_demo_page(); }
void show_server_unreachable() { js_show_server_unreachable(); }
void open_link(const std::string& https_url) { js_open_link(https_url.c_str()); }
void publish_mirror(const std::string& json) {
    js_publish_mirror(json.data(), static_cast<int>(json.size()));
    request_frames();  // what is published is what the canvas shows next
}
void download_text(const std::string& file_name, const std::string& mime, const std::string& content) {
    js_download_text(file_name.c_str(), mime.c_str(), content.c_str());
}
bool prefers_dark_theme() { return js_prefers_dark() != 0; }
void set_page_theme(bool dark) { js_set_page_theme(dark ? 1 : 0); }
double device_pixel_ratio() { return emscripten_get_device_pixel_ratio(); }
void resize_canvas(int width, int height) { js_resize_canvas(width, height); }
void canvas_css_size(double& width, double& height) {
    emscripten_get_element_css_size("#canvas", &width, &height);
}

}  // namespace app
