#include <string>

#include "views.h"

namespace app {
namespace {

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
    return out.empty() ? "-" : out;
}

void fact(const char* label, const std::string& value) {
    ImGui::TextColored(palette::muted, "%s", label);
    ImGui::TextWrapped("%s", value.c_str());
    ImGui::Spacing();
}

}  // namespace

void draw_profile_panel(const bank::Customer& c, const Fonts& fonts) {
    ImGui::PushFont(fonts.title);
    ImGui::TextWrapped("%s", c.name.c_str());
    ImGui::PopFont();
    ImGui::TextColored(palette::muted, "Customer %lld", static_cast<long long>(c.id));
    ImGui::Separator();
    ImGui::Spacing();
    fact("Occupation", c.occupation.empty() ? "-" : c.occupation);
    fact("Interests", joined(c.interests));
    fact("Recent purchases", joined(c.purchase_history));
    fact("Risk profile", bank::to_string(c.risk_profile));
    fact("Products you hold", joined(c.products_held));
}

}  // namespace app
