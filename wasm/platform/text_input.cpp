#include "wasm/platform/browser.h"

#include <emscripten.h>
#define GLFW_INCLUDE_ES3
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>

#include <algorithm>
#include <deque>
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

// Keys and typed characters as they came, given to ImGui a frame at a time (feed_keys).
struct KeyEvent {
    int key = 0, scancode = 0, action = 0, mods = 0;
    unsigned int character = 0;  // a typed character instead of a key, when not 0
};

struct KeyQueue {
    GLFWwindow* window = nullptr;
    std::deque<KeyEvent> waiting;
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

void on_key(GLFWwindow*, int key, int scancode, int action, int mods) {
    g_keys.waiting.push_back({key, scancode, action, mods, 0});
}

void on_character(GLFWwindow*, unsigned int character) { g_keys.waiting.push_back({0, 0, 0, 0, character}); }

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

void install_key_queue(GLFWwindow* window) {
    g_keys.window = window;
    // These replace the backend's callbacks, which feed_keys calls.
    glfwSetKeyCallback(window, on_key);
    glfwSetCharCallback(window, on_character);
    js_keys_from_canvas_only();
}

void feed_keys() {
    std::vector<int> pressed;  // in this frame: their release waits for the next
    while (!g_keys.waiting.empty()) {
        KeyEvent e = g_keys.waiting.front();
        if (e.character != 0) {
            ImGui_ImplGlfw_CharCallback(g_keys.window, e.character);
        } else {
            const bool press = e.action != GLFW_RELEASE;
            if (press && !pressed.empty()) break;
            e.key = as_navigation_key(e.key, e.action);  // here: what the keys before it did counts
            if (!press && std::find(pressed.begin(), pressed.end(), e.key) != pressed.end()) break;
            ImGui_ImplGlfw_KeyCallback(g_keys.window, e.key, e.scancode, e.action, e.mods);
            if (press) pressed.push_back(e.key);
        }
        g_keys.waiting.pop_front();
    }
    if (!g_keys.waiting.empty()) request_frames();
}

void sync_text_input(bool wanted) {
    static bool last = false;
    if (wanted == last) return;
    last = wanted;
    js_want_text_input(wanted ? 1 : 0);
}

}  // namespace app
