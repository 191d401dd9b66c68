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
// `voice`: the customer's own cards say "your"; a banker's say "their", and the banker's main
// action is the first feedback button ("Mark offered").
void draw_recommendation_card(const bank::Product& product, const bank::Recommendation& rec, const RankedCustomer& who,
                              const Fonts& fonts, float width, const CardActions& actions, bank::Voice voice);
// "How this works": the score's legend and what the ranking and the AI used, folded away so the
// cards speak plainly; engineering notes belong here, not on every card.
void draw_how_this_works(const RankedCustomer& who, const AppState& state, const Fonts& fonts);
// "Removed ... [Undo]" at the bottom of the window while a "Not for me" can be undone.
void draw_undo_toast(AppState& state);
// Records where the last item was drawn under `name`; draw_app publishes the places when they
// change (AppState::card_controls), for keyboard-less browser tests.
void note_control(const std::string& name);
// The notice line under the top bar ("Thank you, your feedback was saved.").
void draw_notice(const AppState& state);
bool primary_button(const char* label);    // navy, white text: the main action
bool secondary_button(const char* label);  // quiet: the other actions

}  // namespace app
