#include "session_flow.h"

#include <nlohmann/json.hpp>

#include "ai_flow.h"
#include "browser.h"
#include "dom_mirror.h"
#include "model_flow.h"
#include "ranking_flow.h"
#include "shared/data/json.h"
#include "shared/data/json_depth.h"
#include "shared/ranking/behavior_model_json.h"

namespace app {
namespace {

using nlohmann::json;

// Relative to the page, so the demo works from any folder of any static file server.
constexpr const char* kDemoBundle = "demo/bundle.json";

// The proxy's error body is {"error":{"code":..,"message":..}}; fall back to the status.
std::string error_message(const HttpResponse& r) {
    const json body = json::parse(r.body, nullptr, false);
    if (body.is_object() && body.contains("error") && body["error"].is_object() &&
        body["error"].value("message", "").size() > 0) {
        return body["error"]["message"].get<std::string>();
    }
    if (r.status == 0) return "The bank's server could not be reached. Check your connection and reload.";
    return "The bank's server answered with status " + std::to_string(r.status) + ".";
}

// An answer of the bank's API or the demo bundle. Nesting is bounded because a value is dumped
// later (the ranking weights), which recurses once per level: a tampered answer thousands of
// levels deep would otherwise end the page instead of showing an error.
json parse_answer(const std::string& body) {
    json answer = bank::parse_json_within_depth(body);
    if (answer.is_discarded()) throw std::runtime_error("it is not JSON, or nests deeper than any answer of the bank's API");
    return answer;
}

void fail(AppState& state, const std::string& why) {
    state.phase = Phase::Failed;
    state.status = why;
    publish_state(state);
}

void finish_one_load(AppState& state) {
    if (--state.loads_pending == 0 && state.phase == Phase::Loading) {
        if (!prepare_ranker(state)) return publish_state(state);
        if (state.profile) rank_customer_now(state, *state.profile);
        start_book_ranking(state);
        state.phase = Phase::Ready;
        state.status.clear();
        if (state.profile) request_insight(state, *state.profile);
        load_feedback(state);
        start_models(state);
        publish_state(state);
    }
}

// Decodes a JSON answer with the core's validating converters; a malformed answer is an error
// the user sees, never a half-filled screen.
template <class Apply>
void load_json(AppState& state, const char* path, const char* what, Apply apply) {
    ++state.loads_pending;
    http_request("GET", path, "", [&state, what, apply](const HttpResponse& r) {
        if (r.status == 401) {
            state.phase = Phase::SignedOut;
            show_sign_in(true, "Your session has ended. Please sign in again.");
            return;
        }
        if (r.status != 200) return fail(state, std::string("Could not load ") + what + ": " + error_message(r));
        try {
            apply(parse_answer(r.body));
        } catch (const std::exception& e) {
            return fail(state, std::string("The ") + what + " from the server was not understood: " + e.what());
        }
        finish_one_load(state);
    });
}

// The answers of /api/catalog, /api/ranking-model, /api/profile and /api/book; the demo bundle
// holds the same documents, so both paths decode them with the same code.
void apply_catalog(AppState& state, const json& j) { state.catalog = j.at("products").get<std::vector<bank::Product>>(); }

void apply_ranking_model(AppState& state, const json& j) {
    auto model = bank::behavior_model_from_json(j.at("behavior"), "the ranking model");
    if (!model) throw std::runtime_error(model.error().message);
    auto weights = bank::parse_ranking_weights(j.at("weights").dump());
    if (!weights) throw std::runtime_error(weights.error().message);
    state.behavior = std::move(model).value();
    state.weights = weights.value();
    // The learned model is checked when the ranker is built (it needs the catalog); a problem
    // there falls back to the hybrid with a notice instead of failing the whole page.
    state.propensity_model = j.contains("propensity") ? j["propensity"].dump() : std::string();
}

void apply_book(AppState& state, const json& j) {
    state.book.clear();
    for (const json& entry : j.at("customers")) state.book.push_back(ranked_customer_from_json(entry));
}

void apply_me(AppState& state, const json& me) {
    state.user.username = me.at("username").get<std::string>();
    state.user.role = me.at("role").get<std::string>() == "banker" ? bank::Role::Banker : bank::Role::Customer;
    state.user.subject_id = me.at("subject_id").get<std::string>();
    state.user.display_name = me.value("display_name", state.user.username);
}

void load_user_data(AppState& state) {
    state.phase = Phase::Loading;
    state.status = "Loading your products...";
    state.loads_pending = 0;
    publish_state(state);
    load_json(state, "/api/catalog", "product catalog", [&state](const json& j) { apply_catalog(state, j); });
    load_json(state, "/api/ranking-model", "ranking model", [&state](const json& j) { apply_ranking_model(state, j); });
    if (state.user.role == bank::Role::Customer) {
        load_json(state, "/api/profile", "profile", [&state](const json& j) {
            state.profile = ranked_customer_from_json(j);
        });
    } else {
        load_json(state, "/api/book", "customer book", [&state](const json& j) { apply_book(state, j); });
    }
}

// Forgets everything about the last user; only the colour theme stays.
void fresh_state(AppState& state) {
    const bool dark = state.dark;
    state = AppState{};
    state.dark = dark;
}

// No proxy answers /api/ (a static file server): if the demo bundle is there, offer the demo.
void offer_demo(AppState& state) {
    http_request("GET", kDemoBundle, "", [&state](const HttpResponse& r) {
        if (r.status != 200) {
            return fail(state, "The bank's server could not be reached. Check your connection and reload.");
        }
        state.phase = Phase::SignedOut;
        state.status.clear();
        offer_demo_page();
        publish_state(state);
    });
}

}  // namespace

void start_session(AppState& state) {
    state.phase = Phase::Starting;
    state.status = "Connecting to Northwind Bank...";
    http_request("GET", "/api/me", "", [&state](const HttpResponse& r) {
        if (r.status == 401) {
            state.phase = Phase::SignedOut;
            state.status.clear();
            show_sign_in(true, "");
            publish_state(state);
            return;
        }
        if (r.status == 404 || r.status == 405 || r.status == 501) return offer_demo(state);
        if (r.status != 200) return fail(state, error_message(r));
        try {
            apply_me(state, parse_answer(r.body));
        } catch (const std::exception& e) {
            return fail(state, std::string("The sign-in answer was not understood: ") + e.what());
        }
        show_sign_in(false, "");
        load_user_data(state);
    });
}

void on_signed_in(AppState& state) { start_session(state); }

void start_demo(AppState& state, bank::Role role) {
    fresh_state(state);
    state.phase = Phase::Loading;
    state.demo = true;
    state.status = "Loading the demo data...";
    publish_state(state);
    http_request("GET", kDemoBundle, "", [&state, role](const HttpResponse& r) {
        if (r.status != 200) return fail(state, "The demo data could not be loaded (status " + std::to_string(r.status) + ").");
        try {
            const json bundle = parse_answer(r.body);
            const json& view = bundle.at(role == bank::Role::Banker ? "banker" : "customer");
            apply_me(state, view.at("me"));
            apply_catalog(state, bundle.at("catalog"));
            apply_ranking_model(state, bundle.at("ranking_model"));
            if (role == bank::Role::Banker) apply_book(state, view.at("book"));
            else state.profile = ranked_customer_from_json(view.at("profile"));
        } catch (const std::exception& e) {
            return fail(state, std::string("The demo data was not understood: ") + e.what());
        }
        state.loads_pending = 1;
        finish_one_load(state);
    });
}

void sign_out(AppState& state) {
    if (state.demo) {
        fresh_state(state);
        state.phase = Phase::SignedOut;
        offer_demo_page();
        return publish_state(state);
    }
    http_request("POST", "/api/logout", "{}", [&state](const HttpResponse&) {
        fresh_state(state);
        state.phase = Phase::SignedOut;
        sign_out_page();
        show_sign_in(true, "You have signed out.");
        publish_state(state);
    });
}

}  // namespace app
