#include <algorithm>
#include <numeric>

#include "ranking_flow.h"
#include "views.h"

namespace app {
namespace {

const char* best_product(const RankedCustomer& who, const AppState& state) {
    if (!who.ranking || who.ranking->recommendations.empty()) return "-";
    return state.catalog[who.ranking->recommendations.front().product_index].name.c_str();
}

float best_score(const RankedCustomer& who) {
    if (!who.ranking || who.ranking->recommendations.empty()) return -1e9f;
    return who.ranking->recommendations.front().score;
}

// Row order for the table's current sort; the book itself never reorders, so selection is stable.
std::vector<int> sorted_rows(const AppState& state, const ImGuiTableSortSpecs* specs) {
    std::vector<int> rows(state.book.size());
    std::iota(rows.begin(), rows.end(), 0);
    if (!specs || specs->SpecsCount == 0) return rows;
    const ImGuiTableColumnSortSpecs& s = specs->Specs[0];
    const bool asc = s.SortDirection == ImGuiSortDirection_Ascending;
    std::stable_sort(rows.begin(), rows.end(), [&](int a, int b) {
        const RankedCustomer& x = state.book[a];
        const RankedCustomer& y = state.book[b];
        int cmp = 0;
        switch (s.ColumnIndex) {
            case 0: cmp = x.customer.name.compare(y.customer.name); break;
            case 1: cmp = x.customer.occupation.compare(y.customer.occupation); break;
            case 2: cmp = std::string(best_product(x, state)).compare(best_product(y, state)); break;
            case 3: cmp = best_score(x) < best_score(y) ? -1 : best_score(x) > best_score(y) ? 1 : 0; break;
        }
        return asc ? cmp < 0 : cmp > 0;
    });
    return rows;
}

void draw_book_table(AppState& state, ImGuiTextFilter& filter) {
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_Sortable | ImGuiTableFlags_Resizable;
    if (!ImGui::BeginTable("book_table", 4, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Customer", ImGuiTableColumnFlags_DefaultSort);
    ImGui::TableSetupColumn("Occupation");
    ImGui::TableSetupColumn("Best next product");
    ImGui::TableSetupColumn("Score", ImGuiTableColumnFlags_PreferSortDescending);
    ImGui::TableHeadersRow();
    for (int i : sorted_rows(state, ImGui::TableGetSortSpecs())) {
        const RankedCustomer& who = state.book[i];
        const char* product = best_product(who, state);
        if (!filter.PassFilter(who.customer.name.c_str()) && !filter.PassFilter(who.customer.occupation.c_str()) &&
            !filter.PassFilter(product)) {
            continue;
        }
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::PushID(i);
        if (ImGui::Selectable(who.customer.name.c_str(), state.selected_customer == i,
                              ImGuiSelectableFlags_SpanAllColumns)) {
            state.selected_customer = i;
        }
        ImGui::PopID();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(who.customer.occupation.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(product);
        ImGui::TableNextColumn();
        if (who.ranking && !who.ranking->recommendations.empty()) ImGui::Text("%.2f", best_score(who));
    }
    ImGui::EndTable();
}

}  // namespace

void draw_banker_view(AppState& state, const Fonts& fonts) {
    static ImGuiTextFilter filter;
    const float gap = ImGui::GetStyle().ItemSpacing.x * 2;
    const float side = std::clamp(ImGui::GetContentRegionAvail().x * 0.42f, 340.0f, 620.0f);

    ImGui::BeginChild("book", ImVec2(side, 0), true);
    ImGui::PushFont(fonts.title);
    ImGui::TextUnformatted("Your customers");
    ImGui::PopFont();
    ImGui::TextColored(palette::muted, "%zu customers assigned to you", state.book.size());
    const int total = static_cast<int>(state.book.size());
    if (state.book_ranked < total) {
        ImGui::ProgressBar(static_cast<float>(state.book_ranked) / static_cast<float>(std::max(total, 1)),
                           ImVec2(-1, 0), "Ranking your book on this device...");
    } else if (ImGui::Button("Recompute all")) {
        start_book_ranking(state);
    }
    filter.Draw("Filter", ImGui::GetContentRegionAvail().x * 0.6f);
    draw_book_table(state, filter);
    ImGui::EndChild();

    ImGui::SameLine(0, gap);
    ImGui::BeginChild("detail", ImVec2(0, 0), true);
    if (state.selected_customer >= 0 && state.selected_customer < total) {
        const RankedCustomer& who = state.book[state.selected_customer];
        draw_profile_panel(who, state, fonts);
        ImGui::Separator();
        draw_recommendations(who, state, fonts, CardActions{});
    } else {
        ImGui::TextColored(palette::muted, "Select a customer to see their profile and best next products.");
    }
    ImGui::EndChild();
}

}  // namespace app
