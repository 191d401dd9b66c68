#include "wasm/flows/ai_flow.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "shared/ai/explanation.h"
#include "shared/ai/product_links.h"
#include "shared/ai/summary.h"
#include "shared/api/ai_answers.h"
#include "shared/ranking/card_reasons.h"
#include "shared/data/json_depth.h"
#include "wasm/flows/dom_mirror.h"
#include "wasm/flows/failure_note.h"
#include "wasm/flows/ranking_flow.h"
#include "wasm/platform/browser.h"

namespace app {
namespace {

using nlohmann::json;

constexpr std::size_t kShortlist = 6;  // the proxy explains at most six products per call

json shortlist_request(const AppState& state, const RankedCustomer& who) {
    json body = {{"product_ids", json::array()}, {"reason_codes", json::object()}};
    const auto& recs = who.ranking->recommendations;
    for (std::size_t i = 0; i < recs.size() && i < kShortlist; ++i) {
        body["product_ids"].push_back(recs[i].product_id);
        json codes = json::array();
        for (const bank::Reason& r : recs[i].reasons) codes.push_back(bank::to_string(r.code));
        body["reason_codes"][recs[i].product_id] = codes;
    }
    if (state.user.role == bank::Role::Banker) body["customer_id"] = who.customer.id;
    return body;
}

bank::ai::Shortlist local_shortlist(const AppState& state, const RankedCustomer& who) {
    bank::ai::Shortlist list;
    const auto& recs = who.ranking->recommendations;
    for (std::size_t i = 0; i < recs.size() && i < kShortlist; ++i) {
        list.products.push_back(&state.catalog[recs[i].product_index]);
        auto& codes = list.reasons[recs[i].product_id];
        for (const bank::Reason& r : recs[i].reasons) codes.push_back(r.code);
    }
    return list;
}

std::string answer_note(const bank::api::AnswerOrigin& origin) {
    return origin.fallback ? origin.fallback->message : std::string();
}

bank::Voice voice_of(const AppState& state) {
    return state.user.role == bank::Role::Banker ? bank::Voice::Banker : bank::Voice::Customer;
}

// Without an AI provider the words are ours, written here from what the device knows: the card
// says what the product is (the catalog's own first sentences, shown as such: "About this
// product"), and the digest is the shortlist's personal headlines, never catalogue copy.
void offline_explanations_on_device(const AppState& state, RankedCustomer& who) {
    for (auto& entry : who.insight.explanations) {
        const std::string& id = entry.first;
        auto p = std::find_if(state.catalog.begin(), state.catalog.end(), [&](const bank::Product& c) { return c.id == id; });
        if (p != state.catalog.end()) entry.second = bank::ai::first_sentences(p->description, 2);
    }
}

void digest_on_device(const AppState& state, RankedCustomer& who) {
    who.insight.digest = bank::shortlist_in_short(who.ranking->recommendations, voice_of(state));
    who.insight.digest_provider = "device";
}

void explain_on_device(const AppState& state, RankedCustomer& who) {
    const bank::ai::Shortlist list = local_shortlist(state, who);
    for (const auto& e : bank::ai::offline_explanations(list)) who.insight.explanations[e.product_id] = e.text;
    who.insight.explanations_provider = "offline";
    offline_explanations_on_device(state, who);
    who.insight.explanations_progress = Progress::Ready;
    digest_on_device(state, who);
    who.insight.digest_progress = Progress::Ready;
}

// "More ways to apply" lists each page once and never the official page again: the card's main
// button opens that one already. Links are the same page when their URLs are, up to a final slash.
std::vector<bank::ai::ProductLink> links_beyond_official(const AppState& state, const std::string& product_id,
                                                         std::vector<bank::ai::ProductLink> links) {
    auto same_page = [](std::string url) {
        while (!url.empty() && url.back() == '/') url.pop_back();
        return url;
    };
    std::vector<std::string> seen;
    auto product = std::find_if(state.catalog.begin(), state.catalog.end(),
                                [&](const bank::Product& p) { return p.id == product_id; });
    if (product != state.catalog.end()) seen.push_back(same_page(product->link));
    std::vector<bank::ai::ProductLink> kept;
    for (auto& l : links) {
        const std::string page = same_page(l.link);
        if (std::find(seen.begin(), seen.end(), page) != seen.end()) continue;
        seen.push_back(page);
        kept.push_back(std::move(l));
    }
    return kept;
}

}  // namespace

void reset_insight(RankedCustomer& who) { who.insight = AiInsight{}; }

void request_insight(AppState& state, RankedCustomer& who) {
    if (!who.ranking || who.ranking->recommendations.empty()) return;
    if (who.insight.explanations_progress != Progress::Idle) return;
    if (state.demo) {
        explain_on_device(state, who);
        return publish_state(state);
    }
    const std::int64_t id = who.customer.id;
    const json body = shortlist_request(state, who);
    who.insight.explanations_progress = Progress::Loading;
    who.insight.digest_progress = Progress::Loading;
    AppState* s = &state;
    http_request("POST", "/api/generate", body.dump(), [s, id](const HttpResponse& r) {
        RankedCustomer* who = customer_by_id(*s, id);
        if (!who) return;
        const auto answer = r.status == 200 ? bank::api::read_explanations_answer(bank::parse_json_within_depth(r.body), "/api/generate")
                                            : bank::Loaded<bank::api::ExplanationsAnswer>(bank::LoadError{});
        if (!answer.ok()) {
            who->insight.explanations_progress = Progress::Failed;
            who->insight.note = failure_note(r);
            return publish_state(*s);
        }
        for (const auto& e : answer.value().explanations) who->insight.explanations[e.product_id] = e.text;
        who->insight.explanations_provider = answer.value().origin.provider;
        if (who->insight.explanations_provider == "offline") offline_explanations_on_device(*s, *who);
        const std::string note = answer_note(answer.value().origin);
        if (!note.empty()) who->insight.note = note;
        who->insight.explanations_progress = Progress::Ready;
        publish_state(*s);
    });
    json digest_body = body;
    digest_body.erase("customer_id");  // the digest is about products only
    http_request("POST", "/api/summarize", digest_body.dump(), [s, id](const HttpResponse& r) {
        RankedCustomer* who = customer_by_id(*s, id);
        if (!who) return;
        const auto answer = r.status == 200 ? bank::api::read_summary_answer(bank::parse_json_within_depth(r.body), "/api/summarize")
                                            : bank::Loaded<bank::api::SummaryAnswer>(bank::LoadError{});
        if (!answer.ok()) {
            who->insight.digest_progress = Progress::Failed;
            if (who->insight.note.empty()) who->insight.note = failure_note(r);
            return publish_state(*s);
        }
        who->insight.digest = answer.value().summary;
        who->insight.digest_provider = answer.value().origin.provider;
        if (who->insight.digest_provider == "offline" && who->ranking) digest_on_device(*s, *who);
        who->insight.digest_progress = Progress::Ready;
        publish_state(*s);
    });
}

void request_links(AppState& state, RankedCustomer& who, const std::string& product_id) {
    ApplyLinks& entry = who.insight.links[product_id];
    if (entry.progress == Progress::Loading || entry.progress == Progress::Ready) return;
    auto product = std::find_if(state.catalog.begin(), state.catalog.end(),
                                [&](const bank::Product& p) { return p.id == product_id; });
    if (product == state.catalog.end()) return;
    if (state.demo) {
        entry.links = links_beyond_official(state, product_id, bank::ai::catalog_links(*product));
        entry.provider = "catalog";
        entry.progress = Progress::Ready;
        return publish_state(state);
    }
    entry.progress = Progress::Loading;
    const std::int64_t id = who.customer.id;
    AppState* s = &state;
    http_request("POST", "/api/search", json{{"product_id", product_id}}.dump(), [s, id, product_id](const HttpResponse& r) {
        RankedCustomer* who = customer_by_id(*s, id);
        if (!who) return;
        ApplyLinks& entry = who->insight.links[product_id];
        // The codec refuses a non-https link (open_link refuses anything else, too).
        auto answer = r.status == 200 ? bank::api::read_links_answer(bank::parse_json_within_depth(r.body), "/api/search")
                                      : bank::Loaded<bank::api::LinksAnswer>(bank::LoadError{});
        if (!answer.ok()) {
            entry.progress = Progress::Failed;
            return publish_state(*s);
        }
        entry.links = links_beyond_official(*s, product_id, std::move(answer.value().links));
        entry.provider = answer.value().origin.provider;
        entry.progress = Progress::Ready;
        publish_state(*s);
    });
}

}  // namespace app
