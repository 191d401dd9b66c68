// The canvas is invisible to screen readers, so the page keeps an accessible DOM copy of what the
// app shows (ARIA live region + lists). End-to-end tests read the page through the same mirror.
//
// A banker's book may hold 10,000 customers, so the book is published as changes: the whole book
// when it is another book (another user, other customers), else only the entries that changed
// since the last publish, and the table's order only when it changed. web/shell.js merges them:
// the page's state (window.bankShell.state) is always the whole book. Each customer of the book
// is published as their table row (their ranked products and likelihoods, the feedback given),
// and the customer the banker opened as everything their cards show.
#pragma once

#include "wasm/app_state.h"

namespace app {

void publish_state(const AppState& state);
// The publish as a task of its own, after the current one: a frame is drawn without waiting for
// the mirror, and the load's last answer is not made longer by the whole book's first publish
// (tens to 150 milliseconds at 10,000 customers); several asked for before it runs make one, and
// a publish made meanwhile takes its place.
void publish_state_soon(const AppState& state);
// Everything again, the whole book too: when the page has lost track of what it was sent.
void publish_whole_state(const AppState& state);

}  // namespace app
