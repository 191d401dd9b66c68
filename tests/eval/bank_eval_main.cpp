// bank-eval: evaluates the learned propensity model (--learned), the hybrid ranker and their
// baselines on the project's data or on any dataset in the generic format, and fits the hybrid's
// weights. Usage: EVALUATION.md.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <string>

#include "train/evaluation/eval_inputs.h"
#include "train/evaluation/report.h"
#include "train/evaluation/weight_search.h"
#include "train/learned_cases.h"

namespace {

constexpr const char* kUsage =
    "usage: bank-eval (--project-data DIR | --customers F --holdings F --catalog F [--transactions F])\n"
    "                 [--protocol leave-one-out|temporal] [--seed N] [--k N] [--bootstrap N]\n"
    "                 [--validation-share X] [--weights FILE] [--fit] [--write-weights FILE]\n"
    "                 [--json FILE] [--learned [--min-group-size K] [--max-rounds N] [--depths 3,4,6]]\n";

int fail(const std::string& message) {
    std::fprintf(stderr, "bank-eval: %s\n", message.c_str());
    return 2;
}

bool write_file(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
    return static_cast<bool>(out);
}

}  // namespace

int main(int argc, char** argv) {
    using namespace bank;
    std::map<std::string, std::string> args;
    for (int i = 1; i < argc; ++i) {
        const std::string key = argv[i];
        if (key == "--fit" || key == "--learned") {
            args[key] = "1";
        } else if (key.rfind("--", 0) == 0 && i + 1 < argc) {
            args[key] = argv[++i];
        } else {
            std::fputs(kUsage, stderr);
            return 2;
        }
    }
    const auto get = [&](const char* key, const std::string& fallback) {
        return args.count(key) ? args[key] : fallback;
    };

    Loaded<EvalData> data = args.count("--project-data")
                                ? load_project_data(args["--project-data"])
                                : load_generic_data({get("--customers", ""), get("--holdings", ""),
                                                     get("--catalog", ""), get("--transactions", "")});
    if (!data) return fail(data.error().message());

    EvaluationOptions options;
    options.seed = std::strtoull(get("--seed", "42").c_str(), nullptr, 10);
    options.k = std::strtoul(get("--k", "7").c_str(), nullptr, 10);
    options.bootstrap_samples = std::strtoul(get("--bootstrap", "1000").c_str(), nullptr, 10);
    const double validation_share = std::strtod(get("--validation-share", "0.3").c_str(), nullptr);
    if (options.k == 0 || !(validation_share > 0 && validation_share < 1)) {
        return fail("--k must be at least 1 and --validation-share between 0 and 1");
    }

    const std::string protocol = get("--protocol", "leave-one-out");
    Checked<EvalSplit> split =
        protocol == "temporal"
            ? temporal_split(data.value(), 0.2, options.seed, validation_share)
            : Checked<EvalSplit>(leave_one_out_split(data.value(), options.seed, validation_share));
    if (protocol != "temporal" && protocol != "leave-one-out") return fail("unknown --protocol " + protocol);
    if (!split) return fail(split.error().message);
    if (split.value().test.empty()) return fail("no customer has a hidden holding to evaluate on");

    RankingWeights weights;
    const std::string weights_path = get("--weights", "");
    if (!weights_path.empty()) {
        auto text = read_text_file(weights_path);
        if (!text) return fail(weights_path + " cannot be read");
        auto parsed = parse_ranking_weights(*text);
        if (!parsed) return fail(parsed.error().message);
        weights = parsed.value();
    }

    auto ctx = prepare_evaluation(data.value(), split.value());
    if (!ctx) return fail(ctx.error().message);

    if (args.count("--fit")) {
        const WeightFit fit = fit_weights(ctx.value(), weights, options.k);
        for (const std::string& step : fit.steps) std::printf("fit %s\n", step.c_str());
        std::printf("fit: validation MAP@%zu %.4f on %zu validation customers\n\n", options.k,
                    fit.validation_map, fit.validation_cases);
        weights = fit.weights;
        const std::string out = get("--write-weights", "");
        if (!out.empty()) {
            char note[200];
            std::snprintf(note, sizeof note,
                          "bank-eval --fit, %s, validation MAP@%zu %.4f on %zu customers disjoint from the "
                          "test customers",
                          split.value().protocol.c_str(), options.k, fit.validation_map,
                          fit.validation_cases);
            if (!write_file(out, ranking_weights_json(weights, note))) return fail("cannot write " + out);
        }
    }

    if (args.count("--learned")) {
        train::TrainingPlan plan;
        plan.k = options.k;
        plan.min_group_size = std::strtoul(get("--min-group-size", "20").c_str(), nullptr, 10);
        plan.max_rounds = std::atoi(get("--max-rounds", "400").c_str());
        if (plan.min_group_size < 1 || plan.max_rounds < 1)
            return fail("--min-group-size and --max-rounds must be at least 1");
        plan.round_step = std::min(plan.round_step, plan.max_rounds);
        if (args.count("--depths")) {
            auto depths = train::parse_depths(args["--depths"]);
            if (!depths) return fail("--depths must be whole numbers 1-16, comma-separated");
            plan.depths = *depths;
        }
        auto learned = train::add_learned_scores(data.value(), split.value(), ctx.value(), plan);
        if (!learned) return fail(learned.error().message);
        for (const std::string& line : learned.value().chosen.log) std::printf("learned %s\n", line.c_str());
        std::printf("learned: the core's log-odds equal XGBoost's on all %zu evaluated rows (largest difference %.2g)\n",
                    learned.value().rows_compared, learned.value().parity_max_difference);
        std::printf("learned: chose depth %d, %d trees; %zu training rows, %zu features; %zu splits collapsed so "
                    "every leaf rests on >= %zu customers\n\n",
                    learned.value().chosen.depth, learned.value().chosen.rounds, learned.value().trained.rows,
                    learned.value().trained.features, learned.value().trained.splits_collapsed, plan.min_group_size);
    }

    EvaluationReport report = evaluate(data.value(), ctx.value(), ctx.value().test, weights, options);
    report.protocol = split.value().protocol;
    std::fputs(markdown_report(report).c_str(), stdout);
    const std::string json_path = get("--json", "");
    if (!json_path.empty() && !write_file(json_path, json_report(report)))
        return fail("cannot write " + json_path);
    return 0;
}
