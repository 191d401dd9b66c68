#include "train/evaluation/report.h"

#include <cstdio>

#include <nlohmann/json.hpp>

namespace bank {

namespace {

std::string fixed(double v, int digits = 3) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", digits, v);
    return buffer;
}

std::string with_interval(const Interval& i) {
    return fixed(i.mean) + " [" + fixed(i.low) + ", " + fixed(i.high) + "]";
}

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& item : items) out += (out.empty() ? "" : ", ") + item;
    return out.empty() ? "none" : out;
}

nlohmann::json interval_json(const Interval& i) {
    return {{"mean", i.mean}, {"low", i.low}, {"high", i.high}};
}

nlohmann::json exposure_json(const ExposureRatio& e) {
    return {{"ratio", e.ratio},
            {"groups", e.groups},
            {"least_even_category", e.least_even_category},
            {"least_even_ratio", e.least_even_ratio}};
}

}  // namespace

std::string markdown_report(const EvaluationReport& r) {
    const std::string k = std::to_string(r.k);
    std::string md;
    md += "Protocol: " + r.protocol + "; " + std::to_string(r.cases) + " test customers; catalog of " +
          std::to_string(r.catalog_size) + " products.\n";
    md += "Semantic signal: " + r.text_encoder + ".\n";
    md += "Signals present: " + joined(r.available.present()) + ".\n";
    md += "Signals missing: " + joined(r.available.missing()) + ".\n\n";
    md += "| ranker | MAP@" + k + " [95% CI] | NDCG@" + k + " | recall@" + k + " | hit rate@" + k +
          " | coverage | exposure gender | exposure age band | " + r.leader + " lead on MAP@" + k + " [95% CI] |\n";
    md += "|---|---|---|---|---|---|---|---|---|\n";
    for (const RankerResult& x : r.rankers) {
        const bool leader = x.ranker == r.leader;
        md += "| " + (leader ? "**" + x.ranker + "**" : x.ranker) + " | " + with_interval(x.map) + " | " +
              fixed(x.ndcg.mean) + " | " + fixed(x.recall.mean) + " | " + fixed(x.hit.mean) + " | " +
              fixed(x.coverage, 2) + " | " + fixed(x.gender.ratio, 2) + " | " + fixed(x.age_band.ratio, 2) +
              " | " + (leader ? "—" : with_interval(x.lead)) + " |\n";
    }
    if (r.calibration.rows > 0) {
        md += "\nCalibration of the learned likelihoods (" + std::to_string(r.calibration.rows) +
              " candidate rows of the test customers; expected calibration error " +
              fixed(r.calibration.expected_error, 4) + "):\n\n";
        md += "| predicted likelihood | rows | mean predicted | observed take-up |\n|---|---|---|---|\n";
        for (const CalibrationBin& b : r.calibration.bins) {
            if (b.rows == 0) continue;
            md += "| " + fixed(b.low, 1) + "–" + fixed(b.high, 1) + " | " + std::to_string(b.rows) + " | " +
                  fixed(b.predicted) + " | " + fixed(b.observed) + " |\n";
        }
    }
    return md;
}

std::string json_report(const EvaluationReport& r) {
    nlohmann::json doc;
    doc["protocol"] = r.protocol;
    doc["text_encoder"] = r.text_encoder;
    doc["k"] = r.k;
    doc["test_customers"] = r.cases;
    doc["catalog_size"] = r.catalog_size;
    doc["signals_present"] = r.available.present();
    doc["signals_missing"] = r.available.missing();
    doc["weights"] = {{"semantic", r.weights.semantic},     {"image", r.weights.image},
                      {"behavioral", r.weights.behavioral}, {"co_ownership", r.weights.co_ownership},
                      {"spending", r.weights.spending},     {"context", r.weights.context},
                      {"diversity", r.weights.diversity}};
    for (const RankerResult& x : r.rankers) {
        doc["rankers"].push_back({{"ranker", x.ranker},
                                  {"map", interval_json(x.map)},
                                  {"ndcg", interval_json(x.ndcg)},
                                  {"recall", interval_json(x.recall)},
                                  {"hit_rate", interval_json(x.hit)},
                                  {"coverage", x.coverage},
                                  {"exposure_gender", exposure_json(x.gender)},
                                  {"exposure_age_band", exposure_json(x.age_band)},
                                  {"lead_map", interval_json(x.lead)}});
    }
    doc["leader"] = r.leader;
    if (r.calibration.rows > 0) {
        doc["calibration"]["expected_calibration_error"] = r.calibration.expected_error;
        doc["calibration"]["rows"] = r.calibration.rows;
        for (const CalibrationBin& b : r.calibration.bins) {
            doc["calibration"]["bins"].push_back({{"low", b.low}, {"high", b.high}, {"rows", b.rows},
                                                  {"predicted", b.predicted}, {"observed", b.observed}});
        }
    }
    return doc.dump(2) + "\n";
}

}  // namespace bank
