// A card whose height follows its contents: ImGui 1.86 child windows need a fixed height, so the
// card is a group whose rounded background is drawn underneath once its size is known.
#pragma once

#include <imgui.h>

namespace app {

// Inside a card, text wraps and item-width widgets (pass width 0) end at the card's inner edge.
void begin_card(float width);
void end_card();

}  // namespace app
