// Entry point of the browser app: GLFW window on the page's canvas, Dear ImGui, the frame loop, and
// the page's requests wired to the flows.
#define GLFW_INCLUDE_ES3
#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <cmath>
#include <cstdint>
#include <string>

#include "wasm/app_state.h"
#include "wasm/flows/book_order.h"
#include "wasm/flows/dom_mirror.h"
#include "wasm/flows/export_flow.h"
#include "wasm/flows/feedback_flow.h"
#include "wasm/flows/model_flow.h"
#include "wasm/flows/ranking_flow.h"
#include "wasm/flows/session_flow.h"
#include "wasm/flows/user_actions.h"
#include "wasm/platform/browser.h"
#include "wasm/views/canvas_picture.h"
#include "wasm/views/theme.h"
#include "wasm/views/views.h"

namespace {

struct Frame {
    GLFWwindow* window = nullptr;
    app::AppState state;
    app::Fonts fonts;
    float ui_scale = 1.0f;
    bool dark = false;  // the theme the fonts and colours were last built for
    app::CanvasPicture picture;
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
    if (want_w > 0 && want_h > 0 && (w != want_w || h != want_h)) {
        app::resize_canvas(want_w, want_h);
        f.picture.forget();  // a resized canvas is blank
    }
    if (std::fabs(dpr - f.ui_scale) > 0.01f || f.dark != f.state.dark) {
        if (f.dark != f.state.dark) app::publish_state(f.state);
        f.ui_scale = dpr;
        f.dark = f.state.dark;
        f.fonts = app::apply_theme(dpr, f.dark);
        app::set_page_theme(f.dark);
        // The backend recreates only its shaders on its own; the new atlas needs a new texture.
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ImGui_ImplOpenGL3_CreateFontsTexture();
        f.picture.forget();  // the new atlas may have the old one's texture name
    }
}

// Work that moves on every frame whether or not the user does anything.
bool work_in_progress(const app::AppState& state) {
    using Stage = app::ModelUse::Stage;
    auto loading = [](Stage s) { return s == Stage::Loading || s == Stage::Embedding; };
    // A book ranked by the workers draws when their batches arrive, not every frame (ranking_flow.h);
    // the sign-in's answers likewise, each as it comes (nothing on the loading screen moves).
    return app::book_ranking_needs_frames(state) || loading(state.models.stage) || loading(state.images.stage);
}

bool frame_loop() {
    Frame& f = *g_frame;
    fit_canvas(f);
    app::continue_book_ranking(f.state);
    app::continue_models(f.state);
    glfwPollEvents();
    app::feed_keys();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    app::draw_app(f.state, f.fonts);
    ImGui::Render();
    app::sync_text_input(ImGui::GetIO().WantTextInput);
    int fb_w = 0, fb_h = 0;
    glfwGetFramebufferSize(f.window, &fb_w, &fb_h);
    if (!f.picture.unchanged(*ImGui::GetDrawData(), fb_w, fb_h, app::palette::page)) {
        glViewport(0, 0, fb_w, fb_h);
        glClearColor(app::palette::page.x, app::palette::page.y, app::palette::page.z, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        app::count_frame_drawn();
    }
    return work_in_progress(f.state);
}

// The page's requests (web/shell.js) do exactly what the canvas buttons do.
void wire_page_requests() {
    app::PageRequests r;
    r.signed_in = [] { app::on_signed_in(g_frame->state); };
    r.start_demo = [](bool banker) {
        app::start_demo(g_frame->state, banker ? bank::Role::Banker : bank::Role::Customer);
    };
    r.feedback = [](std::int64_t customer_id, const char* product_id, const char* event) {
        // Only the events the proxy knows; the string must outlive the async request.
        for (const char* known : {"interested", "not_for_me", "offered", "accepted"}) {
            if (std::string(event) == known) app::give_feedback(g_frame->state, customer_id, product_id, known);
        }
    };
    r.more_links = [](std::int64_t customer_id, const char* product_id) {
        app::more_links(g_frame->state, customer_id, product_id);
    };
    r.open_customer = [](std::int64_t customer_id) { app::look_up_customer(g_frame->state, customer_id); };
    r.export_next_best_actions = [] {
        app::AppState& state = g_frame->state;
        if (state.book_ranked == static_cast<int>(state.book.size())) app::export_next_best_actions(state);
    };
    r.set_interests = [](const char* interests) { app::set_session_interests(g_frame->state, interests); };
    r.set_dark_theme = [](bool dark) { g_frame->state.dark = dark; };
    r.sign_out = [] { app::sign_out(g_frame->state); };
    r.undo_decline = [] { app::undo_decline(g_frame->state); };
    r.sort_book = [](const char* sort, bool descending) {
        if (const auto by = app::book_sort_named(sort)) app::sort_book(g_frame->state, *by, descending);
    };
    r.toggle_segment = [](const char* segment) { app::toggle_segment(g_frame->state, segment); };
    r.clear_segments = [] { app::clear_segments(g_frame->state); };
    r.publish_whole_state = [] { app::publish_whole_state(g_frame->state); };
    app::listen_to_page(r);
    app::on_session_ended([] { app::session_ended(g_frame->state); });
}

}  // namespace

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
    // A steady caret: a blinking one needs frames for as long as a field has focus, and blinking
    // content is hard on some readers (WCAG 2.2.2).
    ImGui::GetIO().ConfigInputTextCursorBlink = false;
    frame.ui_scale = static_cast<float>(app::device_pixel_ratio());
    frame.state.dark = frame.dark = app::prefers_dark_theme();
    frame.fonts = app::apply_theme(frame.ui_scale, frame.dark);
    app::set_page_theme(frame.dark);
    ImGui_ImplGlfw_InitForOpenGL(frame.window, true);
    ImGui_ImplOpenGL3_Init("#version 300 es");
    app::install_clipboard();  // after the GLFW backend, which installs its own
    app::install_key_queue(frame.window);
    app::install_wheel_fix(frame.window);

    wire_page_requests();
    app::start_session(frame.state);
    app::run_frame_loop(frame_loop);
    return 0;
}
