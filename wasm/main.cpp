// Entry point of the browser app: GLFW window on the page's canvas, Dear ImGui, and the frame loop.
#include <emscripten.h>
#define GLFW_INCLUDE_ES3
#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <cmath>

#include "app_state.h"
#include "browser.h"
#include "ranking_flow.h"
#include "session_flow.h"
#include "theme.h"
#include "views.h"

namespace {

struct Frame {
    GLFWwindow* window = nullptr;
    app::AppState state;
    app::Fonts fonts;
    float ui_scale = 1.0f;
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
    if (std::fabs(dpr - f.ui_scale) > 0.01f) {
        f.ui_scale = dpr;
        f.fonts = app::apply_theme(dpr);
        ImGui_ImplOpenGL3_DestroyFontsTexture();
    }
}

void frame_loop() {
    Frame& f = *g_frame;
    fit_canvas(f);
    app::continue_book_ranking(f.state);
    glfwPollEvents();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    app::draw_app(f.state, f.fonts);
    ImGui::Render();
    int fb_w = 0, fb_h = 0;
    glfwGetFramebufferSize(f.window, &fb_w, &fb_h);
    glViewport(0, 0, fb_w, fb_h);
    glClearColor(app::palette::page.x, app::palette::page.y, app::palette::page.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

}  // namespace

// Called by the page when its sign-in form has succeeded.
extern "C" EMSCRIPTEN_KEEPALIVE void app_on_signed_in() {
    if (g_frame) app::on_signed_in(g_frame->state);
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
    frame.fonts = app::apply_theme(frame.ui_scale);
    ImGui_ImplGlfw_InitForOpenGL(frame.window, true);
    ImGui_ImplOpenGL3_Init("#version 300 es");

    app::start_session(frame.state);
    emscripten_set_main_loop(frame_loop, 0, false);
    return 0;
}
