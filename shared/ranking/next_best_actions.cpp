#include "shared/ranking/next_best_actions.h"

#include <cstdio>

namespace bank {
namespace {

std::string text_cell(const std::string& value) {
    std::string safe = value;
    if (!safe.empty() && (safe[0] == '=' || safe[0] == '+' || safe[0] == '-' || safe[0] == '@' ||
                          safe[0] == '\t' || safe[0] == '\r')) {
        safe.insert(safe.begin(), '\'');
    }
    if (safe.find_first_of(",\"\r\n") == std::string::npos) return safe;
    std::string quoted = "\"";
    for (char c : safe) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    return quoted + "\"";
}

}  // namespace

std::string next_best_actions_csv(const std::vector<NextBestAction>& rows) {
    std::string csv =
        "customer_id,customer_name,segment,rank,product_id,product_name,category,score,reasons,last_feedback\r\n";
    for (const NextBestAction& r : rows) {
        char score[32];
        std::snprintf(score, sizeof score, "%.4f", r.score);
        csv += std::to_string(r.customer_id) + ',' + text_cell(r.customer_name) + ',' + text_cell(r.segment) +
               ',' + std::to_string(r.rank) + ',' + text_cell(r.product_id) + ',' + text_cell(r.product_name) +
               ',' + text_cell(r.category) + ',' + score + ',' + text_cell(r.reasons) + ',' +
               text_cell(r.last_feedback) + "\r\n";
    }
    return csv;
}

}  // namespace bank
