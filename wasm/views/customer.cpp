#include <algorithm>

#include "wasm/flows/user_actions.h"
#include "wasm/views/views.h"

namespace app {
namespace {

std::string first_name(const std::string& full) {
    const auto space = full.find(' ');
    return space == std::string::npos ? full : full.substr(0, space);
}

}  // namespace

void draw_customer_view(AppState& state, const Fonts& fonts) {
    const float gap = ImGui::GetStyle().ItemSpacing.x * 2;
    const float total = ImGui::GetContentRegionAvail().x;
    // Narrow screens (phones) stack the profile above the products instead of beside them.
    const bool stacked = total < 720.0f * ImGui::GetFontSize() / 16.0f;
    const float side = stacked ? 0.0f : std::clamp(total * 0.28f, 260.0f, 380.0f);

    if (!stacked) {
        ImGui::BeginChild("profile", ImVec2(side, 0), true);
        if (state.profile) draw_profile_panel(*state.profile, state, fonts, true);
        ImGui::EndChild();
        ImGui::SameLine(0, gap);
    }
    // The cards sit on the page colour, so each card stands out as a card.
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(0, 0, 0, 0));
    ImGui::BeginChild("products", ImVec2(0, 0), false);
    ImGui::PopStyleColor();
    if (stacked && state.profile && ImGui::CollapsingHeader("Your profile as we see it")) {
        draw_profile_panel(*state.profile, state, fonts, true);
    }
    const std::string name = state.profile ? first_name(state.profile->customer.name) : first_name(state.user.display_name);
    ImGui::PushFont(fonts.title);
    ImGui::TextWrapped("Hello %s, these could suit you next", name.c_str());
    ImGui::PopFont();
    draw_notice(state);
    if (state.profile) {
        CardActions actions;
        actions.feedback = {{"Interested", "interested"}, {"Not for me", "not_for_me"}};
        const std::int64_t id = state.profile->customer.id;
        actions.on_feedback = [&state, id](const std::string& product, const char* event) {
            give_feedback(state, id, product, event);
        };
        actions.on_more_links = [&state, id](const std::string& product) { more_links(state, id, product); };
        draw_recommendations(*state.profile, state, fonts, actions);
    }
    ImGui::EndChild();
}

}  // namespace app
