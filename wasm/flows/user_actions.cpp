#include "wasm/flows/user_actions.h"

#include <sstream>

#include "shared/api/customer_record.h"
#include "shared/data/json_depth.h"

#include "wasm/flows/ai_flow.h"
#include "wasm/flows/dom_mirror.h"
#include "wasm/flows/feedback_flow.h"
#include "wasm/flows/model_flow.h"
#include "wasm/flows/ranking_flow.h"
#include "wasm/platform/browser.h"

namespace app {
namespace {

std::string trimmed(const std::string& s) {
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string::npos) return "";
    return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

}  // namespace

void set_session_interests(AppState& state, const std::string& comma_separated) {
    RankedCustomer* who = state.profile ? &*state.profile
                          : state.selected_customer >= 0 ? &state.book[state.selected_customer]
                                                         : nullptr;
    if (!who || !state.ranker) return;
    std::vector<std::string> interests;
    std::stringstream in(comma_separated);
    for (std::string item; std::getline(in, item, ',');) {
        item = trimmed(item);
        if (!item.empty() && item.size() <= 60 && interests.size() < 12) interests.push_back(item);
    }
    who->customer.interests = interests;
    // Typed interests also lift the products they name (shared/ranking/stated_interests.h).
    state.ranker->visits[who->customer.id].stated_interests = interests;
    rerank_with_models(state, *who);  // new explanations follow the new shortlist
    state.notice = "Interests updated for this visit only; they stay on this device.";
    state.notice_problem = false;
    publish_state(state);
}

void open_customer(AppState& state, int book_index) {
    if (book_index < 0 || book_index >= static_cast<int>(state.book.size())) return;
    state.selected_customer = book_index;
    RankedCustomer& who = state.book[book_index];
    explain_customer_now(state, who);  // the book was ranked without reasons; the cards show them
    request_insight(state, who);
    publish_state(state);
}

bool open_customer_by_id(AppState& state, std::int64_t id) {
    for (std::size_t i = 0; i < state.book.size(); ++i) {
        if (state.book[i].customer.id == id) {
            open_customer(state, static_cast<int>(i));
            return true;
        }
    }
    return false;
}

void look_up_customer(AppState& state, std::int64_t id) {
    if (open_customer_by_id(state, id)) {
        state.notice.clear();
        return;
    }
    const std::string denied = "Customer " + std::to_string(id) +
                               " is not in your book. You can see only the customers assigned to you.";
    if (state.demo) {
        state.notice = denied;
        state.notice_problem = true;
        return publish_state(state);
    }
    AppState* s = &state;
    http_request("GET", "/api/book/" + std::to_string(id), "", [s, denied, id](const HttpResponse& r) {
        if (r.status == 200) {
            auto record = bank::api::read_customer_record(bank::parse_json_within_depth(r.body), "/api/book/" + std::to_string(id));
            if (record.ok()) {
                s->book.push_back(ranked_customer(std::move(record).value()));
                open_customer(*s, static_cast<int>(s->book.size()) - 1);
                s->notice.clear();
            } else {
                s->notice = "The customer record could not be read: " + record.error().message();
                s->notice_problem = true;
            }
        } else {
            s->notice = r.status == 404 ? denied : "The customer could not be looked up right now.";
            s->notice_problem = true;
        }
        publish_state(*s);
    });
}

void give_feedback(AppState& state, std::int64_t customer_id, const std::string& product_id, const char* event) {
    RankedCustomer* who = customer_by_id(state, customer_id);
    if (!who) return;
    if (std::string(event) == "not_for_me" && state.user.role == bank::Role::Customer) {
        return decline_product(state, *who, product_id);
    }
    send_feedback(state, *who, product_id, event);
}

void undo_not_for_me(AppState& state) { undo_decline(state); }

void more_links(AppState& state, std::int64_t customer_id, const std::string& product_id) {
    if (RankedCustomer* who = customer_by_id(state, customer_id)) request_links(state, *who, product_id);
}

void recompute_all(AppState& state) {
    for (RankedCustomer& who : state.book) reset_insight(who);
    start_book_ranking(state);
    state.notice.clear();
    publish_state(state);
}

}  // namespace app
