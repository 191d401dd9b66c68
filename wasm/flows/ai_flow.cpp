#include "ai_flow.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "browser.h"
#include "dom_mirror.h"
#include "labels.h"
#include "ranking_flow.h"
#include "shared/ai/explanation.h"
#include "shared/ai/product_links.h"
#include "shared/ai/summary.h"
#include "shared/profile/life_stage.h"
#include "shared/ranking/next_best_actions.h"

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

std::string answer_note(const json& answer) {
    if (answer.contains("fallback") && answer["fallback"].is_object())
        return answer["fallback"].value("message", "");
    return "";
}

std::string failure_note(const HttpResponse& r) {
    const json body = json::parse(r.body, nullptr, false);
    if (body.is_object() && body.contains("error") && body["error"].is_object())
        return body["error"].value("message", "The request failed.");
    return r.status == 0 ? "The bank's server could not be reached." : "The request failed.";
}

void explain_on_device(const AppState& state, RankedCustomer& who) {
    const bank::ai::Shortlist list = local_shortlist(state, who);
    for (const auto& e : bank::ai::offline_explanations(list)) who.insight.explanations[e.product_id] = e.text;
    who.insight.explanations_provider = "offline";
    who.insight.explanations_progress = Progress::Ready;
    who.insight.digest = bank::ai::offline_digest(list);
    who.insight.digest_provider = "offline";
    who.insight.digest_progress = Progress::Ready;
}

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
        const json answer = json::parse(r.body, nullptr, false);
        if (r.status != 200 || !answer.is_object() || !answer.contains("explanations")) {
            who->insight.explanations_progress = Progress::Failed;
            who->insight.note = failure_note(r);
            return publish_state(*s);
        }
        for (const json& e : answer["explanations"]) {
            who->insight.explanations[e.value("product_id", "")] = e.value("text", "");
        }
        who->insight.explanations_provider = answer.value("provider", "");
        const std::string note = answer_note(answer);
        if (!note.empty()) who->insight.note = note;
        who->insight.explanations_progress = Progress::Ready;
        publish_state(*s);
    });
    json digest_body = body;
    digest_body.erase("customer_id");  // the digest is about products only
    http_request("POST", "/api/summarize", digest_body.dump(), [s, id](const HttpResponse& r) {
        RankedCustomer* who = customer_by_id(*s, id);
        if (!who) return;
        const json answer = json::parse(r.body, nullptr, false);
        if (r.status != 200 || !answer.is_object() || !answer.contains("summary")) {
            who->insight.digest_progress = Progress::Failed;
            if (who->insight.note.empty()) who->insight.note = failure_note(r);
            return publish_state(*s);
        }
        who->insight.digest = answer.value("summary", "");
        who->insight.digest_provider = answer.value("provider", "");
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
        entry.links = bank::ai::catalog_links(*product);
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
        const json answer = json::parse(r.body, nullptr, false);
        if (r.status != 200 || !answer.is_object() || !answer.contains("links") || !answer["links"].is_array()) {
            entry.progress = Progress::Failed;
            return publish_state(*s);
        }
        entry.links.clear();
        for (const json& l : answer["links"]) {
            if (!l.is_object()) continue;
            const std::string link = l.value("link", "");
            // open_link also refuses anything else; a non-https link is not even listed.
            if (link.rfind("https://", 0) != 0) continue;
            entry.links.push_back({l.value("title", link), link, l.value("snippet", ""), l.value("display_link", "")});
        }
        entry.provider = answer.value("provider", "");
        entry.progress = Progress::Ready;
        publish_state(*s);
    });
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
        const json answer = json::parse(r.body, nullptr, false);
        if (!answer.is_object() || !answer.contains("events") || !answer["events"].is_array()) return;
        const json& events = answer["events"];
        // Newest first: walk backwards so the newest event per product is applied last.
        for (auto it = events.rbegin(); it != events.rend(); ++it) {
            if (!it->is_object()) continue;
            RankedCustomer* who = customer_by_id(*s, it->value("customer_id", std::int64_t{0}));
            if (who) note_feedback(*s, *who, it->value("product_id", ""), it->value("event", ""));
        }
        publish_state(*s);
    });
}

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
