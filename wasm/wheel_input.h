// Mouse wheel and trackpad scrolling. Emscripten's GLFW (Debian's 3.1.6) hands the scroll
// callback the browser's raw WheelEvent.deltaX/deltaY: pixels, and with the browser's sign
// (positive = down), where GLFW and ImGui expect steps with positive = up. Unconverted, every
// wheel notch scrolls 100 steps the wrong way.
#pragma once

struct GLFWwindow;

namespace app {

void install_wheel_fix(GLFWwindow* window);  // once, after the ImGui GLFW backend

}  // namespace app
