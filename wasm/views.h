// The screens. Each is a pure function of AppState drawn every frame (immediate mode); user actions
// call into session_flow or change AppState directly.
#pragma once

#include "app_state.h"
#include "theme.h"

namespace app {

void draw_app(AppState& state, const Fonts& fonts);

// Pieces shared by the screens.
void draw_top_bar(AppState& state, const Fonts& fonts);
void draw_status_screen(const AppState& state, const Fonts& fonts);
void draw_customer_view(AppState& state, const Fonts& fonts);
void draw_banker_view(AppState& state, const Fonts& fonts);
void draw_profile_panel(const bank::Customer& customer, const Fonts& fonts);
void draw_product_card(const bank::Product& product, const Fonts& fonts, float width);
bool primary_button(const char* label);

}  // namespace app
