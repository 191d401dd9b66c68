#include "wasm/flows/session_flow.h"

#include <nlohmann/json.hpp>

#include "shared/api/api_error.h"
#include "shared/api/book.h"
#include "shared/api/catalog.h"
#include "shared/api/customer_record.h"
#include "shared/api/demo_bundle.h"
#include "shared/api/me.h"
#include "shared/api/ranking_model.h"
#include "shared/data/json_depth.h"
#include "wasm/flows/ai_flow.h"
#include "wasm/flows/book_order.h"
#include "wasm/flows/dom_mirror.h"
#include "wasm/flows/feedback_flow.h"
#include "wasm/flows/model_flow.h"
#include "wasm/flows/ranking_flow.h"
#include "wasm/platform/browser.h"

namespace app {
namespace {

using nlohmann::json;

// Relative to the page, so the demo works from any folder of any static file server.
constexpr const char* kDemoBundle = "demo/bundle.json";

// The proxy's error document (shared/api/api_error.h); anything else falls back to the status.
std::string error_message(const HttpResponse& r, const std::string& path) {
    const auto error = bank::api::read_api_error(bank::parse_json_within_depth(r.body), path);
    if (error.ok() && !error.value().message.empty()) return error.value().message;
    if (r.status == 0) return "The bank's server could not be reached. Check your connection; nothing was changed.";
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

// What a codec decoded, or the exception the callers turn into the error the user sees.
template <class T> T decoded(bank::Loaded<T> answer) {
    if (!answer.ok()) throw std::runtime_error(answer.error().message());
    return std::move(answer).value();
}

void fail(AppState& state, const std::string& why) {
    state.phase = Phase::Failed;
    state.status = why;
    publish_state(state);
}

// The ranker is built as soon as the catalog and the ranking model are in (reading the learned
// model takes about 100 ms in the browser), not after everything: a banker's book comes last, and
// its ranking then starts the moment the page has read it. The book workers were handed the same
// answers as they came, and build their ranker while this thread builds its own.
void finish_one_load(AppState& state) {
    const bool all_in = --state.loads_pending == 0;
    if (state.phase != Phase::Loading) return;
    if ((all_in || ranker_inputs_in(state)) && !state.ranker) {
        if (!prepare_ranker(state)) return publish_state(state);
    }
    if (all_in) {
        if (state.profile) rank_customer_now(state, *state.profile);
        start_book_ranking(state);
        state.phase = Phase::Ready;
        state.status.clear();
        order_book(state);  // here rather than in the first frame that draws the book
        if (state.profile) request_insight(state, *state.profile);
        load_feedback(state);
        start_models(state);
        // As a task of its own: the answer that completed the load took its decoding already, and
        // a whole 10,000-customer book's first publish adds 150 ms before the canvas could draw.
        publish_state_soon(state);
    }
}

// An answer's text to `apply`, which decodes it with the core's validating converters and throws
// what is wrong: a malformed answer is an error the user sees, never a half-filled screen.
template <class Apply>
void load_answer(AppState& state, const char* path, const char* what, Apply apply) {
    ++state.loads_pending;
    http_request("GET", path, "", [&state, path, what, apply](const HttpResponse& r) {
        if (r.status == 401) return session_ended(state);
        if (r.status != 200) return fail(state, std::string("Could not load ") + what + ": " + error_message(r, path));
        try {
            apply(r.body);
        } catch (const std::exception& e) {
            return fail(state, std::string("The ") + what + " from the server was not understood: " + e.what());
        }
        finish_one_load(state);
    });
}

template <class Apply>
void load_json(AppState& state, const char* path, const char* what, Apply apply) {
    load_answer(state, path, what, [apply](const std::string& body) { apply(parse_answer(body)); });
}

// The documents of /api/catalog, /api/ranking-model, /api/profile and /api/book, decoded by the
// codecs the proxy writes them with (shared/api); the demo bundle holds the same documents.
void apply_ranking_model(AppState& state, bank::api::RankingModel model) {
    state.behavior = std::move(model.behavior);
    state.weights = model.weights;
    // The learned model is checked when the ranker is built (it needs the catalog); a problem
    // there falls back to the hybrid with a notice instead of failing the whole page.
    state.propensity_model = std::move(model.propensity);
}

void apply_book(AppState& state, bank::api::Book book) {
    state.book.clear();
    state.book.reserve(book.customers.size());  // 10,000 customers: no moves of the whole book as it grows
    for (bank::api::CustomerRecord& record : book.customers) state.book.push_back(ranked_customer(std::move(record)));
}

void load_user_data(AppState& state) {
    state.phase = Phase::Loading;
    state.status = "Loading your products...";
    state.loads_pending = 0;
    state.ranker.reset();  // built again from this user's catalog and model
    get_book_workers_ready(state);
    publish_state(state);
    // The book workers get the ranker's inputs as they came, before this thread decodes them.
    load_answer(state, "/api/catalog", "product catalog", [&state](const std::string& body) {
        hand_answer_to_workers(state, "/api/catalog", body);
        state.catalog = decoded(bank::api::read_catalog(parse_answer(body), "/api/catalog"));
    });
    load_answer(state, "/api/ranking-model", "ranking model", [&state](const std::string& body) {
        hand_answer_to_workers(state, "/api/ranking-model", body);
        apply_ranking_model(state, decoded(bank::api::read_ranking_model(parse_answer(body), "/api/ranking-model")));
    });
    if (state.user.role == bank::Role::Customer) {
        load_json(state, "/api/profile", "profile", [&state](const json& j) {
            state.profile = ranked_customer(decoded(bank::api::read_customer_record(j, "/api/profile")));
        });
    } else {
        load_answer(state, "/api/book", "customer book", [&state](const std::string& body) {
            hand_book_to_workers(state, body);  // they start ranking while this thread decodes it too
            apply_book(state, decoded(bank::api::read_book(parse_answer(body), "/api/book")));
        });
    }
}

// Forgets everything about the last user; only the colour theme stays.
void fresh_state(AppState& state) {
    forget_book_ranking();  // the book workers hold the last user's data too
    const bool dark = state.dark;
    state = AppState{};
    state.dark = dark;
}

// Which start this is: the page may sign in or open the demo while an earlier GET /api/me is still
// on its way, whose answer ("nobody is signed in") is then out of date and ignored.
int& starts() {
    static int count = 0;
    return count;
}

// No proxy answers /api/ (a static file server): if the demo bundle is there, offer the demo.
void offer_demo(AppState& state) {
    const int start = starts();
    http_request("GET", kDemoBundle, "", [&state, start](const HttpResponse& r) {
        if (start != starts()) return;
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
    const int start = ++starts();
    http_request("GET", "/api/me", "", [&state, start](const HttpResponse& r) {
        if (start != starts()) return;
        if (r.status == 401) {
            state.phase = Phase::SignedOut;
            state.status.clear();
            show_sign_in(true, "");
            publish_state(state);
            return;
        }
        if (r.status == 404 || r.status == 405 || r.status == 501) return offer_demo(state);
        if (r.status == 0) {
            state.phase = Phase::Failed;
            state.status = error_message(r, "/api/me");
            show_server_unreachable();
            return publish_state(state);
        }
        if (r.status != 200) return fail(state, error_message(r, "/api/me"));
        try {
            state.user = decoded(bank::api::read_me(parse_answer(r.body), "/api/me"));
        } catch (const std::exception& e) {
            return fail(state, std::string("The sign-in answer was not understood: ") + e.what());
        }
        show_sign_in(false, "");
        load_user_data(state);
    });
}

void on_signed_in(AppState& state) { start_session(state); }

void start_demo(AppState& state, bank::Role role) {
    ++starts();
    fresh_state(state);
    state.phase = Phase::Loading;
    state.demo = true;
    state.status = "Loading the demo data...";
    publish_state(state);
    http_request("GET", kDemoBundle, "", [&state, role](const HttpResponse& r) {
        if (r.status != 200) return fail(state, "The demo data could not be loaded (status " + std::to_string(r.status) + ").");
        try {
            bank::api::DemoBundle bundle = decoded(bank::api::read_demo_bundle(parse_answer(r.body), kDemoBundle));
            if (role == bank::Role::Banker) {
                state.user = bundle.banker.me;
                // The workers read their inputs and the book only as the API sends them: the demo's,
                // written so once.
                get_book_workers_ready(state);
                hand_answer_to_workers(state, "/api/catalog", bank::api::write_catalog(bundle.catalog).dump());
                hand_answer_to_workers(state, "/api/ranking-model", bank::api::write_ranking_model(bundle.ranking_model).dump());
                hand_book_to_workers(state, bank::api::write_book(bundle.banker.book).dump());
                apply_book(state, std::move(bundle.banker.book));
            } else {
                state.user = bundle.customer.me;
                state.profile = ranked_customer(std::move(bundle.customer.profile));
            }
            state.catalog = std::move(bundle.catalog);
            apply_ranking_model(state, std::move(bundle.ranking_model));
        } catch (const std::exception& e) {
            return fail(state, std::string("The demo data was not understood: ") + e.what());
        }
        state.loads_pending = 1;
        finish_one_load(state);
    });
}

void session_ended(AppState& state) {
    if (state.demo || state.phase == Phase::SignedOut || state.phase == Phase::Starting) return;
    fresh_state(state);
    state.phase = Phase::SignedOut;
    show_sign_in(true, "You were signed out because your session ended. Please sign in again.");
    publish_state(state);
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
