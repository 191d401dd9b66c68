#include "wasm/platform/browser.h"

#include <emscripten.h>

#include <algorithm>
#include <array>
#include <vector>

namespace {

// CPU time of the last frames (our C++ and ImGui's draw-list building, not the GPU), for the
// benchmark in tests/e2e/bench_ui.mjs; a ring of the last 600 frames.
struct FrameTimes {
    std::array<double, 600> ms{};
    std::size_t count = 0;
    void add(double v) { ms[count++ % ms.size()] = v; }
} g_frame_times;

// An idle page draws nothing: the loop pauses when the app has no work in progress and nothing
// happened for a few frames, and anything that can change the picture wakes it. ImGui needs a few
// frames after an event to settle (a click is pressed on one frame, released on the next, and
// the new screen is laid out on the one after, windows and tables measuring themselves first).
constexpr int kSettleFrames = 6;

struct Loop {
    bool (*frame)() = nullptr;
    int frames_wanted = kSettleFrames;
    bool paused = false;
    int run = 0;    // frames laid out
    int drawn = 0;  // of them, drawn to the canvas (count_frame_drawn)
} g_loop;

void timed_frame() {
    ++g_loop.run;
    const double started = emscripten_get_now();
    const bool busy = g_loop.frame();
    g_frame_times.add(emscripten_get_now() - started);
    if (g_loop.frames_wanted > 0) --g_loop.frames_wanted;
    if (!busy && g_loop.frames_wanted == 0) {
        g_loop.paused = true;
        emscripten_pause_main_loop();
    }
}

// What the user does on the page wakes the loop: pointer, wheel, touch and keys anywhere (the
// canvas reads the pointer even over the mirror panel's edge), focus moving, a pasted text, a
// resized window or a changed zoom, and the tab becoming visible again. Listeners are passive:
// they never delay the browser's own handling of the event.
EM_JS(void, js_wake_on_input, (), {
    const wake = () => _app_request_frames();
    const options = {capture : true, passive : true};
    for (const type of['pointermove', 'pointerdown', 'pointerup', 'pointercancel', 'wheel', 'touchstart',
                       'touchmove', 'touchend', 'keydown', 'keyup', 'focusin', 'focusout', 'paste', 'input']) {
        window.addEventListener(type, wake, options);
    }
    for (const type of['resize', 'focus', 'blur']) window.addEventListener(type, wake);
    document.addEventListener('visibilitychange', wake);
});

EM_JS(int, js_page_hidden, (), { return document.hidden ? 1 : 0; });

}  // namespace

// Called by this layer's JS on input, and by C++ below for fetches, pictures and published state.
extern "C" EMSCRIPTEN_KEEPALIVE void app_request_frames() { app::request_frames(); }

namespace app {

void run_frame_loop(bool (*frame)()) {
    g_loop.frame = frame;
    js_wake_on_input();
    emscripten_set_main_loop(timed_frame, 0, false);
}

void count_frame_drawn() { ++g_loop.drawn; }

bool page_hidden() { return js_page_hidden() != 0; }

void request_frames() {
    g_loop.frames_wanted = kSettleFrames;
    if (!g_loop.paused || !g_loop.frame) return;
    g_loop.paused = false;
    emscripten_resume_main_loop();
}

}  // namespace app

// How many frames the loop ran, and how many of them drew on the canvas (tests compare them).
extern "C" EMSCRIPTEN_KEEPALIVE int app_frames_run() { return g_loop.run; }
extern "C" EMSCRIPTEN_KEEPALIVE int app_frames_drawn() { return g_loop.drawn; }

// The p-th percentile (0-100) of the recorded frame times in ms, after clearing if `reset`.
extern "C" EMSCRIPTEN_KEEPALIVE double app_frame_time_percentile(double p, int reset) {
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
