// The documents between the page and its book worker (wasm/book_worker/), which ranks a banker's
// book off the page's main thread with the same core: which of its customers to rank, and the
// rankings coming back. What the ranker is built from and the book itself the worker gets as the
// page got them: the /api/catalog, /api/ranking-model and /api/book answers as they came (read
// with catalog.h, ranking_model.h and book.h), so a job names customers by their place. Both sides
// are ours, but the page treats what comes back as it treats any answer: decoded with checks, so a
// worker that posts garbage is an error the page can explain and recover from, never a
// half-filled table.
//
//   job     {"generation": 3, "reasons": false, "indices": [0, 1, ...]}
//   batch   {"generation": 3, "core_ms": 41.5, "texts": ["", "text similarity (lexical)", ...],
//            "rankings": [{"index": 0, "customer_id": 101, "ranking": {...}} |
//                         {"index": 1, "customer_id": 102, "error": "why"}, ...]}
//
// A ranking carries every field of RankingResult; a recommendation is a row [catalog index,
// score, likelihood, moved for interest, reasons], a reason [code, contribution, text, banker
// text, personal], an exclusion [catalog index, rule, text, customer text]. Scores, likelihoods
// and contributions travel as their 32 IEEE-754 bits (a whole number): they survive the trip bit
// for bit, and the page reads them without parsing decimals. The page reads batches on its main thread, so they are kept small (a few
// dozen customers, wasm/book_worker/worker_messages.js) and every text of a ranking (the signals
// used, an exclusion's words, a note) is a number into the batch's "texts", where each text is
// written once: most are the same for many customers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "shared/api/customer_record.h"
#include "shared/data/load_error.h"
#include "shared/ranking/recommender.h"

namespace bank::api {

struct BookRankingJob {
    int generation = 0;  // which ranking of the book this is; answers to an older one are dropped
    Reasons reasons = Reasons::Later;
    std::vector<std::size_t> indices;  // places in the book the worker holds, best first
};

// The first ranking of a freshly arrived book starts in the workers before the page has decoded
// it, so no job is sent: each worker takes its share in document order, chunks dealt out in turn
// (worker `slot` of `workers` takes chunks slot, slot + workers, ...), and the page works out the
// same shares to know who ranks what.
inline constexpr std::size_t kBookShareChunk = 64;
std::vector<std::size_t> first_ranking_share(std::size_t customers, int slot, int workers);

struct BookRanking {
    std::size_t index = 0;
    std::int64_t customer_id = 0;
    std::optional<RankingResult> ranking;  // or, when ranking failed, why:
    std::string error;
};

struct BookRankingBatch {
    int generation = 0;
    double core_ms = 0;  // the worker's time in the core for this batch
    std::vector<BookRanking> rankings;
};

nlohmann::json write_book_ranking_job(const BookRankingJob& job);
Loaded<BookRankingJob> read_book_ranking_job(const nlohmann::json& j, std::string_view source);

// Products are named by their index in `catalog`, the one both sides were set up with. The batch is
// written as text straight away (shared/data/json_text.h): the worker writes one every few dozen
// customers, and building a tree first took it an eighth of its time.
std::string write_book_ranking_batch(const BookRankingBatch& batch, const std::vector<Product>& catalog);
Loaded<BookRankingBatch> read_book_ranking_batch(const nlohmann::json& j, std::string_view source,
                                                 const std::vector<Product>& catalog);

}  // namespace bank::api
