// The screens. Each is a pure function of AppState drawn every frame (immediate mode); user actions
// call into session_flow or change AppState directly.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "wasm/app_state.h"
#include "wasm/views/theme.h"

namespace app {

void draw_app(AppState& state, const Fonts& fonts);

// A card's feedback buttons: (label, event) pairs, e.g. ("Mark offered", "offered"), and what a
// press does. No pairs, no buttons.
struct CardActions {
    std::vector<std::pair<const char*, const char*>> feedback;
    std::function<void(const std::string& product_id, const char* event)> on_feedback;
    std::function<void(const std::string& product_id)> on_more_links;
};

// Pieces shared by the screens.
void draw_top_bar(AppState& state, const Fonts& fonts);
void draw_status_screen(const AppState& state, const Fonts& fonts);
void draw_customer_view(AppState& state, const Fonts& fonts);
void draw_banker_view(AppState& state, const Fonts& fonts);
// `editable`: the customer may change their interests for this visit (on the device only).
void draw_profile_panel(const RankedCustomer& who, AppState& state, const Fonts& fonts, bool editable);
void draw_recommendations(const RankedCustomer& who, const AppState& state, const Fonts& fonts,
                          const CardActions& actions);
void draw_recommendation_card(const bank::Product& product, const bank::Recommendation& rec, float fit,
                              const RankedCustomer& who, const Fonts& fonts, float width,
                              const CardActions& actions);
// The notice line under the top bar ("Thank you, your feedback was saved.").
void draw_notice(const AppState& state);
bool primary_button(const char* label);    // navy, white text: the main action
bool secondary_button(const char* label);  // quiet: the other actions

}  // namespace app
