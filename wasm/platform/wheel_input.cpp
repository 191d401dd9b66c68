#include "wasm/platform/browser.h"

#define GLFW_INCLUDE_ES3
#include <GLFW/glfw3.h>
#include <imgui_impl_glfw.h>

namespace app {
namespace {

// Browsers report about 100 pixels per wheel notch (WheelEvent.DOM_DELTA_PIXEL, the mode
// Chromium and Firefox use for mice); trackpads send small deltas and scroll smoothly.
constexpr double kPixelsPerStep = 100.0;

void on_scroll(GLFWwindow* window, double dx, double dy) {
    ImGui_ImplGlfw_ScrollCallback(window, -dx / kPixelsPerStep, -dy / kPixelsPerStep);
}

}  // namespace

void install_wheel_fix(GLFWwindow* window) { glfwSetScrollCallback(window, on_scroll); }

}  // namespace app
