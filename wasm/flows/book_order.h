// The banker's book table as a banker works it: opened sorted by opportunity (the best product's
// likelihood, highest first), narrowed by segment chips and a search box, sorted by any column.
//
// Ranking results stream in (a few customers at a time). Re-sorting on every batch would move the
// rows under the banker's pointer and keyboard focus, so while ranking runs the order stands and the
// table says so ("Ranked 40 of 76 · sorted by likelihood when done", with "Sort now"); it is sorted
// again once, when ranking completes. Customers not yet ranked always come after the ranked ones.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "wasm/app_state.h"

namespace app {

// Sorts afresh when the book changed (signed in, a customer looked up) or ranking has just
// completed; true when it did. Called where the book arrives and where its ranking completes,
// which publish the state after it: a 10,000-customer book's names are collated and sorted there,
// outside a frame.
bool order_book(AppState& state);
// The same every frame the table is drawn (a customer looked up joins the book there), publishing
// the state soon when the order changed.
void keep_book_order(AppState& state);
// Back to the book from one customer (narrow windows show one at a time).
void close_customer(AppState& state);
// The banker sorts (a column header, "Sort now").
void sort_book(AppState& state, BookSort sort, bool descending);
// The sort published as book_view.sort ("opportunity", "name", ...); nullopt for any other name.
std::optional<BookSort> book_sort_named(const std::string& name);
// Ranking finished, yet the order no longer follows the values (the on-device language model
// arrived and ranked again): the table offers to sort rather than moving rows on its own.
bool book_order_is_stale(const AppState& state);

// The segment chips: each segment present in the book, in life-stage order, with its count.
struct SegmentCount {
    std::string segment;  // "Early career"
    int customers = 0;
    bool on = false;
};
std::vector<SegmentCount> segment_counts(const AppState& state);
void toggle_segment(AppState& state, const std::string& segment);
void clear_segments(AppState& state);
void set_book_search(AppState& state, const std::string& text);

// Indices into book of the rows shown, in order: the sort, then the chips and the search.
std::vector<int> rows_shown(const AppState& state);

// The segment a banker filters by: the customer's stage of life, the only form in which age
// reaches the ranker.
const char* segment_of(const RankedCustomer& who);
// "Offered", "Not for me": the word of the customer's latest feedback, for the book's column.
std::string last_feedback_word(const RankedCustomer& who);

// Where the view drew the table's controls this frame; publishes the state when they moved.
void place_book_controls(AppState& state, std::map<std::string, CanvasRect> controls);

// The table as shown, for the accessible mirror and the tests: sort, chips, controls. Its rows
// are published beside it, only when they changed (dom_mirror.cpp): the ids of every customer in
// the table's order, and of the rows shown (after the chips and the search).
nlohmann::json book_view_json(const AppState& state);
std::vector<std::int64_t> ordered_ids(const AppState& state);
std::vector<std::int64_t> shown_ids(const AppState& state);

}  // namespace app
