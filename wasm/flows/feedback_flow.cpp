#include "wasm/flows/feedback_flow.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "shared/api/feedback.h"
#include "shared/data/json_depth.h"
#include "wasm/flows/dom_mirror.h"
#include "wasm/flows/failure_note.h"
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

void note_feedback(AppState& state, RankedCustomer& who, const std::string& product_id, const std::string& event) {
    who.feedback[product_id] = event;
    auto it = std::find_if(state.catalog.begin(), state.catalog.end(),
                           [&](const bank::Product& p) { return p.id == product_id; });
    who.last_feedback = feedback_label(event) + ": " + (it == state.catalog.end() ? product_id : it->name);
}

}  // namespace

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
            s->notice = "Thank you, your feedback was saved.";
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
        publish_state(*s);
    });
}

}  // namespace app
