#include "wasm/views/card_frame.h"

#include <vector>

#include "wasm/views/theme.h"

namespace app {
namespace {

struct OpenCard {
    ImVec2 start;
    float width;
};
std::vector<OpenCard>& open_cards() {
    static std::vector<OpenCard> cards;
    return cards;
}

float card_padding() { return ImGui::GetStyle().WindowPadding.x; }

}  // namespace

void begin_card(float width) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->ChannelsSplit(2);
    draw->ChannelsSetCurrent(1);
    const ImVec2 start = ImGui::GetCursorScreenPos();
    open_cards().push_back({start, width});
    const float pad = card_padding();
    ImGui::SetCursorScreenPos(ImVec2(start.x + pad, start.y + pad));
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width - 2 * pad);
    // Widgets sized "item width" (progress bars, inputs) fill the card, not the window.
    ImGui::PushItemWidth(width - 2 * pad);
}

void end_card() {
    ImGui::PopItemWidth();
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    const OpenCard card = open_cards().back();
    open_cards().pop_back();
    const float pad = card_padding();
    const ImVec2 end(card.start.x + card.width, ImGui::GetItemRectMax().y + pad);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->ChannelsSetCurrent(0);
    const float rounding = ImGui::GetStyle().ChildRounding;
    draw->AddRectFilled(card.start, end, ImGui::GetColorU32(palette::card), rounding);
    draw->AddRect(card.start, end, ImGui::GetColorU32(ImGuiCol_Border), rounding);
    draw->ChannelsMerge();
    // Leave the cursor where a following item (SameLine or next row) expects the card to end.
    ImGui::SetCursorScreenPos(card.start);
    ImGui::Dummy(ImVec2(card.width, end.y - card.start.y));
}

}  // namespace app
