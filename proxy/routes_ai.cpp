#include <set>
#include <string>

#include "proxy/api_response.h"
#include "proxy/gzip_answer.h"
#include "proxy/routes.h"
#include "shared/ai/summary.h"
#include "shared/api/ai_answers.h"
#include "shared/ranking/eligibility.h"

namespace bank::proxy {

namespace {

constexpr std::size_t kMaxShortlist = 6;
constexpr std::size_t kMaxReasonsPerProduct = 4;

// Why a real provider was not used, for people: the code says exactly what happened.
std::string fallback_message(const std::string& code) {
    if (code == "circuit_open" || code == "rate_limited" || code == "timeout" || code == "unreachable" ||
        code == "upstream_error" || code == "connection_reset" || code == "payment_required")
        return "The AI service is not available right now, so this answer was built on our server from the "
               "ranking's own facts.";
    if (code == "invalid_answer")
        return "The AI service's answer did not match the bank's product facts, so this answer was built on our "
               "server from the ranking's own facts.";
    return "The AI service's answer could not be used, so this answer was built on our server from the "
           "ranking's own facts.";
}

std::string body_text(const nlohmann::json& body) {
    return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// An upstream that echoes a key back (in an error text turned answer, say) must not get it to
// the browser.
bool mentions_secret(const nlohmann::json& body, const std::vector<std::string>& secrets) {
    const std::string text = body_text(body);
    for (const std::string& s : secrets) {
        if (s.size() >= 8 && text.find(s) != std::string::npos) return true;
    }
    return false;
}

// The response body: from the primary provider when it is real and answers, else from the
// offline provider; caches what a real provider said (keyed by the de-identified question).
template <class T, class Provider, class Question, class Payload>
std::string answer_with_fallback(const std::string& route, AiServices& ai, Provider& primary, Provider& offline,
                                 const Question& question, ProviderAnswer<T> (Provider::*ask)(const Question&),
                                 Payload payload) {
    std::optional<api::AnswerFallback> fallback;
    const nlohmann::json identity = primary.cache_identity(question);
    if (&primary != &offline && !identity.is_null()) {
        const std::string key = cache_key(route + "|" + primary.name(), identity);
        if (auto hit = ai.cache.find(key)) {
            ai.metrics.cache_lookup(primary.name(), true);
            ai.metrics.answer_provider(route, primary.name());
            return std::move(*hit);
        }
        ai.metrics.cache_lookup(primary.name(), false);
        ProviderAnswer<T> answer = (primary.*ask)(question);
        if (answer.ok() && mentions_secret(payload(answer.value()), ai.secrets)) {
            answer = ProviderFailure{"invalid_answer", "secret"};
        }
        if (!answer.ok() && answer.error().code == "invalid_answer") ai.metrics.answer_rejected(route, answer.error().rejected_for);
        if (answer.ok()) {
            nlohmann::json body = payload(answer.value());
            nlohmann::json cached = body;
            api::write_origin(cached, {primary.name(), true, std::nullopt});
            ai.cache.store(key, body_text(cached));
            api::write_origin(body, {primary.name(), false, std::nullopt});
            ai.metrics.answer_provider(route, primary.name());
            return body_text(body);
        }
        fallback = api::AnswerFallback{answer.error().code, fallback_message(answer.error().code)};
    }
    ProviderAnswer<T> offline_answer = (offline.*ask)(question);
    nlohmann::json body = payload(offline_answer.value());
    api::write_origin(body, {offline.name(), false, std::move(fallback)});
    ai.metrics.answer_provider(route, offline.name());
    return body_text(body);
}

bool within_ai_rate(ApiCall& call, AiServices& ai) {
    const auto wait = ai.per_user.take(call.session->username);
    if (wait.count() == 0) return true;
    ai.metrics.rate_limited("user_ai");
    call.res.set_header("Retry-After", std::to_string(wait.count()));
    send_error(call.res, 429, "too_many_requests",
               "Too many AI requests from this account. Wait " + std::to_string(wait.count()) + " seconds.");
    return false;
}

// The shortlist named by "product_ids" and "reason_codes", every product real and, when a
// customer is given, eligible for them and not already held. Sends 400 and returns nullopt otherwise.
std::optional<ai::Shortlist> read_shortlist(ApiCall& call, const BankRecords& records, const Customer* customer) {
    const auto ids = call.body.value("product_ids", nlohmann::json());
    if (!ids.is_array() || ids.empty() || ids.size() > kMaxShortlist) {
        send_error(call.res, 400, "invalid_request", "product_ids must list 1 to 6 product ids.");
        return std::nullopt;
    }
    ai::Shortlist shortlist;
    std::set<std::string> seen;
    for (const auto& id : ids) {
        const Product* p = id.is_string() ? records.product(id.get<std::string>()) : nullptr;
        if (!p || !seen.insert(p->id).second) {
            send_error(call.res, 400, "unknown_product", "product_ids must be distinct products of the catalog.");
            return std::nullopt;
        }
        if (customer) {
            const bool held = std::find(customer->products_held.begin(), customer->products_held.end(), p->id) !=
                              customer->products_held.end();
            if (held || failed_rule(*customer, *p)) {
                send_error(call.res, 400, "ineligible_product",
                           "Product " + p->id + " is not open to this customer, so it cannot be recommended.");
                return std::nullopt;
            }
        }
        shortlist.products.push_back(p);
    }
    const auto reasons = call.body.value("reason_codes", nlohmann::json::object());
    if (!reasons.is_object()) {
        send_error(call.res, 400, "invalid_request", "reason_codes must map product ids to lists of codes.");
        return std::nullopt;
    }
    for (const auto& [pid, codes] : reasons.items()) {
        if (!seen.count(pid) || !codes.is_array() || codes.size() > kMaxReasonsPerProduct) {
            send_error(call.res, 400, "invalid_request",
                       "reason_codes must map listed product ids to at most 4 codes each.");
            return std::nullopt;
        }
        for (const auto& code : codes) {
            const auto parsed = code.is_string() ? ai::parse_reason_code(code.get<std::string>()) : std::nullopt;
            if (!parsed) {
                send_error(call.res, 400, "invalid_reason_code", "reason_codes holds a code the ranker does not use.");
                return std::nullopt;
            }
            shortlist.reasons[pid].push_back(*parsed);
        }
    }
    return shortlist;
}

void generate(ApiCall& call, const BankRecords& records, ActivityStore& store, AiServices& ai) {
    const Customer* customer = customer_in_reach(call, records, store, call.body.value("customer_id", nlohmann::json()));
    if (!customer) return;
    auto shortlist = read_shortlist(call, records, customer);
    if (!shortlist || !within_ai_rate(call, ai)) return;
    if (!audit_or_refuse(call, store, "explain", {customer->id})) return;

    ai::ExplanationTask task{ai::deidentify(*customer, records.spending(customer->id), records.dataset().catalog),
                             std::move(*shortlist)};
    auto body = answer_with_fallback<std::vector<ai::Explanation>>(
        "/api/generate", ai, *ai.explanations, *ai.offline_explanations, task, &ExplanationProvider::explain,
        [](const std::vector<ai::Explanation>& explanations) { return api::write_explanations(explanations); });
    send_json_maybe_gzipped(call.http, call.res, 200, std::move(body));
}

void summarize(ApiCall& call, const BankRecords& records, AiServices& ai) {
    auto shortlist = read_shortlist(call, records, nullptr);
    if (!shortlist || !within_ai_rate(call, ai)) return;
    auto body = answer_with_fallback<std::string>(
        "/api/summarize", ai, *ai.summaries, *ai.offline_summaries, *shortlist, &SummaryProvider::summarize,
        [](const std::string& summary) { return api::write_summary(summary); });
    send_json_maybe_gzipped(call.http, call.res, 200, std::move(body));
}

void search(ApiCall& call, const BankRecords& records, AiServices& ai) {
    const auto id = call.body.value("product_id", nlohmann::json());
    const Product* product = id.is_string() ? records.product(id.get<std::string>()) : nullptr;
    if (!product) return send_error(call.res, 400, "unknown_product", "product_id must be a product of the catalog.");
    if (!within_ai_rate(call, ai)) return;
    auto body = answer_with_fallback<std::vector<ai::ProductLink>>(
        "/api/search", ai, *ai.links, *ai.offline_links, *product, &LinkProvider::links,
        [&](const std::vector<ai::ProductLink>& links) { return api::write_links(product->id, links); });
    send_json_maybe_gzipped(call.http, call.res, 200, std::move(body));
}

}  // namespace

void add_ai_routes(ApiRouter& router, const BankRecords& records, ActivityStore& store, AiServices& ai) {
    const BankRecords* r = &records;
    ActivityStore* st = &store;
    AiServices* a = &ai;
    router.post("/api/generate", "/api/generate", Access::SignedIn,
                [r, st, a](ApiCall& call) { generate(call, *r, *st, *a); });
    router.post("/api/summarize", "/api/summarize", Access::SignedIn,
                [r, a](ApiCall& call) { summarize(call, *r, *a); });
    router.post("/api/search", "/api/search", Access::SignedIn, [r, a](ApiCall& call) { search(call, *r, *a); });
}

}  // namespace bank::proxy
