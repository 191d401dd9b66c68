// Text entry that works beyond desktop keyboards. A canvas cannot raise a phone's on-screen
// keyboard, so while ImGui edits text the page focuses a hidden <input> (#text-input, web/shell.js)
// and its typed text comes back through app_text_input. Copy and paste use the system clipboard
// instead of GLFW's in-page one.
#pragma once

namespace app {

void install_clipboard();          // once, after ImGui::CreateContext
void sync_text_input(bool wanted); // every frame: io.WantTextInput

}  // namespace app
