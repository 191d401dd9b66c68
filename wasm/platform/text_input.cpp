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

void on_key(GLFWwindow* window, int key, int scancode, int action, int mods) {
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
