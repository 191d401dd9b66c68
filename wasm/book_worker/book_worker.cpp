// The book worker: the ranking core alone (no ImGui, no page), run by app/book_worker.js in a Web
// Worker so that a banker's whole book is ranked off the page's main thread. The page sends the
// ranker's inputs once (book_worker_setup) and then the customers in jobs (book_worker_rank); each
// job's rankings go back as one batch. Documents: shared/api/book_ranking.h.
#include <emscripten.h>

#include <chrono>
#include <optional>
#include <string>

#include "shared/api/book_ranking.h"
#include "shared/data/json_depth.h"
#include "shared/ranking/device_ranker.h"

namespace {

std::optional<bank::DeviceRanker> g_ranker;
std::vector<bank::Product> g_catalog;
std::string g_answer;  // what the last call returns; valid until the next call

const char* answer(std::string text) {
    g_answer = std::move(text);
    return g_answer.c_str();
}

// The same ranker the page builds (wasm/flows/ranking_flow.cpp prepare_ranker), from the same
// inputs: the hybrid when the learned model cannot be used, as on the page.
std::string set_up(const bank::api::BookWorkerSetup& setup) {
    auto ranker = bank::make_device_ranker(setup.catalog, setup.ranking_model.behavior, setup.ranking_model.weights);
    if (!ranker) return ranker.error().message;
    g_ranker = std::move(ranker).value();
    if (!setup.propensity_model.empty()) {
        auto learned = bank::with_propensity_model(*g_ranker, setup.propensity_model, "the learned ranking model");
        if (learned) g_ranker = std::move(learned).value();
    }
    g_catalog = setup.catalog;
    return "";
}

bank::api::BookRankingBatch rank(const bank::api::BookRankingJob& job) {
    const auto started = std::chrono::steady_clock::now();
    bank::api::BookRankingBatch batch;
    batch.generation = job.generation;
    for (std::size_t i = 0; i < job.customers.size(); ++i) {
        const bank::api::CustomerRecord& record = job.customers[i];
        auto result = bank::rank_on_device(*g_ranker, record.customer, record.transaction_summary.spending, nullptr,
                                           job.reasons);
        bank::api::BookRanking entry{job.indices[i], record.customer.id, std::nullopt, ""};
        if (result) entry.ranking = std::move(result).value();
        else entry.error = result.error().message;
        batch.rankings.push_back(std::move(entry));
    }
    batch.core_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    return batch;
}

}  // namespace

// "" when the ranker is ready, else why it could not be built.
extern "C" EMSCRIPTEN_KEEPALIVE const char* book_worker_setup(const char* setup_json) {
    auto setup = bank::api::read_book_worker_setup(bank::parse_json_within_depth(setup_json), "book worker setup");
    if (!setup) return answer(setup.error().message());
    return answer(set_up(setup.value()));
}

// A batch document, or {"error": "why"} when the job could not be read.
extern "C" EMSCRIPTEN_KEEPALIVE const char* book_worker_rank(const char* job_json) {
    if (!g_ranker) return answer(nlohmann::json{{"error", "the book worker was not set up"}}.dump());
    auto job = bank::api::read_book_ranking_job(bank::parse_json_within_depth(job_json), "book worker job");
    if (!job) return answer(nlohmann::json{{"error", job.error().message()}}.dump());
    return answer(bank::api::write_book_ranking_batch(rank(job.value()), g_catalog)
                      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

int main() { return 0; }
