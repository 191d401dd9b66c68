#include <cstring>
#include <string>

#include "shared/profile/life_stage.h"
#include "wasm/flows/user_actions.h"
#include "wasm/labels.h"
#include "wasm/views/views.h"

namespace app {
namespace {

void fact(const char* label, const std::string& value) {
    ImGui::TextColored(palette::muted, "%s", label);
    ImGui::TextWrapped("%s", value.c_str());
    ImGui::Spacing();
}

std::string product_names(const std::vector<std::string>& ids, const std::vector<bank::Product>& catalog) {
    std::vector<std::string> names;
    for (const std::string& id : ids) {
        auto it = std::find_if(catalog.begin(), catalog.end(), [&](const bank::Product& p) { return p.id == id; });
        names.push_back(it == catalog.end() ? id : it->name);
    }
    return joined(names, "None yet");
}

std::string top_spending(const std::vector<bank::CategorySpend>& spending) {
    std::vector<std::string> parts;
    for (std::size_t i = 0; i < spending.size() && i < 3; ++i) {
        parts.push_back(spending[i].category + " " + std::to_string(static_cast<int>(spending[i].share * 100 + 0.5)) + "%");
    }
    return joined(parts, "No card spending in the last 12 months");
}

// Interests as the ranker reads them, editable for this visit: the customer sees how their words
// change the ranking without anything being sent or saved.
void interests(const RankedCustomer& who, AppState& state) {
    static bool editing = false;
    static bool focus_field = false;  // put the cursor in the field the frame it appears
    static char text[512] = "";
    ImGui::TextColored(palette::muted, "Interests");
    if (!editing) {
        ImGui::TextWrapped("%s", joined(who.customer.interests).c_str());
        const bool adjust = secondary_button("Adjust for this visit");
        note_control("adjust-interests");
        if (adjust) {
            editing = true;
            std::strncpy(text, joined(who.customer.interests, "").c_str(), sizeof text - 1);
            focus_field = true;
        }
    } else {
        ImGui::SetNextItemWidth(-1);
        if (focus_field) ImGui::SetKeyboardFocusHere();
        focus_field = false;
        const bool entered = ImGui::InputText("##interests", text, sizeof text, ImGuiInputTextFlags_EnterReturnsTrue);
        ImGui::TextColored(palette::muted, "Separate with commas. Stays on this device.");
        if (entered || primary_button("Update ranking")) {
            set_session_interests(state, text);
            editing = false;
        }
        ImGui::SameLine();
        if (secondary_button("Cancel")) editing = false;
    }
    ImGui::Spacing();
}

}  // namespace

void draw_profile_panel(const RankedCustomer& who, AppState& state, const Fonts& fonts, bool editable) {
    const bank::Customer& c = who.customer;
    ImGui::PushFont(fonts.title);
    ImGui::TextWrapped("%s", c.name.c_str());
    ImGui::PopFont();
    // The customer knows who they are; the id is for their banker.
    if (!editable) ImGui::TextColored(palette::muted, "Customer %lld", static_cast<long long>(c.id));
    ImGui::Separator();
    ImGui::Spacing();
    fact("Stage of life", life_stage_label(c.age));
    fact("Occupation", c.occupation.empty() ? "-" : c.occupation);
    if (editable) interests(who, state);
    else fact("Interests", joined(c.interests));
    fact("Recent purchases", joined(c.purchase_history));
    fact("Where the money goes", top_spending(who.spending));
    fact("Risk profile", bank::to_string(c.risk_profile));
    fact("Products held", product_names(c.products_held, state.catalog));
}

}  // namespace app
