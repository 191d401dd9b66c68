#include "wasm/flows/ranking_flow.h"

#include <algorithm>
#include <chrono>
#include <numeric>
#include <utility>

#include <nlohmann/json.hpp>

#include "shared/api/book_ranking.h"
#include "shared/data/json_depth.h"
#include "wasm/flows/book_order.h"
#include "wasm/flows/dom_mirror.h"
#include "wasm/platform/browser.h"

namespace app {
namespace {

using nlohmann::json;

constexpr double kPageSliceMs = 8;          // of a 16.7 ms frame, when the page ranks itself
constexpr double kWorkerSilenceMs = 20000;  // no answer for this long while it has work: stopped
constexpr int kTimerMs = 100;               // the page's own ranking when no frames come (hidden tab)
constexpr double kNoFramesMs = 250;

double now_ms() {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

enum class WorkerState { Unknown, Running, Unavailable };

// One pass over the book: ranking it (Reasons::Later), or working out its reasons for an export.
struct BookRun {
    AppState* state = nullptr;
    int generation = 0;
    bank::Reasons reasons = bank::Reasons::Later;
    void (*then)(AppState&) = nullptr;       // after working out the reasons
    std::vector<unsigned char> with_worker;  // per book index: a worker has it
    std::vector<std::size_t> owed;           // per worker slot: customers sent, not answered
    double last_heard_ms = 0;
    double started_ms = 0;
    double core_ms = 0;     // the workers' own time in the core
    double page_ms = 0;     // the page's own time ranking
    double sending_ms = 0;  // the page's time writing the workers' jobs
    std::vector<double> batch_ms;  // the page's time reading and applying each of the workers' batches
    int by_workers = 0;  // customers whose ranking the workers gave
    int not_found = 0;   // rankings for a customer the page has not in that place (none expected)
    bool done = true;
};

// The book the workers hold: the /api/book answer (or the demo's book) handed to them as it
// came, before the page decoded it. Its first ranking started in the workers at once, under a
// generation reserved for it, which the page's first start_run then takes over.
struct WorkerBook {
    int first_generation = 0;  // 0: none handed over
    bool first_ranking_pending = false;
    // Batches of the first ranking that came before the page started it (the workers may rank
    // while the page still waits for the catalog or the model): applied when it starts.
    std::vector<std::pair<int, std::string>> early_batches;
    std::size_t customers = 0;  // known once the page has decoded the same answer
};

BookRun g_run;
WorkerBook g_worker_book;
int g_generation = 0;  // the last ranking of the book the page started (or reserved)
WorkerState g_worker = WorkerState::Unknown;  // all the page's workers together
std::size_t g_workers = 0;                    // how many the page started
std::string g_worker_problem;                 // why the workers stopped; "" if they never could start
bool g_timer_armed = false;
double g_last_frame_ms = 0;

// The ranker as prepare_ranker builds it, which the worker builds too: no vectors from the
// on-device models.
bool plain_ranker(const bank::DeviceRanker& ranker) { return ranker.lexical.has_value() && ranker.catalog.image.empty(); }

// The worker ranks a customer exactly as the page would unless the page knows more about them
// than the book says: vectors from the on-device models, choices made this visit. Those few are
// ranked here, and so is a customer looked up by id (they joined the book after it was handed over).
bool worker_can_rank(const AppState& state, std::size_t index) {
    const std::int64_t id = state.book[index].customer.id;
    return index < g_worker_book.customers && plain_ranker(*state.ranker) && !state.models.profiles.count(id) &&
           !state.images.profiles.count(id) && !state.ranker->visits.count(id);
}

bool on_screen(const AppState& state, const RankedCustomer& who) {
    if (state.profile) return &*state.profile == &who;
    return state.selected_customer >= 0 && state.selected_customer < static_cast<int>(state.book.size()) &&
           &state.book[state.selected_customer] == &who;
}

// With on-device models active, the customer's profile vectors from the same models
// (model_flow.cpp); the device ranker leaves out any signal whose vector is missing. False: none.
bool model_profile(const AppState& state, const RankedCustomer& who, bank::ProfileVectors& profile) {
    auto text = state.models.profiles.find(who.customer.id);
    if (text != state.models.profiles.end()) profile.text = text->second;
    auto picture = state.images.profiles.find(who.customer.id);
    if (picture != state.images.profiles.end()) profile.image = picture->second;
    return !profile.text.empty() || !profile.image.empty();
}

void rank_with(const AppState& state, RankedCustomer& who, bank::Reasons reasons) {
    bank::ProfileVectors profile;
    const bool any = model_profile(state, who, profile);
    auto result = bank::rank_on_device(*state.ranker, who.customer, who.spending, any ? &profile : nullptr, reasons);
    if (result) {
        who.ranking = std::move(result).value();
        who.ranking_error.clear();
    } else {
        who.ranking.reset();
        who.ranking_error = result.error().message;
    }
}

bool settled(const RankedCustomer& who, bank::Reasons reasons) {
    if (!who.ranking_error.empty()) return true;
    return who.ranking && (reasons == bank::Reasons::Later || who.ranking->explained);
}

// Likely best opportunities first: by the best likelihood of the ranking being replaced
// ("Recompute all"), else in the table's order.
std::vector<int> best_first(const AppState& state, const std::vector<float>& previous_best) {
    std::vector<int> order;
    if (state.book_view.order.size() == state.book.size()) {
        order = state.book_view.order;
    } else {
        order.resize(state.book.size());
        std::iota(order.begin(), order.end(), 0);
    }
    if (std::any_of(previous_best.begin(), previous_best.end(), [](float s) { return s > -1e30f; })) {
        std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return previous_best[a] > previous_best[b]; });
    }
    return order;
}

std::size_t owed() { return std::accumulate(g_run.owed.begin(), g_run.owed.end(), std::size_t{0}); }

// Hands the workers every customer they can rank, at once, as places in the book they hold: one
// job per worker, chunks of the best-first list dealt out in turn so each worker starts with the
// best. The workers never wait for this thread, and go on in a background tab.
void send_jobs(const std::vector<int>& best_first_indices) {
    const std::size_t workers = g_workers;
    std::vector<bank::api::BookRankingJob> jobs(workers);
    for (std::size_t k = 0; k < best_first_indices.size(); ++k) {
        jobs[(k / bank::api::kBookShareChunk) % workers].indices.push_back(static_cast<std::size_t>(best_first_indices[k]));
    }
    for (std::size_t slot = 0; slot < workers; ++slot) {
        if (jobs[slot].indices.empty()) continue;
        jobs[slot].generation = g_run.generation;
        jobs[slot].reasons = g_run.reasons;
        post_book_worker_job(static_cast<int>(slot), g_run.generation, bank::api::write_book_ranking_job(jobs[slot]).dump());
        g_run.owed[slot] += jobs[slot].indices.size();
    }
    g_run.last_heard_ms = now_ms();
}

void finish_run();

// What the workers had, the page ranks: the rows already ranked stay as they are. One worker that
// fails stops them all: whatever made it fail (a broken build, memory) would likely stop the rest.
void tell_worker_problem() {
    if (g_run.done || !g_run.state || g_worker_problem.empty()) return;
    const char* what = g_run.reasons == bank::Reasons::Later ? "Your book is being ranked on this page instead"
                                                             : "The reasons are being worked out on this page instead";
    g_run.state->notice = std::string(what) + ": the background ranker stopped (" + g_worker_problem + ").";
    g_run.state->notice_problem = true;
}

void worker_failed(int, const std::string& why) {
    for (std::size_t slot = 0; slot < g_workers; ++slot) stop_book_worker(static_cast<int>(slot));
    g_worker = WorkerState::Unavailable;
    g_worker_problem = why;
    std::fill(g_run.with_worker.begin(), g_run.with_worker.end(), 0);
    std::fill(g_run.owed.begin(), g_run.owed.end(), 0);
    tell_worker_problem();  // or when the book comes, if it failed while the data loaded
}

// One batch's rankings into the book. Only customers the page left to the workers are taken (the
// first ranking of a fresh book covers them all); a ranking the page made meanwhile (a customer
// opened before the worker reached them) stays; a customer who is not who the page has in that
// place is ranked by the page.
void apply(AppState& state, const bank::api::BookRankingBatch& batch) {
    for (const bank::api::BookRanking& r : batch.rankings) {
        if (r.index >= g_run.with_worker.size() || !g_run.with_worker[r.index]) continue;
        g_run.with_worker[r.index] = 0;
        RankedCustomer& who = state.book[r.index];
        g_run.not_found += who.customer.id != r.customer_id;
        if (who.customer.id != r.customer_id || settled(who, g_run.reasons)) continue;
        ++g_run.by_workers;
        if (r.ranking) {
            who.ranking = r.ranking;
            who.ranking_error.clear();
        } else {
            who.ranking.reset();
            who.ranking_error = r.error;
        }
    }
}

void on_worker_batch(int slot, const std::string& document) {
    if (g_worker_book.first_ranking_pending && g_worker == WorkerState::Running) {
        g_worker_book.early_batches.emplace_back(slot, document);
        return;
    }
    if (!g_run.state || g_worker != WorkerState::Running || slot < 0 || slot >= static_cast<int>(g_run.owed.size())) return;
    AppState& state = *g_run.state;
    const double started = now_ms();
    const json j = bank::parse_json_within_depth(document);
    if (j.is_object() && j.contains("error") && !j.contains("rankings")) {
        return worker_failed(slot, j["error"].is_string() ? j["error"].get<std::string>() : "it could not rank");
    }
    auto batch = bank::api::read_book_ranking_batch(j, "the book worker's rankings", state.catalog);
    if (!batch) return worker_failed(slot, "it sent rankings the page could not read: " + batch.error().message());
    if (batch.value().generation != g_run.generation) return;  // an earlier ranking of the book
    g_run.last_heard_ms = now_ms();
    g_run.core_ms += batch.value().core_ms;
    g_run.owed[slot] -= std::min(g_run.owed[slot], batch.value().rankings.size());
    apply(state, batch.value());
    g_run.batch_ms.push_back(now_ms() - started);  // reading and applying it; not what finishing publishes
    finish_run();
}

void on_worker_ready(int slot) {
    g_run.last_heard_ms = now_ms();
    mark_performance("book-worker-ready", json{{"slot", slot}}.dump());
}

// Starts the page's workers, once. None may start: the page then ranks the book itself.
void start_workers() {
    if (g_worker != WorkerState::Unknown) return;
    BookWorkerEvents events;
    events.ready = on_worker_ready;
    events.batch = on_worker_batch;
    events.failed = worker_failed;
    for (int slot = 0; slot < book_worker_count(); ++slot) {
        if (!start_book_worker(slot, events)) break;
        ++g_workers;
    }
    g_worker = g_workers == 0 ? WorkerState::Unavailable : WorkerState::Running;
}

// True when the workers can take this run's customers: they built this ranker from the same answers.
bool workers_ready_for(const AppState& state) {
    if (!plain_ranker(*state.ranker)) return false;
    start_workers();
    return g_worker == WorkerState::Running;
}

// Ranks (or explains) on this thread the customers the worker does not have, for `budget_ms`.
void page_slice(AppState& state, double budget_ms) {
    if (g_run.done || !state.ranker) return;
    const double start = now_ms();
    for (std::size_t i = 0; i < state.book.size(); ++i) {
        RankedCustomer& who = state.book[i];
        if ((i < g_run.with_worker.size() && g_run.with_worker[i]) || settled(who, g_run.reasons)) continue;
        if (g_run.reasons == bank::Reasons::Now) explain_customer_now(state, who);
        else rank_with(state, who, bank::Reasons::Later);
        // The clock only after work: read for each of 10,000 customers the workers have, it took
        // 10 ms of a frame.
        if (now_ms() - start >= budget_ms) break;
    }
    g_run.page_ms += now_ms() - start;
}

int count_ranked(const AppState& state) {
    return static_cast<int>(std::count_if(state.book.begin(), state.book.end(), [](const RankedCustomer& who) {
        return who.ranking.has_value() || !who.ranking_error.empty();
    }));
}

// For the mark benchmarks read: 0 of none.
double percentile(std::vector<double> values, int p) {
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, values.size() * static_cast<std::size_t>(p) / 100)];
}

void finish_run() {
    if (!g_run.state) return;
    AppState& state = *g_run.state;
    state.book_ranked = count_ranked(state);
    if (g_run.done) return;
    for (const RankedCustomer& who : state.book) {
        if (!settled(who, g_run.reasons)) return;
    }
    g_run.done = true;
    if (g_run.reasons == bank::Reasons::Now) {
        if (g_run.then) g_run.then(state);
        return;
    }
    mark_performance("book-ranked", json{{"customers", state.book.size()},
                                         {"ms", now_ms() - g_run.started_ms},
                                         {"worker_core_ms", g_run.core_ms},
                                         {"page_ms", g_run.page_ms},
                                         {"sending_ms", g_run.sending_ms},
                                         {"batches", g_run.batch_ms.size()},
                                         {"batch_ms", std::accumulate(g_run.batch_ms.begin(), g_run.batch_ms.end(), 0.0)},
                                         {"batch_ms_p50", percentile(g_run.batch_ms, 50)},
                                         {"batch_ms_p95", percentile(g_run.batch_ms, 95)},
                                         {"longest_batch_ms", percentile(g_run.batch_ms, 100)},
                                         {"by_workers", g_run.by_workers},
                                         {"not_found", g_run.not_found},
                                         {"worker", g_worker == WorkerState::Running},
                                         {"workers", g_worker == WorkerState::Running ? g_workers : 0}}
                                        .dump());
    order_book(state);  // sorted here, as it completes, rather than in the next frame
    publish_state(state);
}

void check_worker_alive() {
    if (g_worker == WorkerState::Running && owed() > 0 && now_ms() - g_run.last_heard_ms > kWorkerSilenceMs) {
        worker_failed(0, "it stopped answering");
    }
}

// Where no frames come (a hidden tab), a timer keeps the page's own share moving.
void on_timer() {
    g_timer_armed = false;
    if (g_run.done || !g_run.state) return;
    if (now_ms() - g_last_frame_ms > kNoFramesMs) {
        check_worker_alive();
        page_slice(*g_run.state, kPageSliceMs);
        finish_run();
    }
    if (!g_run.done && !g_timer_armed) {
        g_timer_armed = true;
        call_later(kTimerMs, on_timer);
    }
}

// The workers rank the first ranking of a book they were handed already (each its share, see
// first_ranking_share); the page takes back, by leaving them out, the customers they cannot rank
// as it would, and everyone when no worker can rank for this ranker.
void take_over_first_ranking(const AppState& state) {
    const std::size_t workers = g_workers;
    for (std::size_t slot = 0; slot < workers; ++slot) {
        g_run.owed[slot] = bank::api::first_ranking_share(g_worker_book.customers, static_cast<int>(slot),
                                                          static_cast<int>(workers)).size();
    }
    for (std::size_t i = 0; i < state.book.size(); ++i) g_run.with_worker[i] = worker_can_rank(state, i) ? 1 : 0;
    g_run.last_heard_ms = now_ms();
}

// Which ranking this is: the one the workers began with the book, if it has not been taken yet.
bool first_ranking_of_handed_book(const AppState& state, bank::Reasons reasons) {
    if (!g_worker_book.first_ranking_pending || reasons != bank::Reasons::Later) return false;
    g_worker_book.first_ranking_pending = false;
    // The page decoded the same answer the workers did: the same customers in the same places.
    g_worker_book.customers = state.book.size();
    return g_worker == WorkerState::Running;
}

// A new pass over the book: the worker gets its customers, best first; the page the rest.
void start_run(AppState& state, bank::Reasons reasons, const std::vector<float>& previous_best) {
    const bool handed = first_ranking_of_handed_book(state, reasons);
    const int generation = handed ? g_worker_book.first_generation : ++g_generation;
    if (g_worker == WorkerState::Running) {
        for (std::size_t slot = 0; slot < g_workers; ++slot) cancel_book_worker_jobs(static_cast<int>(slot), generation);
    }
    g_run = BookRun{};
    g_run.state = &state;
    g_run.generation = generation;
    g_run.reasons = reasons;
    g_run.started_ms = now_ms();
    g_run.done = state.book.empty();
    g_run.with_worker.assign(state.book.size(), 0);
    if (g_run.done || !state.ranker) return;
    if (workers_ready_for(state)) {
        g_run.owed.assign(g_workers, 0);
        if (handed) {
            take_over_first_ranking(state);
            for (auto& [slot, document] : std::exchange(g_worker_book.early_batches, {})) on_worker_batch(slot, document);
        } else {
            std::vector<int> for_workers;
            for (int i : best_first(state, previous_best)) {
                if (settled(state.book[i], reasons) || !worker_can_rank(state, static_cast<std::size_t>(i))) continue;
                for_workers.push_back(i);
                g_run.with_worker[i] = 1;
            }
            const double sending = now_ms();
            send_jobs(for_workers);
            g_run.sending_ms = now_ms() - sending;
        }
    } else {
        if (g_worker == WorkerState::Running) {
            for (std::size_t slot = 0; slot < g_workers; ++slot) cancel_book_worker_jobs(static_cast<int>(slot), generation + 1);
        }
        tell_worker_problem();
    }
    if (!g_timer_armed) {
        g_timer_armed = true;
        call_later(kTimerMs, on_timer);
    }
}

}  // namespace

RankedCustomer* customer_by_id(AppState& state, std::int64_t id) {
    if (state.profile && state.profile->customer.id == id) return &*state.profile;
    for (RankedCustomer& who : state.book) {
        if (who.customer.id == id) return &who;
    }
    return nullptr;
}

RankedCustomer ranked_customer(bank::api::CustomerRecord record) {
    RankedCustomer who;
    who.customer = std::move(record.customer);
    who.spending = std::move(record.transaction_summary.spending);
    return who;
}

bool prepare_ranker(AppState& state) {
    auto ranker = bank::make_device_ranker(state.catalog, *state.behavior, *state.weights);
    if (!ranker) {
        state.phase = Phase::Failed;
        state.status = "Recommendations cannot be computed: " + ranker.error().message;
        return false;
    }
    state.ranker = std::move(ranker).value();
    if (!state.propensity_model.is_null()) {
        auto learned = bank::with_propensity_document(*state.ranker, state.propensity_model, "the learned ranking model");
        if (learned) {
            state.ranker = std::move(learned).value();
        } else {
            state.notice = "Recommendations use the standard ranking: " + learned.error().message + ".";
            state.notice_problem = true;
        }
    }
    return true;
}

void rank_customer_now(const AppState& state, RankedCustomer& who) {
    rank_with(state, who, on_screen(state, who) ? bank::Reasons::Now : bank::Reasons::Later);
}

void explain_customer_now(AppState& state, RankedCustomer& who) {
    if (!state.ranker || (who.ranking && who.ranking->explained)) return;
    if (!who.ranking) return rank_with(state, who, bank::Reasons::Now);
    // The list came from this ranker, or the worker's equal one: its reasons are what ranking the
    // customer again with reasons would give.
    bank::ProfileVectors profile;
    const bool any = model_profile(state, who, profile);
    auto explained = bank::explain_on_device(*state.ranker, who.customer, who.spending, any ? &profile : nullptr, *who.ranking);
    if (explained) who.ranking = std::move(explained).value();
    else rank_with(state, who, bank::Reasons::Now);
}

bool ranker_inputs_in(const AppState& state) { return !state.catalog.empty() && state.behavior && state.weights; }

void tell_workers_to_forget() {
    if (g_worker != WorkerState::Running) return;
    for (std::size_t slot = 0; slot < g_workers; ++slot) post_book_worker_forget(static_cast<int>(slot));
}

void get_book_workers_ready(const AppState& state) {
    // Whoever signs in now, workers started for an earlier banker drop all they hold of them.
    tell_workers_to_forget();
    if (state.user.role == bank::Role::Banker) start_workers();
}

void forget_book_ranking() {
    tell_workers_to_forget();
    g_run = BookRun{};  // batches still on their way find no run to go into
    g_worker_book = WorkerBook{};
}

// True when a banker is signed in and the workers run (started now if they were not).
bool workers_for_banker(const AppState& state) {
    if (state.user.role != bank::Role::Banker) return false;
    start_workers();
    return g_worker == WorkerState::Running;
}

void hand_answer_to_workers(const AppState& state, const char* path, const std::string& answer) {
    if (!workers_for_banker(state)) return;
    for (std::size_t slot = 0; slot < g_workers; ++slot) post_book_worker_answer(static_cast<int>(slot), path, answer);
}

void hand_book_to_workers(const AppState& state, const std::string& book_answer) {
    g_worker_book = WorkerBook{};
    if (!workers_for_banker(state)) return;
    g_worker_book.first_generation = ++g_generation;
    g_worker_book.first_ranking_pending = true;
    const int workers = static_cast<int>(g_workers);
    for (int slot = 0; slot < workers; ++slot) post_book_worker_book(slot, book_answer, g_worker_book.first_generation, workers);
    mark_performance("book-handed-to-workers", json{{"bytes", book_answer.size()}, {"workers", workers}}.dump());
}

void start_book_ranking(AppState& state) {
    std::vector<float> previous_best(state.book.size(), -1e38f);
    for (std::size_t i = 0; i < state.book.size(); ++i) {
        RankedCustomer& who = state.book[i];
        if (who.ranking && !who.ranking->recommendations.empty()) previous_best[i] = who.ranking->recommendations.front().score;
        who.ranking.reset();
        who.ranking_error.clear();
    }
    state.book_ranked = 0;
    start_run(state, bank::Reasons::Later, previous_best);
    if (!state.book.empty()) {
        mark_performance("book-ranking-started",
                         json{{"customers", state.book.size()},
                              {"worker", g_worker == WorkerState::Running},
                              {"workers", g_worker == WorkerState::Running ? g_workers : 0}}
                             .dump());
    }
    finish_run();
}

void continue_book_ranking(AppState& state) {
    g_last_frame_ms = now_ms();
    state.book_ranked = count_ranked(state);  // a customer looked up by id joins the book ranked
    if (g_run.done || g_run.state != &state) return;
    check_worker_alive();
    page_slice(state, kPageSliceMs);
    finish_run();
}

bool book_ranking_needs_frames(const AppState& state) {
    if (g_run.done || g_run.state != &state) return false;
    for (std::size_t i = 0; i < state.book.size(); ++i) {
        if (!(i < g_run.with_worker.size() && g_run.with_worker[i]) && !settled(state.book[i], g_run.reasons)) return true;
    }
    return false;
}

bool book_explained(const AppState& state) {
    return std::all_of(state.book.begin(), state.book.end(),
                       [](const RankedCustomer& who) { return settled(who, bank::Reasons::Now); });
}

void explain_book(AppState& state, void (*then)(AppState&)) {
    if (book_explained(state)) return then(state);
    state.notice = "Preparing the export: working out the reasons for every customer...";
    state.notice_problem = false;
    start_run(state, bank::Reasons::Now, {});
    g_run.then = then;
    finish_run();
}

}  // namespace app
