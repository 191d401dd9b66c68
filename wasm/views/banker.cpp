#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <numeric>

#include "shared/profile/life_stage.h"
#include "wasm/flows/export_flow.h"
#include "wasm/flows/user_actions.h"
#include "wasm/labels.h"
#include "wasm/views/views.h"

namespace app {
namespace {

enum Column { kCustomer, kSegment, kBestProduct, kScore, kLastFeedback, kColumnCount };

const char* best_product(const RankedCustomer& who, const AppState& state) {
    if (!who.ranking || who.ranking->recommendations.empty()) return "-";
    return state.catalog[who.ranking->recommendations.front().product_index].name.c_str();
}

float best_score(const RankedCustomer& who) {
    if (!who.ranking || who.ranking->recommendations.empty()) return -1e9f;
    return who.ranking->recommendations.front().score;
}

// The segment a banker filters by: the customer's stage of life, the only form in which age
// reaches the ranker.
const char* segment(const RankedCustomer& who) { return life_stage_label(who.customer.age); }

// The learned model gives a calibrated likelihood of taking the product up, shown as a percentage.
// The hybrid's score is a sum of log-likelihood ratios; it is shown squashed to 0-100 (logistic,
// so the order is the same) because raw negative numbers read as errors to people.
void draw_score(const RankedCustomer& who) {
    if (!who.ranking || who.ranking->recommendations.empty()) return;
    const bank::Recommendation& best = who.ranking->recommendations.front();
    if (best.likelihood >= 0) {
        ImGui::Text("%.0f%%", best.likelihood * 100.0f);
    } else {
        ImGui::Text("%d", static_cast<int>(std::lround(100.0 / (1.0 + std::exp(-best.score)))));
    }
}

int compare(const RankedCustomer& x, const RankedCustomer& y, int column, const AppState& state) {
    switch (column) {
        case kCustomer: return x.customer.name.compare(y.customer.name);
        case kSegment: return static_cast<int>(bank::life_stage_for_age(x.customer.age)) -
                              static_cast<int>(bank::life_stage_for_age(y.customer.age));
        case kBestProduct: return std::string(best_product(x, state)).compare(best_product(y, state));
        case kScore: return best_score(x) < best_score(y) ? -1 : best_score(x) > best_score(y) ? 1 : 0;
        case kLastFeedback: return x.last_feedback.compare(y.last_feedback);
    }
    return 0;
}

// Row order for the table's current sort; the book itself never reorders, so selection is stable.
std::vector<int> sorted_rows(const AppState& state, const ImGuiTableSortSpecs* specs) {
    std::vector<int> rows(state.book.size());
    std::iota(rows.begin(), rows.end(), 0);
    if (!specs || specs->SpecsCount == 0) return rows;
    const ImGuiTableColumnSortSpecs& s = specs->Specs[0];
    const bool asc = s.SortDirection == ImGuiSortDirection_Ascending;
    std::stable_sort(rows.begin(), rows.end(), [&](int a, int b) {
        const int cmp = compare(state.book[a], state.book[b], s.ColumnIndex, state);
        return asc ? cmp < 0 : cmp > 0;
    });
    return rows;
}

bool passes(const ImGuiTextFilter& filter, const RankedCustomer& who, const AppState& state) {
    if (!filter.IsActive()) return true;
    return filter.PassFilter(who.customer.name.c_str()) || filter.PassFilter(segment(who)) ||
           filter.PassFilter(best_product(who, state)) || filter.PassFilter(who.last_feedback.c_str()) ||
           filter.PassFilter(std::to_string(who.customer.id).c_str());
}

void draw_book_table(AppState& state, const ImGuiTextFilter& filter) {
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_Sortable | ImGuiTableFlags_Resizable;
    if (!ImGui::BeginTable("book_table", kColumnCount, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Customer", ImGuiTableColumnFlags_DefaultSort | ImGuiTableColumnFlags_WidthStretch, 1.3f);
    ImGui::TableSetupColumn("Segment", ImGuiTableColumnFlags_WidthStretch, 0.9f);
    ImGui::TableSetupColumn("Best next product", ImGuiTableColumnFlags_WidthStretch, 1.4f);
    const bool learned = state.ranker && state.ranker->propensity;
    ImGui::TableSetupColumn(learned ? "Likelihood" : "Score",
                            ImGuiTableColumnFlags_PreferSortDescending | ImGuiTableColumnFlags_WidthFixed,
                            ImGui::CalcTextSize("Likelihood ^^^").x);
    ImGui::TableSetupColumn("Last feedback", ImGuiTableColumnFlags_WidthStretch, 1.1f);
    ImGui::TableHeadersRow();
    // Only the visible rows are drawn (ImGuiListClipper): a 1,000-customer book stays smooth.
    std::vector<int> rows;
    for (int i : sorted_rows(state, ImGui::TableGetSortSpecs())) {
        if (passes(filter, state.book[i], state)) rows.push_back(i);
    }
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows.size()));
    while (clipper.Step()) {
        for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
            const int i = rows[r];
            const RankedCustomer& who = state.book[i];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::PushID(i);
            if (ImGui::Selectable(who.customer.name.c_str(), state.selected_customer == i,
                                  ImGuiSelectableFlags_SpanAllColumns)) {
                open_customer(state, i);
            }
            ImGui::PopID();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(segment(who));
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(best_product(who, state));
            ImGui::TableNextColumn();
            draw_score(who);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(who.last_feedback.empty() ? "-" : who.last_feedback.c_str());
        }
    }
    ImGui::EndTable();
}

void draw_book_tools(AppState& state, ImGuiTextFilter& filter) {
    const int total = static_cast<int>(state.book.size());
    if (state.book_ranked < total) {
        ImGui::ProgressBar(static_cast<float>(state.book_ranked) / static_cast<float>(std::max(total, 1)),
                           ImVec2(-1, 0), "Ranking your book on this device...");
    } else {
        if (secondary_button("Recompute all")) recompute_all(state);
        ImGui::SameLine();
        if (primary_button("Export next best actions (CSV)")) export_next_best_actions(state);
    }
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.58f);
    if (ImGui::InputTextWithHint("##filter", "Filter: name, segment, product, feedback", filter.InputBuf,
                                 IM_ARRAYSIZE(filter.InputBuf))) {
        filter.Build();
    }
    ImGui::SameLine();
    static char customer_id[16] = "";
    ImGui::SetNextItemWidth(ImGui::CalcTextSize("Customer id").x + ImGui::GetStyle().FramePadding.x * 2);
    const bool go = ImGui::InputTextWithHint("##customer_id", "Customer id", customer_id, sizeof customer_id,
                                             ImGuiInputTextFlags_CharsDecimal | ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    if ((secondary_button("Open") || go) && customer_id[0] != '\0') {
        look_up_customer(state, std::strtoll(customer_id, nullptr, 10));
    }
    draw_notice(state);
}

}  // namespace

void draw_banker_view(AppState& state, const Fonts& fonts) {
    static ImGuiTextFilter filter;
    const float gap = ImGui::GetStyle().ItemSpacing.x * 2;
    const float side = std::clamp(ImGui::GetContentRegionAvail().x * 0.46f, 340.0f, 720.0f);

    ImGui::BeginChild("book", ImVec2(side, 0), true);
    ImGui::PushFont(fonts.title);
    ImGui::TextUnformatted("Your customers");
    ImGui::PopFont();
    ImGui::TextColored(palette::muted, "%zu customers assigned to you, ranked on this device", state.book.size());
    draw_book_tools(state, filter);
    draw_book_table(state, filter);
    ImGui::EndChild();

    ImGui::SameLine(0, gap);
    ImGui::BeginChild("detail", ImVec2(0, 0), true);
    const int total = static_cast<int>(state.book.size());
    if (state.selected_customer >= 0 && state.selected_customer < total) {
        RankedCustomer& who = state.book[state.selected_customer];
        draw_profile_panel(who, state, fonts, false);
        ImGui::Separator();
        CardActions actions;
        actions.feedback = {{"Mark offered", "offered"}, {"Mark accepted", "accepted"}};
        const std::int64_t id = who.customer.id;
        actions.on_feedback = [&state, id](const std::string& product, const char* event) {
            give_feedback(state, id, product, event);
        };
        actions.on_more_links = [&state, id](const std::string& product) { more_links(state, id, product); };
        draw_recommendations(who, state, fonts, actions);
    } else {
        ImGui::TextColored(palette::muted, "Select a customer to see their profile and best next products.");
    }
    ImGui::EndChild();
}

}  // namespace app
