// bank-train: trains the propensity model on the project's data or any dataset in the generic
// format (EVALUATION.md), choosing hyper-parameters on a validation group of customers, and writes
// XGBoost's JSON model for the proxy to serve. Usage: EVALUATION.md "Training the model".
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "train/evaluation/eval_inputs.h"
#include "shared/profile/spending.h"
#include "train/evaluation/protocol.h"
#include "shared/ranking/propensity/propensity_model.h"
#include "train/propensity_training.h"
#include "train/training_set.h"

namespace {

constexpr const char* kUsage =
    "usage: bank-train (--project-data DIR | --customers F --holdings F --catalog F [--transactions F])\n"
    "                  --out FILE [--min-group-size K] [--seed N] [--depths 3,4,6] [--max-rounds N]\n"
    "                  [--threads N] [--negatives N]\n";

int fail(const std::string& message) {
    std::fprintf(stderr, "bank-train: %s\n", message.c_str());
    return 2;
}

// Written beside the target and renamed over it: a failed run never leaves half a model.
bool write_atomically(const std::string& path, const std::string& text) {
    const std::string temporary = path + ".partial";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << text;
        if (!out.flush()) return false;
    }
    std::error_code ec;
    std::filesystem::rename(temporary, path, ec);
    return !ec;
}

bool whole_number(const std::string& text, long min, long max, long& out) {
    char* end = nullptr;
    out = std::strtol(text.c_str(), &end, 10);
    return !text.empty() && *end == '\0' && out >= min && out <= max;
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
    const auto get = [&](const char* key, const std::string& fallback) {
        return args.count(key) ? args[key] : fallback;
    };
    const std::string out_path = get("--out", "");
    if (out_path.empty()) return fail("--out FILE is required\n" + std::string(kUsage));

    TrainingPlan plan;
    long k = 0, seed = 0, rounds = 0, threads = 0, negatives = 0;
    if (!whole_number(get("--min-group-size", "20"), 1, 1000000, k))
        return fail("--min-group-size must be a whole number of at least 1");
    if (!whole_number(get("--seed", "42"), 0, 1L << 40, seed)) return fail("--seed must be a whole number");
    if (!whole_number(get("--max-rounds", "400"), 1, 5000, rounds))
        return fail("--max-rounds must be a whole number from 1 to 5000");
    if (!whole_number(get("--threads", "2"), 1, 256, threads)) return fail("--threads must be 1 to 256");
    if (!whole_number(get("--negatives", "0"), 0, 100000, negatives))
        return fail("--negatives must be a whole number (0 keeps every candidate)");
    plan.negatives_per_positive = static_cast<std::size_t>(negatives);
    plan.min_group_size = static_cast<std::size_t>(k);
    plan.max_rounds = static_cast<int>(rounds);
    plan.round_step = std::min(plan.round_step, plan.max_rounds);
    plan.threads = static_cast<int>(threads);
    if (args.count("--depths")) {
        auto depths = parse_depths(args["--depths"]);
        if (!depths) return fail("--depths must be whole numbers 1-16, comma-separated");
        plan.depths = *depths;
    }

    const auto started = std::chrono::steady_clock::now();
    Loaded<EvalData> data = args.count("--project-data")
                                ? load_project_data(args["--project-data"])
                                : load_generic_data({get("--customers", ""), get("--holdings", ""),
                                                     get("--catalog", ""), get("--transactions", "")});
    if (!data) return fail(data.error().message());
    const EvalData& d = data.value();
    auto catalog = lexical_catalog(d.catalog);
    if (!catalog) return fail(catalog.error().message);

    // Hyper-parameters on a validation group (leave-one-out), then the model on every holding.
    const EvalSplit split = leave_one_out_split(d, static_cast<std::uint64_t>(seed), 0.3);
    const SpendingByCustomer train_spending = spending_by_customer(split.train_transactions);
    const FeatureChoice choice = feature_choice(d, train_spending);
    const auto train_customers = known_customers(d, split.train_holdings, train_spending, catalog.value(), choice);
    std::vector<ValidationCase> validation;
    for (const EvalCase& c : split.validation) {
        ValidationCase v{c.customer, {}};
        for (const std::string& id : c.relevant)
            for (std::size_t p = 0; p < d.catalog.size(); ++p)
                if (d.catalog[p].id == id) v.relevant.push_back(static_cast<int>(p));
        validation.push_back(std::move(v));
    }
    auto hp = choose_hyperparameters(catalog.value(), choice, train_customers, validation, plan);
    if (!hp) return fail(hp.error().message);
    for (const std::string& line : hp.value().log) std::printf("select %s\n", line.c_str());
    std::printf("chosen: depth %d, %d trees (validation MAP@%zu %.4f on %zu customers)\n", hp.value().depth,
                hp.value().rounds, plan.k, hp.value().validation_map, validation.size());

    std::vector<std::vector<std::string>> all_holdings(d.customers.size());
    std::map<std::int64_t, std::size_t> index;
    for (std::size_t i = 0; i < d.customers.size(); ++i) index[d.customers[i].id] = i;
    for (const Holding& h : d.holdings) all_holdings[index[h.customer_id]].push_back(h.product_id);
    const SpendingByCustomer spending = spending_by_customer(d.transactions);
    const FeatureChoice final_choice = feature_choice(d, spending);
    const auto customers = known_customers(d, all_holdings, spending, catalog.value(), final_choice);
    char provenance[300];
    std::snprintf(provenance, sizeof provenance,
                  "bank-train: XGBoost binary:logistic, depth %d, %d trees, learning rate %.2f, chosen by "
                  "validation MAP@%zu %.4f (leave-one-out, seed %ld); every leaf and statistic rests on >= %zu "
                  "customers",
                  hp.value().depth, hp.value().rounds, plan.learning_rate, plan.k, hp.value().validation_map, seed,
                  plan.min_group_size);
    auto model = fit_propensity(catalog.value(), final_choice, customers, hp.value(), plan, provenance);
    if (!model) return fail(model.error().message);
    // What the proxy and the browser will do with the file, checked before it replaces the old one.
    auto usable = parse_propensity_model(model.value().model_json, out_path, d.catalog);
    if (!usable) return fail(usable.error().message);
    if (!write_atomically(out_path, model.value().model_json)) return fail("cannot write " + out_path);

    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::printf("trained on %zu rows from %zu customers, %zu features; %zu splits collapsed so that every leaf "
                "rests on >= %zu customers (smallest leaf: %zu)\n",
                model.value().rows, model.value().customers, model.value().features, model.value().splits_collapsed,
                plan.min_group_size, model.value().smallest_leaf);
    std::printf("the core's predictions differ from XGBoost's by at most %.2g over those rows\n",
                model.value().parity_max_difference);
    std::printf("wrote %s (%zu bytes) in %.1f s, peak memory %.0f MB\n", out_path.c_str(),
                model.value().model_json.size(), seconds, usage.ru_maxrss / 1024.0);
    return 0;
}
