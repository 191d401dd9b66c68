#include <cstdlib>
#include <memory>
#include <string>

#include "proxy/api_response.h"
#include "proxy/gzip_answer.h"
#include "proxy/routes.h"
#include "shared/api/book.h"
#include "shared/api/customer_record.h"
#include "shared/api/ranking_model.h"

namespace bank::proxy {

bool parse_customer_id(const std::string& text, std::int64_t& id) {
    if (text.empty() || text.size() > 18) return false;
    for (char c : text) {
        if (c < '0' || c > '9') return false;
    }
    id = std::strtoll(text.c_str(), nullptr, 10);
    return true;
}

const Customer* customer_in_reach(ApiCall& call, const BankRecords& records, ActivityStore& store,
                                  const nlohmann::json& customer_id) {
    std::int64_t id = 0;
    if (call.session->role == Role::Customer) {
        const Customer* own = parse_customer_id(call.session->subject_id, id) ? records.customer(id) : nullptr;
        if (!own) send_error(call.res, 404, "not_found", "Your customer record was not found.");
        return own;
    }
    if (!customer_id.is_number_integer() || !records.in_book(call.session->subject_id, customer_id.get<std::int64_t>())) {
        send_error(call.res, 404, "not_found", "No customer with this id in your book.");
        audit_refusal(call, store, customer_id);
        return nullptr;
    }
    return records.customer(customer_id.get<std::int64_t>());
}

bool audit_or_refuse(ApiCall& call, ActivityStore& store, const std::string& action,
                     const std::vector<std::int64_t>& customer_ids, const std::string& detail) {
    std::vector<AuditRecord> records;
    for (std::int64_t id : customer_ids) {
        AuditRecord r;
        r.actor = call.session->username;
        r.actor_role = to_string(call.session->role);
        r.action = action;
        r.customer_id = id;
        r.detail = detail;
        records.push_back(std::move(r));
    }
    if (records.empty() || store.audit(records)) return true;
    send_error(call.res, 503, "store_unavailable",
               "The audit trail cannot be written right now, so no customer data is shown. Try again shortly.");
    return false;
}

namespace {

void profile(ApiCall& call, const BankRecords& records, ActivityStore& store) {
    const Customer* c = customer_in_reach(call, records, store, nullptr);
    if (!c || !audit_or_refuse(call, store, "view_profile", {c->id})) return;
    send_json_maybe_gzipped(call.http, call.res, 200,
                            json_text(api::write_customer_record(records.customer_record(*c))));
}

void book(ApiCall& call, const BankRecords& records, ActivityStore& store) {
    const Banker* banker = records.banker(call.session->subject_id);
    if (!banker) return send_error(call.res, 404, "not_found", "Your banker record was not found.");
    const auto assigned = records.book(banker->id);
    std::vector<std::int64_t> ids;
    for (const Customer* c : assigned) ids.push_back(c->id);
    if (!audit_or_refuse(call, store, "view_book", ids)) return;
    send_json_maybe_gzipped(call.http, call.res, 200, json_text(api::write_book(records.book_record(*banker))));
}

// A customer outside the banker's book gets the same 404 as one that does not exist, so a
// banker cannot learn which customer ids exist elsewhere in the bank.
void book_customer(ApiCall& call, const BankRecords& records, ActivityStore& store) {
    std::int64_t id = 0;
    if (!parse_customer_id(call.http.matches[1].str(), id) ||
        !records.in_book(call.session->subject_id, id)) {
        send_error(call.res, 404, "not_found", "No customer with this id in your book.");
        return audit_refusal(call, store, call.http.matches[1].str());
    }
    if (!audit_or_refuse(call, store, "view_customer", {id})) return;
    send_json_maybe_gzipped(call.http, call.res, 200,
                            json_text(api::write_customer_record(records.customer_record(*records.customer(id)))));
}

}  // namespace

// Computed once: the data does not change while the proxy runs.
std::string ranking_model_json(const BankRecords& records, const RankingWeights& weights, int min_group_size,
                               const std::string& propensity_model) {
    return api::write_ranking_model(published_ranking_model(records, weights, min_group_size, propensity_model))
        .dump();
}

void add_record_routes(ApiRouter& router, const BankRecords& records, ActivityStore& store,
                       const RankingWeights& weights, int min_group_size, const std::string& propensity_model) {
    const BankRecords* r = &records;
    ActivityStore* st = &store;
    // Read on every sign-in, the same for everyone: compressed once, here.
    auto catalog_gzipped = std::make_shared<const std::string>(gzip_text(records.catalog_json()));
    router.get("/api/catalog", "/api/catalog", Access::Public, [r, catalog_gzipped](ApiCall& call) {
        send_json_precompressed(call.http, call.res, r->catalog_json(), *catalog_gzipped);
    });
    // Half a megabyte with the learned model, the same for everyone: compressed once, here.
    auto model = std::make_shared<const std::string>(ranking_model_json(records, weights, min_group_size, propensity_model));
    auto model_gzipped = std::make_shared<const std::string>(gzip_text(*model));
    router.get("/api/ranking-model", "/api/ranking-model", Access::SignedIn, [model, model_gzipped](ApiCall& call) {
        send_json_precompressed(call.http, call.res, *model, *model_gzipped);
    });
    router.get("/api/profile", "/api/profile", Access::Customer,
               [r, st](ApiCall& call) { profile(call, *r, *st); });
    router.get("/api/book", "/api/book", Access::Banker, [r, st](ApiCall& call) { book(call, *r, *st); });
    router.get("/api/book/{customer_id}", "/api/book/([^/]+)", Access::Banker,
               [r, st](ApiCall& call) { book_customer(call, *r, *st); });
}

}  // namespace bank::proxy
