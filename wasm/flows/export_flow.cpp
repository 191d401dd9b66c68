#include "wasm/flows/export_flow.h"

#include <nlohmann/json.hpp>

#include "shared/ranking/next_best_actions.h"
#include "wasm/flows/dom_mirror.h"
#include "wasm/flows/failure_note.h"
#include "wasm/labels.h"
#include "wasm/platform/browser.h"

namespace app {
namespace {

using nlohmann::json;

std::vector<bank::NextBestAction> next_best_actions(const AppState& state) {
    std::vector<bank::NextBestAction> rows;
    for (const RankedCustomer& who : state.book) {
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
            a.category = bank::to_string(r.category);
            a.score = r.score;
            for (const bank::Reason& reason : r.reasons) a.reasons += (a.reasons.empty() ? "" : "; ") + reason.text;
            auto fb = who.feedback.find(r.product_id);
            if (fb != who.feedback.end()) a.last_feedback = fb->second;
            rows.push_back(std::move(a));
        }
    }
    return rows;
}

}  // namespace

void export_next_best_actions(AppState& state) {
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
