#include <string>

#include "proxy/api_response.h"
#include "proxy/gzip_answer.h"
#include "proxy/routes.h"
#include "shared/data/vocabulary.h"

namespace bank::proxy {

namespace {

constexpr std::size_t kFeedbackListLimit = 1000;
constexpr std::size_t kMaxExport = 10000;

api::FeedbackEntry feedback_entry(const FeedbackRecord& r) {
    // The store writes actor_role from the session's role, so it is always one the codec knows.
    return {r.id, r.at, r.customer_id, r.product_id, r.event, parse_role(r.actor_role).value_or(Role::Customer)};
}

// Customers say whether a product interests them; bankers record what they offered and what the
// customer accepted.
bool role_may_record(Role role, FeedbackEvent e) {
    const bool customer_event = e == FeedbackEvent::Interested || e == FeedbackEvent::NotForMe;
    return role == Role::Customer ? customer_event : !customer_event;
}

void add_feedback(ApiCall& call, const BankRecords& records, ActivityStore& store) {
    const Customer* customer = customer_in_reach(call, records, store, call.body.value("customer_id", nlohmann::json()));
    if (!customer) return;
    const auto product = call.body.value("product_id", nlohmann::json());
    const auto event_text = call.body.value("event", nlohmann::json());
    if (!product.is_string() || !records.product(product.get<std::string>())) {
        return send_error(call.res, 400, "unknown_product", "product_id must be a product of the catalog.");
    }
    const auto event = event_text.is_string() ? parse_feedback_event(event_text.get<std::string>()) : std::nullopt;
    if (!event) {
        return send_error(call.res, 400, "invalid_event",
                          "event must be one of interested, not_for_me, offered, accepted.");
    }
    if (!role_may_record(call.session->role, *event)) {
        return send_error(call.res, 403, "forbidden",
                          call.session->role == Role::Customer
                              ? "Customers record interested or not_for_me."
                              : "Bankers record offered or accepted.");
    }
    FeedbackRecord r;
    r.customer_id = customer->id;
    r.product_id = product.get<std::string>();
    r.event = *event;
    r.actor = call.session->username;
    r.actor_role = to_string(call.session->role);
    const auto saved = store.add_feedback(r);
    if (!saved) {
        return send_error(call.res, 503, "store_unavailable",
                          "The feedback could not be saved. Try again shortly.");
    }
    send_json(call.res, 201, api::write_feedback_entry(feedback_entry(*saved)));
}

void list_feedback(ApiCall& call, const BankRecords& records, ActivityStore& store) {
    std::vector<std::int64_t> ids;
    if (call.session->role == Role::Customer || call.http.has_param("customer_id")) {
        std::int64_t id = 0;
        nlohmann::json wanted;
        if (parse_customer_id(call.http.get_param_value("customer_id"), id)) wanted = id;
        const Customer* c = customer_in_reach(call, records, store, wanted);
        if (!c) return;
        ids.push_back(c->id);
    } else {
        for (const Customer* c : records.book(call.session->subject_id)) ids.push_back(c->id);
    }
    const auto found = store.feedback_for(ids, kFeedbackListLimit);
    if (!found) {
        return send_error(call.res, 503, "store_unavailable", "The feedback cannot be read right now. Try again shortly.");
    }
    api::FeedbackList list;
    for (const FeedbackRecord& r : *found) list.events.push_back(feedback_entry(r));
    send_json_maybe_gzipped(call.http, call.res, 200, json_text(api::write_feedback_list(list)));
}

// The banker's CSV export is built in the browser from data the banker already has; what the
// proxy does is record, before the export happens, which customers it covers.
void record_export(ApiCall& call, const BankRecords& records, ActivityStore& store) {
    const auto ids = call.body.value("customer_ids", nlohmann::json());
    if (!ids.is_array() || ids.empty() || ids.size() > kMaxExport) {
        return send_error(call.res, 400, "invalid_request", "Send {\"customer_ids\": [ ... ]} with 1 to 10000 ids.");
    }
    std::vector<std::int64_t> covered;
    for (const auto& id : ids) {
        if (!id.is_number_integer() || !records.in_book(call.session->subject_id, id.get<std::int64_t>())) {
            send_error(call.res, 404, "not_found", "No customer with this id in your book.");
            return audit_refusal(call, store, id);
        }
        covered.push_back(id.get<std::int64_t>());
    }
    if (!audit_or_refuse(call, store, "export", covered, "next-best-actions csv")) return;
    send_json(call.res, 200, {{"recorded", covered.size()}});
}

}  // namespace

void audit_refusal(ApiCall& call, ActivityStore& store, const nlohmann::json& customer_id) {
    AuditRecord r;
    r.actor = call.session->username;
    r.actor_role = to_string(call.session->role);
    r.action = "access_refused";
    std::int64_t id = 0;
    if (customer_id.is_number_integer()) r.customer_id = customer_id.get<std::int64_t>();
    else if (customer_id.is_string() && parse_customer_id(customer_id.get<std::string>(), id)) r.customer_id = id;
    r.detail = call.http.method + " " + current_request().route + " " + std::to_string(call.res.status);
    store.audit({r});
}

void add_activity_routes(ApiRouter& router, const BankRecords& records, ActivityStore& store) {
    const BankRecords* r = &records;
    ActivityStore* st = &store;
    router.post("/api/feedback", "/api/feedback", Access::SignedIn,
                [r, st](ApiCall& call) { add_feedback(call, *r, *st); });
    router.get("/api/feedback", "/api/feedback", Access::SignedIn,
               [r, st](ApiCall& call) { list_feedback(call, *r, *st); });
    router.post("/api/audit/export", "/api/audit/export", Access::Banker,
                [r, st](ApiCall& call) { record_export(call, *r, *st); });
}

}  // namespace bank::proxy
