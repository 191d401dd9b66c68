// A banker's next-best-actions export: one CSV row per recommended product per customer, for the
// bank's CRM or a spreadsheet. Built on the device from the rankings shown on screen; the proxy
// only records that the export happened (audit) before the browser writes the file. Headers and
// values are in words, as the banker reads them on screen ("38%", "Not for me"), never codes.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace bank {

struct NextBestAction {
    std::int64_t customer_id = 0;
    std::string customer_name;
    std::string segment;        // life stage, e.g. "Early career"
    int rank = 0;               // 1 = best next product
    std::string product_id;
    std::string product_name;
    std::string category;       // "Credit card", "Savings", ...
    std::string likelihood;     // "38%", as on screen; "" when the ranking gives an order only
    std::string reasons;        // the reasons shown on the card, joined with "; "
    std::string last_feedback;  // "Offered", "Not for me", ... or empty
};

// RFC 4180 text with a header row and CRLF line ends. Text cells that a spreadsheet would run as
// a formula (starting with = + - @ or a tab/CR) are prefixed with an apostrophe (OWASP "CSV
// injection"): customer-supplied names must never execute in the banker's spreadsheet.
std::string next_best_actions_csv(const std::vector<NextBestAction>& rows);

}  // namespace bank
