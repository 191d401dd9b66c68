#include "text_input.h"

#include <emscripten.h>
#include <imgui.h>

#include <string>

namespace {

std::string& pasted_text() {
    static std::string text;
    return text;
}

EM_JS(void, js_copy_text, (const char* text), {
    const t = UTF8ToString(text);
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(t).catch(() => {});
});
EM_JS(void, js_want_text_input, (int wanted), {
    if (window.bankShell) window.bankShell.wantTextInput(!!wanted);
});

void set_clipboard(void*, const char* text) { js_copy_text(text); }
const char* get_clipboard(void*) { return pasted_text().c_str(); }

}  // namespace

// Text typed into the hidden input (phones, IMEs); the page already filters out what GLFW saw.
extern "C" EMSCRIPTEN_KEEPALIVE void app_text_input(const char* utf8) {
    if (ImGui::GetCurrentContext()) ImGui::GetIO().AddInputCharactersUTF8(utf8);
}
// The browser's paste event carries the clipboard; ImGui reads it on the Ctrl+V it handles next.
extern "C" EMSCRIPTEN_KEEPALIVE void app_paste(const char* utf8) { pasted_text() = utf8; }

namespace app {

void install_clipboard() {
    ImGuiIO& io = ImGui::GetIO();
    io.SetClipboardTextFn = set_clipboard;
    io.GetClipboardTextFn = get_clipboard;
}

void sync_text_input(bool wanted) {
    static bool last = false;
    if (wanted == last) return;
    last = wanted;
    js_want_text_input(wanted ? 1 : 0);
}

}  // namespace app
