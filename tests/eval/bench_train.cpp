// bank-bench-train: training time and peak memory of the propensity model at scale, on a seeded
// synthetic bank (synthetic_bank.h), with fixed hyper-parameters (no search). It also writes the
// model that tests/eval/bench_device.sh ranks with. BENCHMARKS.md "Training the propensity model".
//
// Phases, timed one after another in one process:
//   generate   the synthetic EvalData
//   prepare    lexical catalog, feature choice, known_customers (train/training_set.h)
//   build rows feature_basis + leave_one_out_examples, alone (then freed)
//   fit        fit_propensity as bank-train runs it: the same rows again, XGBoost hist training,
//              the k-customer leaf pruning and the XGBoost-vs-core parity check over every row
// Peak memory is getrusage's ru_maxrss (the process's high-water mark), read after the row build
// and at the end. The last line is one JSON object.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <numeric>
#include <string>
#include <unordered_map>
#include <vector>

#include "train/evaluation/protocol.h"
#include "shared/ranking/propensity/propensity_model.h"
#include "shared/ranking/recommender.h"
#include "synthetic_bank.h"
#include "train/propensity_training.h"
#include "train/training_set.h"

namespace {

constexpr const char* kUsage =
    "usage: bank-bench-train [--customers N] [--products P] [--holdings-mean M] [--negatives K]\n"
    "                        [--depth D] [--trees T] [--learning-rate R] [--threads N] [--min-group-size K]\n"
    "                        [--catalog-seed S] [--seed S] [--check N] [--out model.json]\n"
    "defaults: 1000 customers, 24 products, 1.4 holdings, every candidate (--negatives 0), depth 4,\n"
    "          300 trees, learning rate 0.1, 2 threads, k = 20, check on 2000 other customers\n";

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double peak_mb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0;  // KiB on Linux
}

int fail(const std::string& message) {
    std::fprintf(stderr, "bank-bench-train: %s\n", message.c_str());
    return 2;
}

// MAP@7 (one hidden product per customer) of the learned model and of plain popularity, on
// customers the model never saw: shows the synthetic bank has something to learn.
struct Check {
    std::size_t cases = 0;
    double learned = 0, popularity = 0;
};

Check check_model(const bank::PropensityModel& model, const bank::EvalData& data, const bank::RankingCatalog& catalog) {
    using namespace bank;
    Check out;
    const std::size_t k = 7;
    for (std::size_t i = 0; i < data.customers.size(); ++i) {
        const Customer& c = data.customers[i];
        if (c.products_held.empty()) continue;
        std::vector<int> held;
        for (const std::string& id : c.products_held)
            for (std::size_t p = 0; p < catalog.products.size(); ++p)
                if (catalog.products[p].id == id) held.push_back(static_cast<int>(p));
        const int hidden = held[mix64(static_cast<std::uint64_t>(c.id)) % held.size()];
        held.erase(std::find(held.begin(), held.end(), hidden));
        std::sort(held.begin(), held.end());
        const auto ok = candidate_products(catalog, c, held, data.known[i]);
        std::vector<int> products;
        for (std::size_t p = 0; p < ok.size(); ++p)
            if (ok[p]) products.push_back(static_cast<int>(p));
        if (std::find(products.begin(), products.end(), hidden) == products.end()) continue;
        PropensityCustomer who;
        who.customer = &c;
        who.known = data.known[i];
        who.held = held;
        // Log-odds rank the candidates as the probabilities do.
        const std::vector<float> scores = propensity_margins(model, catalog.products, who, products);
        const auto rank_of = [&](auto score) {
            std::size_t rank = 1;
            const std::size_t h = static_cast<std::size_t>(std::find(products.begin(), products.end(), hidden) - products.begin());
            for (std::size_t j = 0; j < products.size(); ++j)
                if (score(j) > score(h) || (score(j) == score(h) && products[j] < hidden)) ++rank;
            return rank;
        };
        const std::size_t learned = rank_of([&](std::size_t j) { return scores[j]; });
        const std::size_t popular = rank_of([&](std::size_t j) { return model.priors.popularity[products[j]]; });
        out.learned += learned <= k ? 1.0 / static_cast<double>(learned) : 0.0;
        out.popularity += popular <= k ? 1.0 / static_cast<double>(popular) : 0.0;
        ++out.cases;
    }
    if (out.cases > 0) {
        out.learned /= static_cast<double>(out.cases);
        out.popularity /= static_cast<double>(out.cases);
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    using namespace bank;
    using namespace bank::train;
    std::map<std::string, std::string> args;
    for (int i = 1; i < argc; ++i) {
        const std::string key = argv[i];
        if (key.rfind("--", 0) != 0 || i + 1 >= argc) {
            std::fputs(kUsage, stderr);
            return 2;
        }
        args[key] = argv[++i];
    }
    const auto number = [&](const char* key, double fallback) {
        return args.count(key) ? std::strtod(args[key].c_str(), nullptr) : fallback;
    };
    SyntheticBankShape shape;
    shape.customers = static_cast<std::size_t>(number("--customers", 1000));
    shape.products = static_cast<std::size_t>(number("--products", 24));
    shape.holdings_mean = number("--holdings-mean", 1.4);
    shape.catalog_seed = static_cast<std::uint64_t>(number("--catalog-seed", 1));
    shape.customer_seed = static_cast<std::uint64_t>(number("--seed", 2));
    TrainingPlan plan;
    plan.negatives_per_positive = static_cast<std::size_t>(number("--negatives", 0));
    plan.learning_rate = number("--learning-rate", 0.1);
    plan.threads = static_cast<int>(number("--threads", 2));
    plan.min_group_size = static_cast<std::size_t>(number("--min-group-size", 20));
    Hyperparameters hp;
    hp.depth = static_cast<int>(number("--depth", 4));
    hp.rounds = static_cast<int>(number("--trees", 300));
    const std::size_t check_customers = static_cast<std::size_t>(number("--check", 2000));
    if (shape.customers < 1 || shape.products < 2 || hp.depth < 1 || hp.rounds < 1 || plan.threads < 1)
        return fail("customers >= 1, products >= 2, depth, trees and threads >= 1\n" + std::string(kUsage));

    // generate
    auto start = std::chrono::steady_clock::now();
    const EvalData data = make_synthetic_bank(shape);
    const double generate_s = seconds_since(start);

    // prepare
    start = std::chrono::steady_clock::now();
    auto catalog = lexical_catalog(data.catalog);
    if (!catalog) return fail(catalog.error().message);
    std::unordered_map<std::int64_t, std::size_t> index;
    for (std::size_t i = 0; i < data.customers.size(); ++i) index[data.customers[i].id] = i;
    std::vector<std::vector<std::string>> holdings(data.customers.size());
    for (const Holding& h : data.holdings) holdings[index.at(h.customer_id)].push_back(h.product_id);
    const SpendingByCustomer no_spending;
    const FeatureChoice choice = feature_choice(data, no_spending);
    const std::vector<KnownCustomer> customers = known_customers(data, holdings, no_spending, catalog.value(), choice);
    const double prepare_s = seconds_since(start);

    // build rows, alone
    start = std::chrono::steady_clock::now();
    std::size_t rows = 0, features = 0, positives = 0;
    {
        const FeatureBasis basis = feature_basis(catalog.value(), choice, customers, plan.min_group_size);
        const ExampleSet examples =
            leave_one_out_examples(basis.layout, basis.priors, catalog.value(), customers, plan.negatives_per_positive);
        rows = examples.matrix.count();
        features = examples.matrix.width;
        positives = static_cast<std::size_t>(
            std::count(examples.matrix.labels.begin(), examples.matrix.labels.end(), 1.0f));
    }
    const double build_s = seconds_since(start);
    const double peak_build_mb = peak_mb();
    std::fprintf(stderr, "built %zu rows x %zu features (%zu positives) in %.1f s, peak %.0f MB\n", rows, features,
                 positives, build_s, peak_build_mb);

    // fit, as bank-train does
    start = std::chrono::steady_clock::now();
    char provenance[200];
    std::snprintf(provenance, sizeof provenance,
                  "bank-bench-train: synthetic bank (%zu customers, %zu products, seeds %llu/%llu), depth %d, %d trees, "
                  "learning rate %.2f, %zu negatives per positive (0 = all)",
                  shape.customers, shape.products, static_cast<unsigned long long>(shape.catalog_seed),
                  static_cast<unsigned long long>(shape.customer_seed), hp.depth, hp.rounds, plan.learning_rate,
                  plan.negatives_per_positive);
    auto trained = fit_propensity(catalog.value(), choice, customers, hp, plan, provenance);
    if (!trained) return fail(trained.error().message);
    const double fit_s = seconds_since(start);
    const double peak_total_mb = peak_mb();
    std::fprintf(stderr, "fit_propensity in %.1f s (%zu splits collapsed, parity %.2g), peak %.0f MB\n", fit_s,
                 trained.value().splits_collapsed, trained.value().parity_max_difference, peak_total_mb);

    if (args.count("--out")) {
        std::ofstream out(args["--out"], std::ios::binary | std::ios::trunc);
        out << trained.value().model_json;
        if (!out.flush()) return fail("cannot write " + args["--out"]);
    }

    // check on other customers of the same bank
    Check check;
    if (check_customers > 0) {
        auto model = parse_propensity_model(trained.value().model_json, "the trained model", data.catalog);
        if (!model) return fail(model.error().message);
        SyntheticBankShape other = shape;
        other.customers = check_customers;
        other.customer_seed = shape.customer_seed + 1000003;
        other.first_customer_id = static_cast<std::int64_t>(shape.customers) + 1;
        check = check_model(model.value(), make_synthetic_bank(other), catalog.value());
    }

    std::printf(
        "{\"customers\":%zu,\"products\":%zu,\"holdings\":%zu,\"holdings_per_customer\":%.2f,"
        "\"negatives_per_positive\":%zu,\"depth\":%d,\"trees\":%d,\"learning_rate\":%.2f,\"threads\":%d,"
        "\"rows\":%zu,\"positives\":%zu,\"features\":%zu,\"generate_s\":%.1f,\"prepare_s\":%.1f,"
        "\"build_rows_s\":%.1f,\"fit_s\":%.1f,\"train_s\":%.1f,\"peak_build_mb\":%.0f,\"peak_mb\":%.0f,"
        "\"splits_collapsed\":%zu,\"parity\":%.2g,\"model_bytes\":%zu,"
        "\"check_cases\":%zu,\"check_map7\":%.4f,\"check_map7_popularity\":%.4f}\n",
        shape.customers, shape.products, data.holdings.size(),
        static_cast<double>(data.holdings.size()) / static_cast<double>(shape.customers), plan.negatives_per_positive,
        hp.depth, hp.rounds, plan.learning_rate, plan.threads, rows, positives, features, generate_s, prepare_s,
        build_s, fit_s, fit_s - build_s, peak_build_mb, peak_total_mb, trained.value().splits_collapsed,
        trained.value().parity_max_difference, trained.value().model_json.size(), check.cases, check.learned,
        check.popularity);
    return 0;
}
