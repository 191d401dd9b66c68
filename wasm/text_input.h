// Text entry that works beyond desktop keyboards. A canvas cannot raise a phone's on-screen
// keyboard, so while ImGui edits text the page focuses a hidden <input> (#text-input, web/shell.js)
// and its typed text comes back through app_text_input. Copy and paste use the system clipboard
// instead of GLFW's in-page one.
#pragma once

struct GLFWwindow;

namespace app {

void install_clipboard();          // once, after ImGui::CreateContext
void sync_text_input(bool wanted); // every frame: io.WantTextInput

// ImGui 1.86 reads keys as up/down state once per frame, so a key pressed and released between
// two frames (on-screen keyboards, automated input, fast typists) would be lost. The key stays
// down for one frame and is released after it.
void install_key_hold(::GLFWwindow* window);  // once, after the ImGui GLFW backend
void release_held_keys();                      // every frame, after ImGui::Render

}  // namespace app
