#include "wasm/platform/browser.h"

#include <emscripten.h>
#define GLFW_INCLUDE_ES3
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>

#include <algorithm>
#include <string>
#include <vector>

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

struct KeyHold {
    GLFWwindow* window = nullptr;
    std::vector<int> pressed_this_frame;
    std::vector<int> release_after_frame;
} g_keys;

// Emscripten's GLFW listens for keys on the whole window and cancels Tab and Backspace wherever
// the focus is: Tab could never leave a field, let alone the canvas, and Backspace did nothing in
// the page's own fields. The app takes keys only while the canvas (or the hidden input that edits
// its text) has the focus, and never Tab, which moves the focus on as everywhere else. A key held
// while the focus leaves is released for the app.
EM_JS(void, js_keys_from_canvas_only, (), {
    const targets = [ Module['canvas'], document.getElementById('text-input') ].filter(Boolean);
    const listeners = {keydown : GLFW.onKeydown, keypress : GLFW.onKeyPress, keyup : GLFW.onKeyup};
    for (const type of Object.keys(listeners)) {
        const listener = listeners[type];
        window.removeEventListener(type, listener, true);
        const unlessTab = (e) => {
            if (e.key !== 'Tab') listener(e);
        };
        for (const target of targets) target.addEventListener(type, unlessTab);
    }
    for (const target of targets) target.addEventListener('blur', GLFW.onBlur);
});

// ImGui 1.86 presses the focused button with Space only; people expect Enter to press it too.
// While no text field is being edited, Enter reaches ImGui as Space; in a field it stays Enter.
int as_navigation_key(int key, int action) {
    static bool enter_as_space = false;
    if (key != GLFW_KEY_ENTER && key != GLFW_KEY_KP_ENTER) return key;
    if (action == GLFW_PRESS) enter_as_space = !ImGui::GetIO().WantTextInput;
    return enter_as_space ? GLFW_KEY_SPACE : key;
}

void on_key(GLFWwindow* window, int key, int scancode, int action, int mods) {
    key = as_navigation_key(key, action);
    auto& pressed = g_keys.pressed_this_frame;
    if (action == GLFW_RELEASE && std::find(pressed.begin(), pressed.end(), key) != pressed.end()) {
        g_keys.release_after_frame.push_back(key);
        return;
    }
    ImGui_ImplGlfw_KeyCallback(window, key, scancode, action, mods);
    if (action == GLFW_PRESS) pressed.push_back(key);
}

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

void install_key_hold(GLFWwindow* window) {
    g_keys.window = window;
    glfwSetKeyCallback(window, on_key);  // replaces the backend's, which on_key calls
    js_keys_from_canvas_only();
}

void release_held_keys() {
    for (int key : g_keys.release_after_frame) ImGui_ImplGlfw_KeyCallback(g_keys.window, key, 0, GLFW_RELEASE, 0);
    g_keys.release_after_frame.clear();
    g_keys.pressed_this_frame.clear();
}

void sync_text_input(bool wanted) {
    static bool last = false;
    if (wanted == last) return;
    last = wanted;
    js_want_text_input(wanted ? 1 : 0);
}

}  // namespace app
