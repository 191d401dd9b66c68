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

void (*g_frame)() = nullptr;

void timed_frame() {
    const double started = emscripten_get_now();
    g_frame();
    g_frame_times.add(emscripten_get_now() - started);
}

}  // namespace

namespace app {

void run_frame_loop(void (*frame)()) {
    g_frame = frame;
    emscripten_set_main_loop(timed_frame, 0, false);
}

}  // namespace app

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
