#include "wasm/flows/feedback_flow.h"

#include <algorithm>

#include <emscripten/emscripten.h>

#include <nlohmann/json.hpp>

#include "shared/api/feedback.h"
#include "shared/data/json_depth.h"
#include "wasm/flows/dom_mirror.h"
#include "wasm/flows/failure_note.h"
#include "wasm/flows/model_flow.h"
#include "wasm/flows/ranking_flow.h"
#include "wasm/platform/browser.h"

namespace app {
namespace {

using nlohmann::json;

std::string feedback_label(const std::string& event) {
    if (event == "offered") return "Offered";
    if (event == "accepted") return "Accepted";
    if (event == "interested") return "Interested";
    if (event == "not_for_me") return "Not for me";
    return event;
}

// A customer who said "Not for me" on an earlier visit does not see the product again (their
// latest word on it counts: "Interested" since then brings it back).
void leave_out_declined(AppState& state, RankedCustomer& who) {
    if (!state.ranker) return;
    std::vector<std::string>& declined = state.ranker->visits[who.customer.id].not_for_me;
    bool changed = false;
    for (const auto& [product_id, event] : who.feedback) {
        if (event == "not_for_me" && std::find(declined.begin(), declined.end(), product_id) == declined.end()) {
            declined.push_back(product_id);
            changed = true;
        }
    }
    if (changed) rerank_with_models(state, who);
}

void note_feedback(AppState& state, RankedCustomer& who, const std::string& product_id, const std::string& event) {
    who.feedback[product_id] = event;
    auto it = std::find_if(state.catalog.begin(), state.catalog.end(),
                           [&](const bank::Product& p) { return p.id == product_id; });
    who.last_feedback = feedback_label(event) + ": " + (it == state.catalog.end() ? product_id : it->name);
}

AppState* g_declining = nullptr;  // the state the undo timer closes a window in

std::vector<std::string>* declined_by(AppState& state, std::int64_t customer_id) {
    if (!state.ranker) return nullptr;
    return &state.ranker->visits[customer_id].not_for_me;
}

const std::string& product_name(const AppState& state, const std::string& product_id) {
    auto it = std::find_if(state.catalog.begin(), state.catalog.end(),
                           [&](const bank::Product& p) { return p.id == product_id; });
    return it == state.catalog.end() ? product_id : it->name;
}

// The window closed without Undo: now the proxy hears of it.
void close_decline_window(AppState& state) {
    if (!state.pending_decline) return;
    const PendingDecline d = *state.pending_decline;
    state.pending_decline.reset();
    if (RankedCustomer* who = customer_by_id(state, d.customer_id)) send_feedback(state, *who, d.product_id, "not_for_me");
}

void on_undo_timer(void* ticket) {
    AppState& state = *g_declining;
    const int t = static_cast<int>(reinterpret_cast<std::intptr_t>(ticket));
    if (state.pending_decline && state.pending_decline->ticket == t) close_decline_window(state);
}

}  // namespace

void decline_product(AppState& state, RankedCustomer& who, const std::string& product_id) {
    std::vector<std::string>* declined = declined_by(state, who.customer.id);
    if (!declined) return;
    close_decline_window(state);
    if (std::find(declined->begin(), declined->end(), product_id) == declined->end()) declined->push_back(product_id);
    rerank_with_models(state, who);
    const int ticket = ++state.decline_tickets;
    state.pending_decline = PendingDecline{who.customer.id, product_id, product_name(state, product_id), ticket};
    state.notice.clear();
    g_declining = &state;
    emscripten_async_call(on_undo_timer, reinterpret_cast<void*>(static_cast<std::intptr_t>(ticket)), kUndoSeconds * 1000);
    publish_state(state);
}

void undo_decline(AppState& state) {
    if (!state.pending_decline) return;
    const PendingDecline d = *state.pending_decline;
    state.pending_decline.reset();
    RankedCustomer* who = customer_by_id(state, d.customer_id);
    std::vector<std::string>* declined = declined_by(state, d.customer_id);
    if (!who || !declined) return publish_state(state);
    declined->erase(std::remove(declined->begin(), declined->end(), d.product_id), declined->end());
    rerank_with_models(state, *who);
    state.notice = d.product_name + " is back in your list.";
    state.notice_problem = false;
    publish_state(state);
}

void send_feedback(AppState& state, RankedCustomer& who, const std::string& product_id, const char* event) {
    if (state.demo) {
        note_feedback(state, who, product_id, event);
        state.notice = "Recorded on this device only (demo).";
        return publish_state(state);
    }
    json body = {{"product_id", product_id}, {"event", event}};
    if (state.user.role == bank::Role::Banker) body["customer_id"] = who.customer.id;
    const std::int64_t id = who.customer.id;
    const std::string ev = event;
    AppState* s = &state;
    http_request("POST", "/api/feedback", body.dump(), [s, id, product_id, ev](const HttpResponse& r) {
        RankedCustomer* who = customer_by_id(*s, id);
        if (r.status != 201) {
            s->notice = "Your feedback was not saved: " + failure_note(r);
            s->notice_problem = true;
        } else if (who) {
            note_feedback(*s, *who, product_id, ev);
            s->notice_problem = false;
            s->notice = ev == "not_for_me" ? "Noted: we will not suggest the " + product_name(*s, product_id) + " again."
                                           : "Thank you, your feedback was saved.";
            if (s->user.role == bank::Role::Banker) s->notice = "Saved: " + who->last_feedback + ".";
        }
        publish_state(*s);
    });
}

void load_feedback(AppState& state) {
    if (state.demo) return;
    AppState* s = &state;
    http_request("GET", "/api/feedback", "", [s](const HttpResponse& r) {
        if (r.status != 200) return;  // the screens work without it; the next event will show
        const auto list = bank::api::read_feedback_list(bank::parse_json_within_depth(r.body), "/api/feedback");
        if (!list.ok()) return;
        const auto& events = list.value().events;
        // Newest first: walk backwards so the newest event per product is applied last.
        for (auto it = events.rbegin(); it != events.rend(); ++it) {
            RankedCustomer* who = customer_by_id(*s, it->customer_id);
            if (who) note_feedback(*s, *who, it->product_id, bank::api::to_string(it->event));
        }
        if (s->user.role == bank::Role::Customer && s->profile) leave_out_declined(*s, *s->profile);
        publish_state(*s);
    });
}

}  // namespace app
