#include "shared/ranking/next_best_actions.h"

#include "shared/data/csv_writer.h"

namespace bank {

std::string next_best_actions_csv(const std::vector<NextBestAction>& rows) {
    std::string csv = csv_row({"Customer ID", "Customer", "Segment", "Rank", "Product ID", "Product", "Category",
                               "Likelihood", "Reasons", "Last feedback"});
    for (const NextBestAction& r : rows) {
        csv += csv_row({std::to_string(r.customer_id), csv_text(r.customer_name), csv_text(r.segment),
                        std::to_string(r.rank), csv_text(r.product_id), csv_text(r.product_name),
                        csv_text(r.category), csv_text(r.likelihood), csv_text(r.reasons), csv_text(r.last_feedback)});
    }
    return csv;
}

}  // namespace bank
