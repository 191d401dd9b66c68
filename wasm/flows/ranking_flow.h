// Ranking on the device: once the catalog, the aggregate behavioral model and the weights have
// arrived, build the ranker and rank the signed-in customer, or a banker's whole book.
//
// A book is ranked off the page's main thread by book workers (wasm/book_worker/: the same core
// in Web Workers), which hold the book themselves: its first ranking in document order from the
// moment its data arrives, later ones best known opportunities first; the rankings stream into
// the table a few dozen at a time, on in a background tab. The page ranks on its own thread, a
// few milliseconds a frame, where no worker can start (a host or browser that forbids it,
// ?book-worker=off), if a worker stops or talks nonsense (with a notice), and for the few
// customers a worker cannot rank as the page does: those with vectors from the on-device models,
// with choices made this visit, or looked up by id (not in the book the workers were handed).
// The book is ranked without the reasons behind each list (Reasons::Later, shared/ranking): a
// customer's reasons are worked out when their cards are shown (explain_customer_now).
#pragma once

#include "shared/api/customer_record.h"
#include "wasm/app_state.h"

namespace app {

// The customer with this id: the signed-in customer or one of the banker's book; null if neither.
// Async callbacks look customers up again by id, as the book may have been reloaded meanwhile.
RankedCustomer* customer_by_id(AppState& state, std::int64_t id);

// A customer record as the proxy sends it (shared/api/customer_record.h), ready to be ranked.
RankedCustomer ranked_customer(bank::api::CustomerRecord record);

// False (and the state says why) when the pieces do not fit together.
bool prepare_ranker(AppState& state);
// Ranks now, on this thread: with reasons for the customer on screen (their own view, or the
// banker's open customer), without for anyone else in the book.
void rank_customer_now(const AppState& state, RankedCustomer& who);
// The customer's reasons for their cards, worked out now (about 2 ms); ranks them first if the
// book has not reached them yet.
void explain_customer_now(AppState& state, RankedCustomer& who);

// True once the catalog and the ranking model are in: what the page's ranker is built from.
bool ranker_inputs_in(const AppState& state);
// While a banker's data loads: the workers start (loading and compiling their module) as it
// begins, dropping any earlier user's inputs, and are handed the /api/catalog and
// /api/ranking-model answers as each arrives (or the demo's, written the same way), before the page
// decodes them: they build the page's ranker from them while the page builds its own, all before
// the book arrives.
void get_book_workers_ready(const AppState& state);
void hand_answer_to_workers(const AppState& state, const char* path, const std::string& answer);
// The banker's book as it came (the /api/book answer's text, or the demo's book written the same
// way), handed to the book workers before the page decodes it: they decode it themselves and
// start its first ranking at once, which start_book_ranking then takes over.
void hand_book_to_workers(const AppState& state, const std::string& book_answer);
// The page forgets the last user (they signed out, their session ended, a demo starts): the
// workers drop the book, the inputs and the work they hold (they stay started, for the next
// banker), and the page the run and any rankings that came early.
void forget_book_ranking();
void start_book_ranking(AppState& state);     // the whole book again ("Recompute all" too)
void continue_book_ranking(AppState& state);  // every frame; cheap when nothing is pending
// True while the page itself ranks part of the book, a few customers a frame: the frame loop must
// keep coming. While the workers rank, each batch asks for frames as it arrives; drawing every
// frame meanwhile would take from the workers the cores they rank on.
bool book_ranking_needs_frames(const AppState& state);

// Every customer of the book with their reasons (the export lists them), worked out where the
// book is ranked; then `then(state)`. At once when they all are.
bool book_explained(const AppState& state);
void explain_book(AppState& state, void (*then)(AppState&));

}  // namespace app
