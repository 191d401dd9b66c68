// Times the path the app runs: rank_on_device (shared/ranking/device_ranker.h) with the learned
// propensity model, one customer after another, on a seeded synthetic book of 10,000 customers x
// 100 products (synthetic_bank.h), with the hand-weighted hybrid (no model) on the same book as
// the reference. The same source is built natively and to wasm by bench_device.sh, which trains
// the model first with bank-bench-train on the same catalog; it prints one JSON line.
//
//   single   one customer, rank_on_device, median of 301 calls after 25 (learned and hybrid)
//   book     every customer of the book through rank_on_device, as the app's banker view does:
//            hybrid median of 5 after a warm-up; learned median of [book runs] (default 3), no
//            warm-up (a run takes seconds; the single-customer calls have warmed up)
//   list     every customer through rank_on_device with Reasons::Later, as the app's book worker
//            ranks a banker's book (reasons on demand): learned median of 5 after a warm-up
//   explain  one customer's reasons on demand (explain_on_device on their list), median of 301
//   parts    where the learned path's time goes, each over the whole book: building the candidate
//            rows, the trees on them (predict_batch per customer, the reference scorer; and the
//            compiled trees, compiled_trees.h, which rank_customer uses), the TreeSHAP
//            contributions behind the reasons of the 7 products shown, and the trees over all the
//            book's rows in one predict_batch call (median of 3 after a warm-up; TreeSHAP one run)
//
// Usage: bench_device PLATFORM MODEL.json [book runs] [only]
// `only` = hybrid, learned or list runs just that book, repeatedly, and prints its time (for a
// profiler) and a fingerprint of its lists, scores and likelihoods, bit for bit.
//
//        bench_device book DATA_DIR BANKER MODEL.json [runs]
// ranks one banker's book of a data folder (as the proxy would send it: the customers assigned to
// BANKER with their spending) the way the app's book worker does, and prints one JSON line with
// the median and fastest of `runs` (default 5) after a warm-up: the core's own time for the book
// that tests/e2e/bench_book.mjs times in the browser, and a fingerprint of every list, score and
// likelihood (bit for bit), which a faster core must leave as it is.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "shared/data/loaders.h"
#include "shared/profile/spending.h"
#include "shared/ranking/device_ranker.h"
#include "shared/ranking/propensity/propensity_model.h"
#include "shared/ranking/trees/compiled_trees.h"
#include "shared/ranking/trees/tree_predict.h"
#include "synthetic_bank.h"

namespace {

using Clock = std::chrono::steady_clock;

// The book. bench_device.sh trains on the same catalog (catalog seed, product count, holdings
// mean) with other customers (another customer seed).
constexpr std::size_t kCustomers = 10000;
constexpr std::size_t kProducts = 100;
constexpr double kHoldingsMean = 3.0;
constexpr std::uint64_t kCatalogSeed = 1;
constexpr std::uint64_t kBookSeed = 7;

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

struct Timing {
    double median = 0, min = 0, max = 0;
};

Timing summarize(std::vector<double> ms) {
    std::sort(ms.begin(), ms.end());
    return {ms[ms.size() / 2], ms.front(), ms.back()};
}

std::uint64_t fnv(std::uint64_t h, std::uint64_t v) { return (h ^ (v + 1)) * 1099511628211ull; }

std::uint64_t float_bits(float f) {
    std::uint32_t bits = 0;
    std::memcpy(&bits, &f, sizeof bits);
    return bits;
}

std::string read_text(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    std::stringstream text;
    text << file.rdbuf();
    return text.str();
}

// bench_device book DATA_DIR BANKER MODEL.json [runs]
int bench_data_book(int argc, char** argv) {
    using namespace bank;
    if (argc < 5) {
        std::fprintf(stderr, "usage: bench_device book DATA_DIR BANKER MODEL.json [runs]\n");
        return 2;
    }
    const std::string dir = argv[2], banker = argv[3];
    const int runs = argc > 5 ? std::max(1, std::atoi(argv[5])) : 5;
    const std::string catalog = read_text(dir + "/catalog.csv"), customers = read_text(dir + "/customerdata.csv"),
                      transactions = read_text(dir + "/transactions.csv"), bankers = read_text(dir + "/bankers.csv");
    auto data = assemble_dataset({{catalog, "catalog.csv"},
                                  {customers, "customerdata.csv"},
                                  {transactions, "transactions.csv"},
                                  {bankers, "bankers.csv"}});
    if (!data) {
        std::fprintf(stderr, "%s\n", data.error().message().c_str());
        return 1;
    }
    const SpendingByCustomer spending = spending_by_customer(data.value().transactions);
    auto hybrid = make_device_ranker(data.value().catalog, fit_behavior_model(data.value()), RankingWeights{});
    if (!hybrid) return 1;
    auto learned = with_propensity_model(hybrid.value(), read_text(argv[4]), argv[4]);
    if (!learned) {
        std::fprintf(stderr, "%s\n", learned.error().message.c_str());
        return 1;
    }
    std::vector<const Customer*> book;
    for (const Customer& c : data.value().customers)
        if (c.banker_id == banker) book.push_back(&c);
    const std::vector<CategorySpend> none;
    std::vector<double> ms;
    std::size_t listed = 0;
    // Every list, score and likelihood bit for bit (a faster core must print the same value).
    std::uint64_t fingerprint = 1469598103934665603ull;
    for (int run = 0; run < 1 + runs; ++run) {
        const auto start = Clock::now();
        for (const Customer* c : book) {
            const auto found = spending.find(c->id);
            auto r = rank_on_device(learned.value(), *c, found == spending.end() ? none : found->second, nullptr,
                                    Reasons::Later);
            if (r && run == 0) {
                listed += r.value().recommendations.size();
                for (const Recommendation& rec : r.value().recommendations)
                    fingerprint = fnv(fnv(fnv(fingerprint, static_cast<std::uint64_t>(rec.product_index)),
                                          float_bits(rec.score)),
                                      float_bits(rec.likelihood));
                fingerprint = fnv(fingerprint, 1000);
            }
        }
        if (run > 0) ms.push_back(ms_since(start));
    }
    const Timing t = summarize(ms);
    std::printf("{\"customers\":%zu,\"listed\":%zu,\"runs\":%d,\"list_ms\":%.1f,\"list_min_ms\":%.1f,"
                "\"fingerprint\":\"%016llx\"}\n",
                book.size(), listed, runs, t.median, t.min, static_cast<unsigned long long>(fingerprint));
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    using namespace bank;
    if (argc > 1 && std::string(argv[1]) == "book") return bench_data_book(argc, argv);
    if (argc < 3) {
        std::fprintf(stderr, "usage: bench_device PLATFORM MODEL.json [book runs] [hybrid|learned]\n");
        return 2;
    }
    const char* platform = argv[1];
    const int book_runs = argc > 3 ? std::max(1, std::atoi(argv[3])) : 3;
    std::ifstream file(argv[2], std::ios::binary);
    std::stringstream json;
    json << file.rdbuf();
    if (!file || json.str().empty()) {
        std::fprintf(stderr, "cannot read %s\n", argv[2]);
        return 2;
    }

    SyntheticBankShape shape;
    shape.customers = kCustomers;
    shape.products = kProducts;
    shape.holdings_mean = kHoldingsMean;
    shape.catalog_seed = kCatalogSeed;
    shape.customer_seed = kBookSeed;
    shape.first_customer_id = 1000001;
    const EvalData bank = make_synthetic_bank(shape);
    const std::vector<CategorySpend> no_spending;  // the synthetic bank has no transactions
    BehaviorModel behavior = fit_behavior_model(bank.catalog, bank.customers, SpendingByCustomer{}, bank.known);

    auto hybrid = make_device_ranker(bank.catalog, behavior, RankingWeights{});
    if (!hybrid) {
        std::fprintf(stderr, "make_device_ranker: %s\n", hybrid.error().message.c_str());
        return 1;
    }
    const auto load_start = Clock::now();
    auto learned = with_propensity_model(hybrid.value(), json.str(), argv[2]);
    const double load_ms = ms_since(load_start);
    if (!learned) {
        std::fprintf(stderr, "with_propensity_model: %s\n", learned.error().message.c_str());
        return 1;
    }
    const DeviceRanker& with_model = learned.value();
    const DeviceRanker& without_model = hybrid.value();
    const PropensityModel& model = *with_model.propensity;

    const auto rank = [&](const DeviceRanker& ranker, std::size_t i, Reasons reasons = Reasons::Now) {
        auto result = rank_on_device(ranker, bank.customers[i], no_spending, nullptr, reasons);
        if (!result) {
            std::fprintf(stderr, "rank_on_device: %s\n", result.error().message.c_str());
            std::exit(1);
        }
        return std::move(result).value();
    };

    if (argc > 4) {  // one book only, for a profiler
        const std::string only = argv[4];
        if (only != "hybrid" && only != "learned" && only != "list") {
            std::fprintf(stderr, "the fourth argument is hybrid, learned or list\n");
            return 2;
        }
        const DeviceRanker& ranker = only == "hybrid" ? without_model : with_model;
        const Reasons reasons = only == "list" ? Reasons::Later : Reasons::Now;
        std::uint64_t fingerprint = 1469598103934665603ull;  // lists, scores and likelihoods, bit for bit
        for (int run = 0; run < book_runs; ++run) {
            const auto start = Clock::now();
            for (std::size_t i = 0; i < kCustomers; ++i) {
                const RankingResult r = rank(ranker, i, reasons);
                if (run > 0) continue;
                for (const Recommendation& rec : r.recommendations)
                    fingerprint = fnv(fnv(fnv(fingerprint, static_cast<std::uint64_t>(rec.product_index)),
                                          float_bits(rec.score)),
                                      float_bits(rec.likelihood));
                fingerprint = fnv(fingerprint, 1000);
            }
            std::printf("%s book: %.1f ms\n", only.c_str(), ms_since(start));
        }
        std::printf("%s book: lists, scores and likelihoods %016llx\n", only.c_str(),
                    static_cast<unsigned long long>(fingerprint));
        return 0;
    }

    // single: the first customer holding more than one product, a typical banker's customer.
    std::size_t one = 0;
    while (one + 1 < kCustomers && bank.customers[one].products_held.size() < 2) ++one;
    const auto single = [&](const DeviceRanker& ranker) {
        std::vector<double> ms;
        for (int run = 0; run < 25 + 301; ++run) {
            const auto start = Clock::now();
            const RankingResult r = rank(ranker, one);
            if (run >= 25) ms.push_back(ms_since(start));
            if (r.recommendations.empty()) std::exit(1);
        }
        return summarize(ms);
    };
    const Timing single_learned = single(with_model);
    const Timing single_hybrid = single(without_model);

    // book: every customer, one after another.
    std::vector<std::vector<int>> top(kCustomers);
    // The first pass records the lists; it is timed too when there is no warm-up (the learned
    // book takes seconds, and the single-customer runs have warmed the code and the model).
    const auto book = [&](const DeviceRanker& ranker, int warmups, int runs, std::uint64_t& fingerprint,
                          std::size_t& listed, Reasons reasons = Reasons::Now) {
        std::vector<double> ms;
        for (int run = 0; run < warmups + runs; ++run) {
            const auto start = Clock::now();
            for (std::size_t i = 0; i < kCustomers; ++i) {
                RankingResult r = rank(ranker, i, reasons);
                if (run == 0) {
                    top[i].clear();
                    for (const Recommendation& rec : r.recommendations) top[i].push_back(rec.product_index);
                }
            }
            if (run >= warmups) ms.push_back(ms_since(start));
        }
        fingerprint = 1469598103934665603ull;
        listed = 0;
        for (const auto& list : top) {
            for (int p : list) fingerprint = fnv(fingerprint, static_cast<std::uint64_t>(p));
            fingerprint = fnv(fingerprint, 1000);
            listed += list.size();
        }
        return summarize(ms);
    };
    std::uint64_t fp_hybrid = 0, fp_learned = 0;
    std::size_t listed_hybrid = 0, listed_learned = 0;
    const Timing book_hybrid = book(without_model, 1, 5, fp_hybrid, listed_hybrid);
    std::uint64_t fp_list = 0;
    std::size_t listed_list = 0;
    const Timing book_list = book(with_model, 1, 5, fp_list, listed_list, Reasons::Later);
    const Timing book_learned = book(with_model, 0, book_runs, fp_learned, listed_learned);  // leaves `top` learned

    // explain: one customer's reasons on demand, from their list.
    const RankingResult one_list = rank(with_model, one, Reasons::Later);
    std::vector<double> explain_ms;
    for (int run = 0; run < 25 + 301; ++run) {
        const auto start = Clock::now();
        auto explained = explain_on_device(with_model, bank.customers[one], no_spending, nullptr, one_list);
        if (run >= 25) explain_ms.push_back(ms_since(start));
        if (!explained || !explained.value().explained) std::exit(1);
    }
    const Timing explain_one = summarize(explain_ms);

    // parts of the learned path, each over the whole book (medians of book_runs after one warm-up).
    std::vector<PropensityCustomer> who(kCustomers);
    std::vector<std::vector<int>> candidates(kCustomers);
    for (std::size_t i = 0; i < kCustomers; ++i) {
        const Customer& c = bank.customers[i];
        who[i].customer = &c;
        who[i].known = KnownFields{};  // what rank_on_device passes
        for (const std::string& id : c.products_held)
            for (std::size_t p = 0; p < bank.catalog.size(); ++p)
                if (bank.catalog[p].id == id) who[i].held.push_back(static_cast<int>(p));
        std::sort(who[i].held.begin(), who[i].held.end());
        const auto ok = candidate_products(with_model.catalog, c, who[i].held, who[i].known);
        for (std::size_t p = 0; p < ok.size(); ++p)
            if (ok[p]) candidates[i].push_back(static_cast<int>(p));
    }
    const std::size_t width = model.layout.names.size();
    std::vector<std::vector<float>> rows(kCustomers);
    std::vector<float> scores;
    const auto parts = [&](int warmups, int runs, auto body) {
        std::vector<double> ms;
        for (int run = 0; run < warmups + runs; ++run) {
            const auto start = Clock::now();
            body();
            if (run >= warmups) ms.push_back(ms_since(start));
        }
        return summarize(ms);
    };
    const Timing rows_time = parts(1, 3, [&] {
        for (std::size_t i = 0; i < kCustomers; ++i)
            propensity_rows(model.layout, model.priors, bank.catalog, who[i], candidates[i], rows[i]);
    });
    std::size_t row_count = 0;
    for (const auto& r : rows) row_count += r.size() / width;
    const Timing trees_time = parts(1, 3, [&] {
        for (std::size_t i = 0; i < kCustomers; ++i) {
            scores.resize(candidates[i].size());
            predict_batch(model.trees, rows[i].data(), candidates[i].size(), scores.data());
        }
    });
    const Timing compiled_time = parts(1, 3, [&] {
        for (std::size_t i = 0; i < kCustomers; ++i) {
            scores.resize(candidates[i].size());
            predict_margins_compiled(model.compiled, rows[i].data(), candidates[i].size(), scores.data());
        }
    });
    std::vector<float> all_rows;
    all_rows.reserve(row_count * width);
    for (const auto& r : rows) all_rows.insert(all_rows.end(), r.begin(), r.end());
    std::vector<float> all_scores(row_count);
    const Timing trees_one_call = parts(1, 3, [&] { predict_batch(model.trees, all_rows.data(), row_count, all_scores.data()); });
    float sink = 0;
    const Timing shap_time = parts(0, 1, [&] {  // seconds: one run
        for (std::size_t i = 0; i < kCustomers; ++i)
            for (int p : top[i]) sink += propensity_contributions(model, bank.catalog, who[i], p).back();
    });

    std::printf(
        "{\"platform\":\"%s\",\"customers\":%zu,\"products\":%zu,\"trees\":%zu,\"features\":%zu,\"load_ms\":%.1f,"
        "\"single_customer\":%zu,\"single_learned_us\":%.1f,\"single_hybrid_us\":%.1f,"
        "\"book_runs\":%d,\"book_learned_ms\":%.1f,\"book_learned_min_ms\":%.1f,\"book_learned_max_ms\":%.1f,"
        "\"book_hybrid_ms\":%.1f,\"book_hybrid_min_ms\":%.1f,\"book_hybrid_max_ms\":%.1f,"
        "\"book_list_ms\":%.1f,\"book_list_min_ms\":%.1f,\"explain_us\":%.1f,"
        "\"candidate_rows\":%zu,\"rows_ms\":%.1f,\"trees_ms\":%.1f,\"compiled_trees_ms\":%.1f,"
        "\"trees_one_call_ms\":%.1f,\"shap_ms\":%.1f,"
        "\"listed_learned\":%zu,\"listed_hybrid\":%zu,"
        "\"fingerprint_learned\":\"%016llx\",\"fingerprint_hybrid\":\"%016llx\",\"fingerprint_list\":\"%016llx\","
        "\"sink\":%.3g}\n",
        platform, kCustomers, kProducts, model.trees.tree_count(), width, load_ms, one, single_learned.median * 1000,
        single_hybrid.median * 1000, book_runs, book_learned.median, book_learned.min, book_learned.max,
        book_hybrid.median, book_hybrid.min, book_hybrid.max, book_list.median, book_list.min,
        explain_one.median * 1000, row_count, rows_time.median, trees_time.median, compiled_time.median,
        trees_one_call.median, shap_time.median, listed_learned, listed_hybrid,
        static_cast<unsigned long long>(fp_learned), static_cast<unsigned long long>(fp_hybrid),
        static_cast<unsigned long long>(fp_list), static_cast<double>(sink));
    return 0;
}
