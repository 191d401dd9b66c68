#include "shared/ranking/next_best_actions.h"

#include <cstdio>

#include "shared/data/csv_writer.h"

namespace bank {

std::string next_best_actions_csv(const std::vector<NextBestAction>& rows) {
    std::string csv = csv_row({"customer_id", "customer_name", "segment", "rank", "product_id", "product_name",
                               "category", "score", "reasons", "last_feedback"});
    for (const NextBestAction& r : rows) {
        char score[32];
        std::snprintf(score, sizeof score, "%.4f", r.score);
        csv += csv_row({std::to_string(r.customer_id), csv_text(r.customer_name), csv_text(r.segment),
                        std::to_string(r.rank), csv_text(r.product_id), csv_text(r.product_name),
                        csv_text(r.category), score, csv_text(r.reasons), csv_text(r.last_feedback)});
    }
    return csv;
}

}  // namespace bank
