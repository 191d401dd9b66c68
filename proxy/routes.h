// The API, grouped by what it is about. Each function adds its routes to the router; the handlers
// themselves are in the matching routes_*.cpp file. docs/API.md documents every route.
#pragma once

#include "proxy/activity_store.h"
#include "proxy/ai_providers.h"
#include "proxy/answer_cache.h"
#include "proxy/metrics.h"
#include "proxy/rate_limiter.h"
#include "proxy/api_router.h"
#include "proxy/bank_records.h"
#include "proxy/login_throttle.h"
#include "proxy/password.h"
#include "proxy/sessions.h"

#include <memory>

namespace bank::proxy {

struct SignInDeps {
    const BankRecords& records;
    SessionStore& sessions;
    LoginThrottle& throttle;
    PasswordChecker& passwords;
    ActivityStore& store;  // failed and refused sign-ins are audited
    bool tls;
};
// POST /api/login, POST /api/logout, GET /api/me
void add_sign_in_routes(ApiRouter& router, SignInDeps deps);

// GET /api/catalog, GET /api/ranking-model, GET /api/profile, GET /api/book,
// GET /api/book/{customer_id}; every view of a customer's record is written to the audit trail
// first (no audit, no data). min_group_size: ProxyConfig::min_group_size.
void add_record_routes(ApiRouter& router, const BankRecords& records, ActivityStore& store,
                       const RankingWeights& weights, int min_group_size, const std::string& propensity_model);

// The body of GET /api/ranking-model: the behavioural model fit on `records`, publishing nothing
// that rests on fewer than min_group_size customers, the weights, and the learned propensity model
// (XGBoost JSON, checked at start; "" = none) under "propensity".
std::string ranking_model_json(const BankRecords& records, const RankingWeights& weights, int min_group_size,
                               const std::string& propensity_model = {});

// POST /api/feedback, GET /api/feedback, POST /api/audit/export
void add_activity_routes(ApiRouter& router, const BankRecords& records, ActivityStore& store);

// The AI features: for each, the configured provider (real when its key is set, else the offline
// one) and the offline provider it falls back to, plus what they share.
struct AiServices {
    std::unique_ptr<ExplanationProvider> explanations, offline_explanations;
    std::unique_ptr<SummaryProvider> summaries, offline_summaries;
    std::unique_ptr<LinkProvider> links, offline_links;
    AnswerCache& cache;
    Metrics& metrics;
    RateLimiter& per_user;  // shared by every replica: signing in again does not reset it
    std::vector<std::string> secrets;  // the configured keys: no answer may contain one
};

// POST /api/generate, POST /api/summarize, POST /api/search
void add_ai_routes(ApiRouter& router, const BankRecords& records, ActivityStore& store, AiServices& ai);

// The customer a call is about: a customer's own record, or for a banker the customer named by
// `customer_id` if it is in their book. Otherwise sends the error, audits the refusal (who asked
// for which customer on which route) and returns null.
const Customer* customer_in_reach(ApiCall& call, const BankRecords& records, ActivityStore& store,
                                  const nlohmann::json& customer_id);
// Audits a refused request naming a customer: the caller, the customer id asked for (when it is
// one) and the route with the status it got. Best effort: the refusal stands either way.
void audit_refusal(ApiCall& call, ActivityStore& store, const nlohmann::json& customer_id);
// Writes the audit records for a call; sends 503 and returns false if the store refuses.
bool audit_or_refuse(ApiCall& call, ActivityStore& store, const std::string& action,
                     const std::vector<std::int64_t>& customer_ids, const std::string& detail = "");
// A decimal customer id (path segment or session subject); false for anything else.
bool parse_customer_id(const std::string& text, std::int64_t& id);

// The JSON a signed-in user is described by (login and /api/me).
nlohmann::json describe_user(const BankRecords& records, const User& user);

}  // namespace bank::proxy
