#include "wasm/flows/book_order.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <numeric>

#include "shared/profile/life_stage.h"
#include "wasm/flows/dom_mirror.h"
#include "wasm/labels.h"
#include "wasm/platform/browser.h"

namespace app {
namespace {

const char* sort_name(BookSort sort) {
    switch (sort) {
        case BookSort::Opportunity: return "opportunity";
        case BookSort::Name: return "name";
        case BookSort::Id: return "id";
        case BookSort::Segment: return "segment";
        case BookSort::Product: return "product";
        case BookSort::Feedback: return "feedback";
    }
    return "opportunity";
}

const bank::Recommendation* best(const RankedCustomer& who) {
    if (!who.ranking || who.ranking->recommendations.empty()) return nullptr;
    return &who.ranking->recommendations.front();
}

// The calibrated likelihood of the learned model; with the hand-weighted hybrid, its score, which
// orders the same way but is never shown.
float opportunity(const bank::Recommendation& r) { return r.likelihood >= 0 ? r.likelihood : static_cast<float>(r.score); }

int three_way(double a, double b) { return a < b ? -1 : a > b ? 1 : 0; }

// Rows with nothing to sort by (not ranked yet, no feedback) go last whichever the direction.
bool missing(const RankedCustomer& who, BookSort sort) {
    switch (sort) {
        case BookSort::Opportunity:
        case BookSort::Product: return best(who) == nullptr;
        case BookSort::Feedback: return who.last_feedback.empty();
        default: return false;
    }
}

int compare(const AppState& state, int a, int b, BookSort sort) {
    const RankedCustomer& x = state.book[a];
    const RankedCustomer& y = state.book[b];
    switch (sort) {
        case BookSort::Opportunity: return three_way(opportunity(*best(x)), opportunity(*best(y)));
        case BookSort::Name: return three_way(state.book_view.name_places[a], state.book_view.name_places[b]);
        case BookSort::Id: return three_way(static_cast<double>(x.customer.id), static_cast<double>(y.customer.id));
        case BookSort::Segment: return three_way(static_cast<int>(bank::life_stage_for_age(x.customer.age)),
                                                 static_cast<int>(bank::life_stage_for_age(y.customer.age)));
        case BookSort::Product: return best(x)->product_name.compare(best(y)->product_name);
        case BookSort::Feedback: return x.last_feedback.compare(y.last_feedback);
    }
    return 0;
}

std::vector<std::int64_t> book_ids(const AppState& state) {
    std::vector<std::int64_t> ids;
    ids.reserve(state.book.size());
    for (const RankedCustomer& who : state.book) ids.push_back(who.customer.id);
    return ids;
}

void make_order(AppState& state) {
    BookView& view = state.book_view;
    view.order.resize(state.book.size());
    std::iota(view.order.begin(), view.order.end(), 0);
    // Equal values (the same segment, the same likelihood) fall back to name, then id: a stable
    // order the banker can predict, the same on every device with the same language.
    std::stable_sort(view.order.begin(), view.order.end(), [&](int a, int b) {
        const bool gap_a = missing(state.book[a], view.sort);
        const bool gap_b = missing(state.book[b], view.sort);
        if (gap_a != gap_b) return gap_b;
        const int c = gap_a ? 0 : compare(state, a, b, view.sort);
        if (c != 0) return view.descending ? c > 0 : c < 0;
        const int by_name = compare(state, a, b, BookSort::Name);
        if (by_name != 0) return by_name < 0;
        return state.book[a].customer.id < state.book[b].customer.id;
    });
    view.order_ids = book_ids(state);
    view.ranked_when_sorted = state.book_ranked;
    ++view.sorts;
}

void learn_names(AppState& state) {
    std::vector<std::string> names;
    names.reserve(state.book.size());
    for (const RankedCustomer& who : state.book) names.push_back(who.customer.name);
    state.book_view.name_places = locale_order_of_names(names);
}

std::string lowercase(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

bool matches_search(const RankedCustomer& who, const std::string& needle) {
    if (needle.empty()) return true;
    const bank::Recommendation* top = best(who);
    for (const std::string& hay : {who.customer.name, std::to_string(who.customer.id),
                                   top ? top->product_name : std::string(), who.last_feedback}) {
        if (lowercase(hay).find(needle) != std::string::npos) return true;
    }
    return false;
}

}  // namespace

const char* segment_of(const RankedCustomer& who) { return life_stage_label(who.customer.age); }

std::string last_feedback_word(const RankedCustomer& who) {
    // last_feedback reads "Offered: Easy Access Saver" (feedback_flow.cpp); the column shows the word.
    return who.last_feedback.substr(0, who.last_feedback.find(": "));
}

bool order_book(AppState& state) {
    BookView& view = state.book_view;
    const int total = static_cast<int>(state.book.size());
    const bool new_book = view.order_ids != book_ids(state);
    if (new_book) learn_names(state);
    const bool just_completed = state.book_ranked == total && view.ranked_when_sorted < total;
    // Ranking started again ("Rank all again"): the order stands until it completes.
    if (state.book_ranked < view.ranked_when_sorted) view.ranked_when_sorted = state.book_ranked;
    if (!new_book && !just_completed) return false;
    make_order(state);
    return true;
}

void keep_book_order(AppState& state) {
    if (order_book(state)) publish_state_soon(state);
}

void close_customer(AppState& state) {
    state.selected_customer = -1;
    publish_state(state);
}

std::optional<BookSort> book_sort_named(const std::string& name) {
    for (BookSort sort : {BookSort::Opportunity, BookSort::Name, BookSort::Id, BookSort::Segment, BookSort::Product,
                          BookSort::Feedback}) {
        if (name == sort_name(sort)) return sort;
    }
    return std::nullopt;
}

void sort_book(AppState& state, BookSort sort, bool descending) {
    state.book_view.sort = sort;
    state.book_view.descending = descending;
    if (state.book_view.name_places.size() != state.book.size()) learn_names(state);
    make_order(state);
    publish_state(state);
}

bool book_order_is_stale(const AppState& state) {
    const BookView& view = state.book_view;
    const std::size_t total = state.book.size();
    if (state.book_ranked < static_cast<int>(total) || view.order.size() != total || view.name_places.size() != total) {
        return false;
    }
    for (std::size_t k = 1; k < view.order.size(); ++k) {
        const int a = view.order[k - 1], b = view.order[k];
        if (missing(state.book[a], view.sort) != missing(state.book[b], view.sort)) {
            if (missing(state.book[a], view.sort)) return true;
            continue;
        }
        if (missing(state.book[a], view.sort)) continue;
        const int c = compare(state, a, b, view.sort);
        if (view.descending ? c < 0 : c > 0) return true;
    }
    return false;
}

std::vector<SegmentCount> segment_counts(const AppState& state) {
    std::map<int, SegmentCount> by_stage;  // life-stage order: Starting out first, Unknown last
    for (const RankedCustomer& who : state.book) {
        SegmentCount& s = by_stage[static_cast<int>(bank::life_stage_for_age(who.customer.age))];
        if (s.customers++ == 0) s.segment = segment_of(who);  // once: the chips are drawn every frame
    }
    std::vector<SegmentCount> counts;
    for (auto& [stage, s] : by_stage) {
        s.on = state.book_view.segments.count(s.segment) > 0;
        counts.push_back(s);
    }
    return counts;
}

void toggle_segment(AppState& state, const std::string& segment) {
    std::set<std::string>& on = state.book_view.segments;
    if (!on.erase(segment)) {
        // The page may ask for any name: only a segment of the book can be switched on.
        const std::vector<SegmentCount> present = segment_counts(state);
        if (std::none_of(present.begin(), present.end(), [&](const SegmentCount& s) { return s.segment == segment; })) return;
        on.insert(segment);
    }
    publish_state(state);
}

void clear_segments(AppState& state) {
    state.book_view.segments.clear();
    publish_state(state);
}

void set_book_search(AppState& state, const std::string& text) {
    state.book_view.search = text;
    publish_state(state);
}

std::vector<int> rows_shown(const AppState& state) {
    const BookView& view = state.book_view;
    const std::string needle = lowercase(view.search);
    std::vector<int> rows;
    rows.reserve(view.order.size());
    for (int i : view.order) {
        if (i >= static_cast<int>(state.book.size())) continue;
        const RankedCustomer& who = state.book[i];
        if (!view.segments.empty() && view.segments.count(segment_of(who)) == 0) continue;
        if (matches_search(who, needle)) rows.push_back(i);
    }
    return rows;
}

void place_book_controls(AppState& state, std::map<std::string, CanvasRect> controls) {
    const float scale = static_cast<float>(device_pixel_ratio());
    for (auto& [name, r] : controls) {
        // ImGui draws in device pixels; whole CSS pixels keep sub-pixel jitter from republishing.
        r = {std::round(r.x / scale), std::round(r.y / scale), std::round(r.width / scale), std::round(r.height / scale)};
    }
    if (controls == state.book_view.controls) return;
    state.book_view.controls = std::move(controls);
    publish_state_soon(state);
}

std::vector<std::int64_t> ordered_ids(const AppState& state) {
    std::vector<std::int64_t> ids;
    ids.reserve(state.book_view.order.size());
    for (int i : state.book_view.order) {
        if (i < static_cast<int>(state.book.size())) ids.push_back(state.book[i].customer.id);
    }
    return ids;
}

std::vector<std::int64_t> shown_ids(const AppState& state) {
    std::vector<std::int64_t> ids;
    for (int i : rows_shown(state)) ids.push_back(state.book[i].customer.id);
    return ids;
}

nlohmann::json book_view_json(const AppState& state) {
    const BookView& view = state.book_view;
    nlohmann::json segments = nlohmann::json::array();
    for (const SegmentCount& s : segment_counts(state)) {
        segments.push_back({{"segment", s.segment}, {"customers", s.customers}, {"on", s.on}});
    }
    nlohmann::json controls = nlohmann::json::object();
    for (const auto& [name, r] : view.controls) controls[name] = {{"x", r.x}, {"y", r.y}, {"width", r.width}, {"height", r.height}};
    return {{"sort", sort_name(view.sort)},
            {"descending", view.descending},
            {"ranked_when_sorted", view.ranked_when_sorted},
            {"sorts", view.sorts},
            {"stale", book_order_is_stale(state)},
            {"segments", segments},
            {"search", view.search},
            {"controls", controls}};
}

}  // namespace app
