// Entry point of the browser app: GLFW window on the page's canvas, Dear ImGui, and the frame loop.
#include <emscripten.h>
#define GLFW_INCLUDE_ES3
#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>
#include <cstdint>
#include <string>

#include "app_state.h"
#include "browser.h"
#include "dom_mirror.h"
#include "model_flow.h"
#include "ranking_flow.h"
#include "ai_flow.h"
#include "session_flow.h"
#include "text_input.h"
#include "theme.h"
#include "user_actions.h"
#include "views.h"
#include "wheel_input.h"

namespace {

struct Frame {
    GLFWwindow* window = nullptr;
    app::AppState state;
    app::Fonts fonts;
    float ui_scale = 1.0f;
    bool dark = false;  // the theme the fonts and colours were last built for
};
Frame* g_frame = nullptr;

// The canvas is sized by CSS; its backing store follows it at device-pixel resolution so text is
// sharp on high-DPI screens, and the whole UI scales with devicePixelRatio.
void fit_canvas(Frame& f) {
    double css_w = 0, css_h = 0;
    app::canvas_css_size(css_w, css_h);
    const float dpr = static_cast<float>(app::device_pixel_ratio());
    const int want_w = static_cast<int>(std::lround(css_w * dpr));
    const int want_h = static_cast<int>(std::lround(css_h * dpr));
    int w = 0, h = 0;
    glfwGetWindowSize(f.window, &w, &h);
    if (want_w > 0 && want_h > 0 && (w != want_w || h != want_h)) glfwSetWindowSize(f.window, want_w, want_h);
    if (std::fabs(dpr - f.ui_scale) > 0.01f || f.dark != f.state.dark) {
        if (f.dark != f.state.dark) app::publish_state(f.state);
        f.ui_scale = dpr;
        f.dark = f.state.dark;
        f.fonts = app::apply_theme(dpr, f.dark);
        app::set_page_theme(f.dark);
        // The backend recreates only its shaders on its own; the new atlas needs a new texture.
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ImGui_ImplOpenGL3_CreateFontsTexture();
    }
}

// CPU time of the last frames (our C++ and ImGui's draw-list building, not the GPU), for the
// benchmark in tests/e2e/bench_ui.mjs; a ring of the last 600 frames.
struct FrameTimes {
    std::array<double, 600> ms{};
    std::size_t count = 0;
    void add(double v) { ms[count++ % ms.size()] = v; }
} g_frame_times;

void frame_loop() {
    const double started = emscripten_get_now();
    Frame& f = *g_frame;
    fit_canvas(f);
    app::continue_book_ranking(f.state);
    app::continue_models(f.state);
    glfwPollEvents();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    app::draw_app(f.state, f.fonts);
    ImGui::Render();
    app::sync_text_input(ImGui::GetIO().WantTextInput);
    app::release_held_keys();
    int fb_w = 0, fb_h = 0;
    glfwGetFramebufferSize(f.window, &fb_w, &fb_h);
    glViewport(0, 0, fb_w, fb_h);
    glClearColor(app::palette::page.x, app::palette::page.y, app::palette::page.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    g_frame_times.add(emscripten_get_now() - started);
}

}  // namespace

// The page calls these: its sign-in form, the demo chooser, and the accessible mirror's buttons,
// which do exactly what the canvas buttons do (web/shell.js).
extern "C" {
EMSCRIPTEN_KEEPALIVE void app_on_signed_in() {
    if (g_frame) app::on_signed_in(g_frame->state);
}
EMSCRIPTEN_KEEPALIVE void app_start_demo(int banker) {
    if (g_frame) app::start_demo(g_frame->state, banker ? bank::Role::Banker : bank::Role::Customer);
}
EMSCRIPTEN_KEEPALIVE void app_feedback(double customer_id, const char* product_id, const char* event) {
    if (!g_frame) return;
    // Only the events the proxy knows; the string must outlive the async request.
    for (const char* known : {"interested", "not_for_me", "offered", "accepted"}) {
        if (std::string(event) == known)
            app::give_feedback(g_frame->state, static_cast<std::int64_t>(customer_id), product_id, known);
    }
}
EMSCRIPTEN_KEEPALIVE void app_more_links(double customer_id, const char* product_id) {
    if (g_frame) app::more_links(g_frame->state, static_cast<std::int64_t>(customer_id), product_id);
}
EMSCRIPTEN_KEEPALIVE void app_open_customer(double customer_id) {
    if (g_frame) app::look_up_customer(g_frame->state, static_cast<std::int64_t>(customer_id));
}
EMSCRIPTEN_KEEPALIVE void app_export_next_best_actions() {
    if (g_frame && g_frame->state.book_ranked == static_cast<int>(g_frame->state.book.size()))
        app::export_next_best_actions(g_frame->state);
}
EMSCRIPTEN_KEEPALIVE void app_set_interests(const char* comma_separated) {
    if (g_frame) app::set_session_interests(g_frame->state, comma_separated);
}
EMSCRIPTEN_KEEPALIVE void app_set_dark_theme(int dark) {
    if (g_frame) g_frame->state.dark = dark != 0;
}
// The p-th percentile (0-100) of the recorded frame times in ms, after clearing if `reset`.
EMSCRIPTEN_KEEPALIVE double app_frame_time_percentile(double p, int reset) {
    if (reset) {
        g_frame_times.count = 0;
        return 0;
    }
    const std::size_t n = std::min(g_frame_times.count, g_frame_times.ms.size());
    if (n == 0) return 0;
    std::vector<double> sorted(g_frame_times.ms.begin(), g_frame_times.ms.begin() + static_cast<long>(n));
    std::sort(sorted.begin(), sorted.end());
    return sorted[std::min(n - 1, static_cast<std::size_t>(p / 100.0 * static_cast<double>(n)))];
}
EMSCRIPTEN_KEEPALIVE void app_sign_out() {
    if (g_frame) app::sign_out(g_frame->state);
}
}

int main() {
    if (!glfwInit()) return 1;
    glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    static Frame frame;
    g_frame = &frame;
    frame.window = glfwCreateWindow(1280, 800, "Northwind Bank", nullptr, nullptr);
    if (!frame.window) return 1;
    glfwMakeContextCurrent(frame.window);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;  // nothing about the user is written to browser storage
    ImGui::GetIO().ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    frame.ui_scale = static_cast<float>(app::device_pixel_ratio());
    frame.state.dark = frame.dark = app::prefers_dark_theme();
    frame.fonts = app::apply_theme(frame.ui_scale, frame.dark);
    app::set_page_theme(frame.dark);
    ImGui_ImplGlfw_InitForOpenGL(frame.window, true);
    ImGui_ImplOpenGL3_Init("#version 300 es");
    app::install_clipboard();  // after the GLFW backend, which installs its own
    app::install_key_hold(frame.window);
    app::install_wheel_fix(frame.window);

    app::start_session(frame.state);
    emscripten_set_main_loop(frame_loop, 0, false);
    return 0;
}
