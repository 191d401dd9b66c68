#include "wasm/flows/export_flow.h"

#include <nlohmann/json.hpp>

#include "shared/ranking/next_best_actions.h"
#include "shared/ranking/reasons.h"
#include "wasm/flows/dom_mirror.h"
#include "wasm/flows/failure_note.h"
#include "wasm/flows/ranking_flow.h"
#include "wasm/labels.h"
#include "wasm/platform/browser.h"

namespace app {
namespace {

using nlohmann::json;

// The whole book, in the order of the book table (best opportunity first, or as the banker sorted).
std::vector<int> book_rows(const AppState& state) {
    if (state.book_view.order.size() == state.book.size()) return state.book_view.order;
    std::vector<int> rows(state.book.size());
    for (std::size_t i = 0; i < rows.size(); ++i) rows[i] = static_cast<int>(i);
    return rows;
}

std::vector<bank::NextBestAction> next_best_actions(const AppState& state) {
    std::vector<bank::NextBestAction> rows;
    for (int i : book_rows(state)) {
        const RankedCustomer& who = state.book[i];
        if (!who.ranking) continue;
        int rank = 0;
        for (const bank::Recommendation& r : who.ranking->recommendations) {
            bank::NextBestAction a;
            a.customer_id = who.customer.id;
            a.customer_name = who.customer.name;
            a.segment = life_stage_label(who.customer.age);
            a.rank = ++rank;
            a.product_id = r.product_id;
            a.product_name = r.product_name;
            a.category = category_label(r.category);
            // The same words as on screen: "38%"; the hybrid's raw score is never shown to
            // anyone, so its rows carry the rank alone.
            a.likelihood = likelihood_percent(r.likelihood);
            // As the banker reads them on the customer's cards: "their", not "your".
            for (const bank::Reason& reason : r.reasons) {
                a.reasons += (a.reasons.empty() ? "" : "; ") + bank::reason_text(reason, bank::Voice::Banker);
            }
            auto fb = who.feedback.find(r.product_id);
            if (fb != who.feedback.end()) a.last_feedback = feedback_event_label(fb->second);
            rows.push_back(std::move(a));
        }
    }
    return rows;
}

}  // namespace

void export_next_best_actions(AppState& state) {
    // The book is ranked without its reasons (worked out when a customer is opened); the file
    // lists them all, so they are worked out first, where the book is ranked (ranking_flow.h).
    if (!book_explained(state)) return explain_book(state, export_next_best_actions);
    const std::string csv = bank::next_best_actions_csv(next_best_actions(state));
    if (state.demo) {
        download_text("next-best-actions.csv", "text/csv", csv);
        state.notice = "Exported (demo: nothing was recorded).";
        return publish_state(state);
    }
    json ids = json::array();
    for (const RankedCustomer& who : state.book) ids.push_back(who.customer.id);
    AppState* s = &state;
    http_request("POST", "/api/audit/export", json{{"customer_ids", ids}}.dump(), [s, csv](const HttpResponse& r) {
        if (r.status != 200) {
            s->notice = "Export refused: " + failure_note(r);
            s->notice_problem = true;
        } else {
            download_text("next-best-actions.csv", "text/csv", csv);
            s->notice_problem = false;
            s->notice = "Exported next-best-actions.csv; the export is recorded in the audit trail.";
        }
        publish_state(*s);
    });
}

}  // namespace app
