// The screens. Each is a pure function of AppState drawn every frame (immediate mode); user actions
// call into session_flow or change AppState directly.
#pragma once

#include <functional>
#include <string>

#include "app_state.h"
#include "theme.h"

namespace app {

void draw_app(AppState& state, const Fonts& fonts);

// What a card's buttons do; empty callbacks hide the buttons.
struct CardActions {
    std::function<void(const std::string& product_id, const char* event)> on_feedback;
};

// Pieces shared by the screens.
void draw_top_bar(AppState& state, const Fonts& fonts);
void draw_status_screen(const AppState& state, const Fonts& fonts);
void draw_customer_view(AppState& state, const Fonts& fonts);
void draw_banker_view(AppState& state, const Fonts& fonts);
void draw_profile_panel(const RankedCustomer& who, const AppState& state, const Fonts& fonts);
void draw_recommendations(const RankedCustomer& who, const AppState& state, const Fonts& fonts,
                          const CardActions& actions);
void draw_recommendation_card(const bank::Product& product, const bank::Recommendation& rec, float fit,
                              const Fonts& fonts, float width, const CardActions& actions);
bool primary_button(const char* label);

}  // namespace app
