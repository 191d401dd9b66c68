// The book worker: the ranking core alone (no ImGui, no page), run by app/book_worker.js in a Web
// Worker so that a banker's whole book is ranked off the page's main thread. The page sends the
// ranker's inputs as the /api/catalog and /api/ranking-model answers came (book_worker_answer, each
// as soon as it arrives) and the /api/book answer as it came (book_worker_book); the worker decodes
// them with the page's own codecs, builds the ranker the page builds and starts ranking at once,
// its share in document order; later rankings of the same book come as jobs of book indices
// (book_worker_job). The rankings go back a few at a time (book_worker_rank_some), so the page
// never has much to read at once. Documents: shared/api/book_ranking.h.
#include <emscripten.h>

#include <algorithm>
#include <chrono>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/api/book.h"
#include "shared/api/book_ranking.h"
#include "shared/api/catalog.h"
#include "shared/api/ranking_model.h"
#include "shared/data/json_depth.h"
#include "shared/ranking/device_ranker.h"

namespace {

using Clock = std::chrono::steady_clock;

// Work queued for this worker: a job, or its share of a fresh book's first ranking.
struct Work {
    bank::api::BookRankingJob job;
    std::size_t next = 0;  // into job.indices
};

std::optional<bank::DeviceRanker> g_ranker;
std::vector<bank::api::CustomerRecord> g_book;
std::deque<Work> g_work;
std::string g_answer;  // what the last call returns; valid until the next call

// What is wrong with an answer that does not parse (the page says the same of its own copy).
constexpr const char* kNotJson = "it is not JSON, or nests deeper than any answer of the bank's API";

const char* answer(std::string text) {
    g_answer = std::move(text);
    return g_answer.c_str();
}

// The ranker's inputs as the page received them, each kept until the user signs out or another
// user's inputs come (book_worker_forget).
std::optional<std::vector<bank::Product>> g_catalog_answer;
std::optional<bank::api::RankingModel> g_model_answer;

// The same ranker the page builds (wasm/flows/ranking_flow.cpp prepare_ranker), from the same
// answers, once both are in: the hybrid when the learned model cannot be used, as on the page.
std::string set_up() {
    g_ranker.reset();
    if (!g_catalog_answer || !g_model_answer) return "";
    auto ranker = bank::make_device_ranker(*g_catalog_answer, g_model_answer->behavior, g_model_answer->weights);
    if (!ranker) return ranker.error().message;
    g_ranker = std::move(ranker).value();
    if (!g_model_answer->propensity.is_null()) {
        auto learned = bank::with_propensity_document(*g_ranker, g_model_answer->propensity, "the learned ranking model");
        if (learned) g_ranker = std::move(learned).value();
    }
    return "";
}

bank::api::BookRanking rank_one(std::size_t index, bank::Reasons reasons) {
    const bank::api::CustomerRecord& record = g_book[index];
    auto result = bank::rank_on_device(*g_ranker, record.customer, record.transaction_summary.spending, nullptr, reasons);
    bank::api::BookRanking entry{index, record.customer.id, std::nullopt, ""};
    if (result) entry.ranking = std::move(result).value();
    else entry.error = result.error().message;
    return entry;
}

}  // namespace

// One of the ranker's inputs, the answer to `path` (/api/catalog or /api/ranking-model) as it came
// (`length` bytes of its text): "" when it was read, else what is wrong with it, or with the
// ranker built from it. book_worker_ready says whether the ranker is built.
extern "C" EMSCRIPTEN_KEEPALIVE const char* book_worker_answer(const char* path, const char* text, int length) {
    const std::string_view source(path);
    const nlohmann::json j = bank::parse_json_within_depth(std::string_view(text, static_cast<std::size_t>(length)));
    if (j.is_discarded()) return answer(std::string(source) + ": " + kNotJson);
    if (source == "/api/catalog") {
        auto catalog = bank::api::read_catalog(j, source);
        if (!catalog) return answer(catalog.error().message());
        g_catalog_answer = std::move(catalog).value();
    } else if (source == "/api/ranking-model") {
        auto model = bank::api::read_ranking_model(j, source);
        if (!model) return answer(model.error().message());
        g_model_answer = std::move(model).value();
    } else {
        return answer(std::string(source) + ": not an answer the book worker builds its ranker from");
    }
    return answer(set_up());
}

// True once the ranker is built from both answers.
extern "C" EMSCRIPTEN_KEEPALIVE int book_worker_ready() { return g_ranker ? 1 : 0; }

// The user signed out, or another user's data is coming: their inputs, ranker, book and work are
// dropped.
extern "C" EMSCRIPTEN_KEEPALIVE void book_worker_forget() {
    g_catalog_answer.reset();
    g_model_answer.reset();
    g_ranker.reset();
    g_book.clear();
    g_work.clear();
}

// The /api/book answer (`length` bytes of its text), read as the page reads it; this worker's
// share of its first ranking (`generation`, worker `slot` of `workers`) is queued at once. Any
// earlier book's work is dropped. "" when the book was read, else what is wrong with it.
extern "C" EMSCRIPTEN_KEEPALIVE const char* book_worker_book(const char* text, int length, int generation, int slot,
                                                             int workers) {
    g_work.clear();
    g_book.clear();
    const nlohmann::json j = bank::parse_json_within_depth(std::string_view(text, static_cast<std::size_t>(length)));
    if (j.is_discarded()) return answer(kNotJson);
    auto book = bank::api::read_book(j, "/api/book");
    if (!book) return answer(book.error().message());
    g_book = std::move(book.value().customers);
    Work first;
    first.job.generation = generation;
    first.job.indices = bank::api::first_ranking_share(g_book.size(), slot, workers);
    if (!first.job.indices.empty()) g_work.push_back(std::move(first));
    return answer("");
}

// Queues a job; "" when it was read and names customers of this worker's book, else why not.
extern "C" EMSCRIPTEN_KEEPALIVE const char* book_worker_job(const char* job_json) {
    auto job = bank::api::read_book_ranking_job(bank::parse_json_within_depth(job_json), "book worker job");
    if (!job) return answer(job.error().message());
    for (std::size_t index : job.value().indices) {
        if (index >= g_book.size()) {
            return answer("book worker job: place " + std::to_string(index) + " is outside the book it holds (" +
                          std::to_string(g_book.size()) + " customers)");
        }
    }
    if (!job.value().indices.empty()) g_work.push_back(Work{std::move(job).value(), 0});
    return answer("");
}

// Drops queued work of rankings older than `generation` (the page started another).
extern "C" EMSCRIPTEN_KEEPALIVE void book_worker_cancel(int generation) {
    g_work.erase(std::remove_if(g_work.begin(), g_work.end(), [&](const Work& w) { return w.job.generation < generation; }),
                 g_work.end());
}

// True while there is work and a ranker to do it with.
extern "C" EMSCRIPTEN_KEEPALIVE int book_worker_has_work() { return g_ranker && !g_work.empty() ? 1 : 0; }

// The length in bytes of what the last call returned (a batch is posted as its bytes).
extern "C" EMSCRIPTEN_KEEPALIVE int book_worker_answer_length() { return static_cast<int>(g_answer.size()); }

// Ranks the next customers of the first job, up to `most` of them or for about `budget_ms`,
// whichever comes first: a batch document, or "" when there is nothing to do.
extern "C" EMSCRIPTEN_KEEPALIVE const char* book_worker_rank_some(int most, double budget_ms) {
    if (!book_worker_has_work()) return answer("");
    const auto started = Clock::now();
    const auto elapsed_ms = [&] { return std::chrono::duration<double, std::milli>(Clock::now() - started).count(); };
    Work& work = g_work.front();
    bank::api::BookRankingBatch batch;
    batch.generation = work.job.generation;
    while (work.next < work.job.indices.size() && static_cast<int>(batch.rankings.size()) < most &&
           (batch.rankings.empty() || elapsed_ms() < budget_ms)) {
        batch.rankings.push_back(rank_one(work.job.indices[work.next++], work.job.reasons));
    }
    batch.core_ms = elapsed_ms();
    if (work.next >= work.job.indices.size()) g_work.pop_front();
    return answer(bank::api::write_book_ranking_batch(batch, *g_catalog_answer));
}

int main() { return 0; }
