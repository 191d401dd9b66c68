#include <imgui_internal.h>

#include <algorithm>
#include <cstdlib>

#include "wasm/flows/book_order.h"
#include "wasm/flows/export_flow.h"
#include "wasm/flows/user_actions.h"
#include "wasm/labels.h"
#include "wasm/views/views.h"

namespace app {
namespace {

// Columns: Customer, Id, Segment, Best next product, Likelihood, Feedback.
constexpr int kColumnCount = 6;
constexpr BookSort kSortOf[kColumnCount] = {BookSort::Name, BookSort::Id, BookSort::Segment,
                                            BookSort::Product, BookSort::Opportunity, BookSort::Feedback};
constexpr const char* kSortKey[kColumnCount] = {"name", "id", "segment", "product", "opportunity", "feedback"};

// Where this frame drew the table's controls (published for the browser tests).
using Controls = std::map<std::string, CanvasRect>;
void note_book_control(Controls& controls, const std::string& name) {
    const ImVec2 min = ImGui::GetItemRectMin();
    const ImVec2 size = ImGui::GetItemRectSize();
    controls[name] = {min.x, min.y, size.x, size.y};
}

void tooltip(const char* text) {
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("%s", text);
}

// On the same line as the last item when the next one (`width` wide) fits, else on the next: the
// book's rows of buttons wrap on narrow windows instead of running off the edge.
void same_line_if_fits(float width, float spacing = -1.0f) {
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    ImGui::SameLine(0, spacing);
    if (ImGui::GetCursorScreenPos().x + width > right) ImGui::NewLine();
}

float button_width(const char* label) {
    return ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
}

std::string thousands(int n) {
    std::string digits = std::to_string(n);
    for (int at = static_cast<int>(digits.size()) - 3; at > 0; at -= 3) digits.insert(static_cast<std::size_t>(at), ",");
    return digits;
}

bool learned(const AppState& state) { return state.ranker && state.ranker->propensity; }

// How much of the table fits: every column; without segment and feedback (the chips and the
// customer's page show them); or, phone-narrow, one column of two-line rows and the likelihood.
enum class Density { Full, Compact, Phone };

// Text in a cell that may be narrower than it: cut with an ellipsis, whole in a tooltip, so no
// product name is ever cut off unseen at any window width. Drawn without layout, so it can sit on
// top of the row's selectable. `tip`: a tooltip even when the text fits; `right`: for numbers.
void text_in(ImVec2 at, float width, const std::string& text, const ImVec4& color, const std::string& tip = "",
             bool right = false) {
    const ImVec2 size = ImGui::CalcTextSize(text.c_str());
    const ImVec2 end(at.x + width, at.y + ImGui::GetTextLineHeight());
    const bool fits = size.x <= width;
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    if (fits) {
        const float x = right ? end.x - size.x : at.x;
        ImGui::GetWindowDrawList()->AddText(ImVec2(x, at.y), ImGui::GetColorU32(ImGuiCol_Text), text.c_str());
    } else {
        ImGui::RenderTextEllipsis(ImGui::GetWindowDrawList(), at, end, end.x, end.x, text.c_str(), nullptr, &size);
    }
    ImGui::PopStyleColor();
    if ((!fits || !tip.empty()) && ImGui::IsWindowHovered() && ImGui::IsMouseHoveringRect(at, end)) {
        ImGui::SetTooltip("%s", tip.empty() ? text.c_str() : tip.c_str());
    }
}

void cell_text(const std::string& text, const ImVec4& color, const std::string& tip = "", bool right = false) {
    text_in(ImGui::GetCursorScreenPos(), ImGui::GetContentRegionAvail().x, text, color, tip, right);
}

std::string best_product(const RankedCustomer& who) {
    if (who.ranking && !who.ranking->recommendations.empty()) return who.ranking->recommendations.front().product_name;
    return who.ranking_error.empty() ? "Ranking" : "Could not be ranked";
}

std::string likelihood_of(const RankedCustomer& who) {
    if (!who.ranking || who.ranking->recommendations.empty()) return "";
    return likelihood_percent(who.ranking->recommendations.front().likelihood);
}

// Columns hidden at this density are skipped: nothing is drawn into them.
void draw_row(AppState& state, int i, Density density) {
    const RankedCustomer& who = state.book[i];
    const bool ranked = who.ranking && !who.ranking->recommendations.empty();
    const ImVec4& product_color = ranked ? palette::text : palette::muted;
    const float line = ImGui::GetTextLineHeightWithSpacing();
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float width = ImGui::GetContentRegionAvail().x;
    ImGui::PushID(i);
    const ImVec2 size(0, density == Density::Phone ? line + ImGui::GetTextLineHeight() : 0);
    if (ImGui::Selectable("##row", state.selected_customer == i, ImGuiSelectableFlags_SpanAllColumns, size)) {
        open_customer(state, i);
    }
    ImGui::PopID();
    text_in(at, width, who.customer.name, palette::text);
    if (density == Density::Phone) {
        // The id and the best product under the name: the narrow table keeps both.
        text_in(ImVec2(at.x, at.y + line), width, std::to_string(who.customer.id) + "  \xC2\xB7  " + best_product(who),
                palette::muted, who.ranking_error);
    }
    if (ImGui::TableNextColumn()) cell_text(std::to_string(who.customer.id), palette::muted, "", true);
    if (ImGui::TableNextColumn()) cell_text(segment_of(who), palette::text);
    if (ImGui::TableNextColumn()) cell_text(best_product(who), product_color, who.ranking_error);
    if (ImGui::TableNextColumn()) cell_text(likelihood_of(who), palette::text, "", true);
    if (ImGui::TableNextColumn()) cell_text(last_feedback_word(who), palette::text, who.last_feedback);
}

void setup_columns(const AppState& state, Density density) {
    const float em = ImGui::GetFontSize();
    const ImGuiTableColumnFlags full_only = density == Density::Full ? 0 : ImGuiTableColumnFlags_Disabled;
    const ImGuiTableColumnFlags not_phone = density == Density::Phone ? ImGuiTableColumnFlags_Disabled : 0;
    ImGui::TableSetupColumn("Customer", ImGuiTableColumnFlags_WidthStretch | ImGuiTableColumnFlags_NoHide, 1.2f);
    ImGui::TableSetupColumn("Id", ImGuiTableColumnFlags_WidthFixed | not_phone, ImGui::CalcTextSize("00000").x + em);
    ImGui::TableSetupColumn("Segment", ImGuiTableColumnFlags_WidthStretch | full_only, 0.9f);
    ImGui::TableSetupColumn("Best next product", ImGuiTableColumnFlags_WidthStretch | not_phone, 1.6f);
    // The hybrid gives an order, not a likelihood: the column sorts by it and shows no number.
    ImGui::TableSetupColumn(learned(state) ? "Likelihood" : "Opportunity",
                            ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_DefaultSort |
                                ImGuiTableColumnFlags_PreferSortDescending,
                            ImGui::CalcTextSize("Opportunity").x + em);
    ImGui::TableSetupColumn("Feedback", ImGuiTableColumnFlags_WidthStretch | full_only, 0.8f);
    ImGui::TableSetupScrollFreeze(0, 1);
}

// ImGui's header arrows and the book's order agree: a header click sorts the book; a sort made
// elsewhere (a new sign-in keeps ImGui's table but starts the book afresh) moves the arrow.
void follow_sort_specs(AppState& state) {
    ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs();
    if (!specs) return;
    const BookView& view = state.book_view;
    if (specs->SpecsDirty && specs->SpecsCount > 0) {
        const ImGuiTableColumnSortSpecs& s = specs->Specs[0];
        const bool descending = s.SortDirection == ImGuiSortDirection_Descending;
        if (kSortOf[s.ColumnIndex] != view.sort || descending != view.descending) {
            sort_book(state, kSortOf[s.ColumnIndex], descending);
        }
    }
    specs->SpecsDirty = false;
    const int column = static_cast<int>(std::find(kSortOf, kSortOf + kColumnCount, view.sort) - kSortOf);
    const ImGuiSortDirection want = view.descending ? ImGuiSortDirection_Descending : ImGuiSortDirection_Ascending;
    if (specs->SpecsCount == 0 || specs->Specs[0].ColumnIndex != column || specs->Specs[0].SortDirection != want) {
        ImGui::TableSetColumnSortDirection(column, want, false);
    }
}

void draw_headers(const AppState& state, Controls& controls) {
    const char* tips[kColumnCount] = {
        "Sort by name, in your browser's language",
        "The customer's number: tells apart customers with the same name",
        "Stage of life, from the customer's age",
        "The product the customer is most likely to take up next",
        learned(state) ? "How likely the customer is to take up the best product, from customers like them"
                       : "The standard ranking puts the best opportunities first; it gives no likelihood",
        "What you or the customer last said about a product"};
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    for (int c = 0; c < kColumnCount; ++c) {
        if (!ImGui::TableSetColumnIndex(c)) continue;
        ImGui::TableHeader(ImGui::TableGetColumnName(c));
        note_book_control(controls, std::string("sort:") + kSortKey[c]);
        tooltip(tips[c]);
    }
}

void draw_book_table(AppState& state, Controls& controls) {
    const float em = ImGui::GetFontSize();
    const std::vector<int> rows = rows_shown(state);
    if (rows.empty() && !state.book.empty()) {
        ImGui::TextColored(palette::muted, "No customer matches. Switch a segment off or clear the search.");
    }
    const float width = ImGui::GetContentRegionAvail().x;
    const Density density = width >= 36 * em ? Density::Full : width >= 24 * em ? Density::Compact : Density::Phone;
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_Sortable | ImGuiTableFlags_Resizable;
    // Taller rows than ImGui's default: easier to hit with a finger or a shaky mouse.
    ImGui::PushStyleVar(ImGuiStyleVar_CellPadding, ImVec2(0.4f * em, 0.3f * em));
    if (!ImGui::BeginTable("book_table", kColumnCount, flags)) return ImGui::PopStyleVar();
    setup_columns(state, density);
    follow_sort_specs(state);
    draw_headers(state, controls);
    // Only the visible rows are drawn (ImGuiListClipper): a 10,000-customer book stays smooth.
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows.size()));
    while (clipper.Step()) {
        for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) draw_row(state, rows[r], density);
    }
    ImGui::EndTable();
    ImGui::PopStyleVar();
}

// One chip per segment present in the book, with its count; any number can be on (none: all).
// Buttons, so arrow keys reach them and Space toggles them, as every ImGui control.
void draw_segment_chips(AppState& state, Controls& controls) {
    const float em = ImGui::GetFontSize();
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(0.6f * em, 0.2f * em));
    ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, 0.8f * em);
    auto chip = [&](const std::string& label, bool on, const std::string& id, bool first) {
        const std::string text = label + "##" + id;
        if (!first) same_line_if_fits(button_width(text.c_str()), 0.4f * em);
        const bool pressed = on ? primary_button(text.c_str()) : secondary_button(text.c_str());
        note_book_control(controls, "segment:" + id);
        return pressed;
    };
    const std::vector<SegmentCount> segments = segment_counts(state);
    if (chip("All " + thousands(static_cast<int>(state.book.size())), state.book_view.segments.empty(), "all", true)) {
        clear_segments(state);
    }
    tooltip("Show every segment");
    for (const SegmentCount& s : segments) {
        if (chip(s.segment + "  " + thousands(s.customers), s.on, s.segment, false)) toggle_segment(state, s.segment);
        tooltip(s.on ? "Showing this segment: press to switch it off" : "Show only this segment; press others to add them");
    }
    ImGui::PopStyleVar(2);
}

// While results stream in, the order stands and this line says so; "Sort now" sorts at once. The
// button comes first so that it stays put while the count beside it grows.
void draw_ranking_status(AppState& state, Controls& controls) {
    const int total = static_cast<int>(state.book.size());
    const bool by_value = state.book_view.sort == BookSort::Opportunity || state.book_view.sort == BookSort::Product;
    std::string line;
    const char* action = "Sort now";
    const char* tip = "Sort the table by the results so far; rows then keep their place until ranking is done";
    if (state.book_ranked < total) {
        line = "Ranked " + thousands(state.book_ranked) + " of " + thousands(total);
        if (by_value) line += learned(state) ? " \xC2\xB7 sorted by likelihood when done" : " \xC2\xB7 sorted by opportunity when done";
    } else if (book_order_is_stale(state)) {
        line = "The rankings changed since the table was sorted";
        action = "Sort again";
        tip = "Sort the table by the new rankings";
    } else {
        return;
    }
    if (secondary_button(action)) sort_book(state, state.book_view.sort, state.book_view.descending);
    note_book_control(controls, "sort-now");
    tooltip(tip);
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::PushStyleColor(ImGuiCol_Text, palette::muted);
    ImGui::TextWrapped("%s", line.c_str());
    ImGui::PopStyleColor();
}

void draw_book_tools(AppState& state, Controls& controls) {
    const bool complete = state.book_ranked == static_cast<int>(state.book.size());
    ImGui::BeginDisabled(!complete);
    if (primary_button("Export next best actions (CSV)")) export_next_best_actions(state);
    note_book_control(controls, "export");
    tooltip(complete ? "A spreadsheet of every customer's best products, likelihoods, reasons and feedback; "
                       "recorded in the audit trail"
                     : "Available once the whole book is ranked");
    same_line_if_fits(button_width("Rank all again"));
    if (secondary_button("Rank all again")) {
        recompute_all(state);
        // The customer on screen gets new explanations at once, not only when opened again.
        if (state.selected_customer >= 0) open_customer(state, state.selected_customer);
    }
    note_book_control(controls, "rank-all-again");
    tooltip("Ranks every customer again on this device and asks for new explanations. Rarely needed: rankings "
            "update by themselves when the on-device language model finishes loading. Use it when explanations "
            "failed or were written while the AI assistant was unavailable.");
    ImGui::EndDisabled();

    const float em = ImGui::GetFontSize();
    const float id_width = button_width("Customer id");
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float lookup = id_width + spacing + button_width("Open");
    const float avail = ImGui::GetContentRegionAvail().x;
    ImGui::SetNextItemWidth(avail - lookup - spacing >= 10 * em ? avail - lookup - spacing : avail);
    static char search[96] = "";
    if (state.book_view.search.empty()) search[0] = '\0';  // a new sign-in starts with no search
    if (ImGui::InputTextWithHint("##search", "Search name, id or product", search, sizeof search)) {
        set_book_search(state, search);
    }
    same_line_if_fits(lookup);
    static char customer_id[16] = "";
    ImGui::SetNextItemWidth(id_width);
    const bool go = ImGui::InputTextWithHint("##customer_id", "Customer id", customer_id, sizeof customer_id,
                                             ImGuiInputTextFlags_CharsDecimal | ImGuiInputTextFlags_EnterReturnsTrue);
    tooltip("Open any customer in your book by their number");
    ImGui::SameLine();
    if ((secondary_button("Open") || go) && customer_id[0] != '\0') {
        look_up_customer(state, std::strtoll(customer_id, nullptr, 10));
    }
}

void draw_book(AppState& state, const Fonts& fonts) {
    Controls controls;
    ImGui::PushFont(fonts.title);
    ImGui::TextUnformatted("Your customers");
    ImGui::PopFont();
    ImGui::PushStyleColor(ImGuiCol_Text, palette::muted);
    ImGui::TextWrapped("%s customers assigned to you, ranked on this device",
                       thousands(static_cast<int>(state.book.size())).c_str());
    ImGui::PopStyleColor();
    draw_book_tools(state, controls);
    draw_segment_chips(state, controls);
    draw_ranking_status(state, controls);
    draw_notice(state);
    draw_book_table(state, controls);
    place_book_controls(state, std::move(controls));
}

void draw_customer_detail(AppState& state, const Fonts& fonts) {
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
}

}  // namespace

// Side by side where there is room: the book, and the opened customer beside it. On narrow
// windows (phones, split screens) one at a time, with a way back to the book.
void draw_banker_view(AppState& state, const Fonts& fonts) {
    keep_book_order(state);
    const float em = ImGui::GetFontSize();
    const float avail = ImGui::GetContentRegionAvail().x;
    const bool opened = state.selected_customer >= 0 && state.selected_customer < static_cast<int>(state.book.size());
    if (avail < 56 * em) {
        ImGui::BeginChild(opened ? "detail" : "book", ImVec2(0, 0), true);
        if (opened) {
            if (secondary_button("Back to your customers")) close_customer(state);
            if (state.selected_customer >= 0) draw_customer_detail(state, fonts);
        } else {
            draw_book(state, fonts);
        }
        ImGui::EndChild();
        return;
    }
    const float side = std::clamp(avail * 0.58f, 34 * em, 70 * em);
    ImGui::BeginChild("book", ImVec2(side, 0), true);
    draw_book(state, fonts);
    ImGui::EndChild();
    ImGui::SameLine(0, ImGui::GetStyle().ItemSpacing.x * 2);
    ImGui::BeginChild("detail", ImVec2(0, 0), true);
    if (opened) {
        draw_customer_detail(state, fonts);
    } else {
        ImGui::TextColored(palette::muted, "Select a customer to see their profile and best next products.");
    }
    ImGui::EndChild();
}

}  // namespace app
