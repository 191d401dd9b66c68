// The export is read back with the project's own strict RFC 4180 reader: whatever a customer's
// name contains, every cell comes back exactly, and nothing can run as a spreadsheet formula.
#include <catch2/catch.hpp>

#include "shared/data/csv.h"
#include "shared/ranking/next_best_actions.h"

using namespace bank;

namespace {

// Headers in words: the file is opened by people in a spreadsheet, not only by the CRM.
const std::vector<std::string_view> kColumns = {"Customer ID", "Customer", "Segment", "Rank", "Product ID",
                                                "Product", "Category", "Likelihood", "Reasons", "Last feedback"};

std::vector<std::vector<std::string>> read_back(const std::string& csv) {
    auto reader = CsvReader::open(csv, "export.csv", kColumns);
    REQUIRE(reader.ok());
    std::vector<std::vector<std::string>> rows;
    CsvRecord record;
    while (reader.value().next(record)) rows.emplace_back(record.fields.begin(), record.fields.end());
    REQUIRE_FALSE(reader.value().error().has_value());
    return rows;
}

NextBestAction action(std::string name, std::string reasons) {
    NextBestAction a;
    a.customer_id = 101;
    a.customer_name = std::move(name);
    a.segment = "Early career";
    a.rank = 1;
    a.product_id = "SAV-EASY";
    a.product_name = "Easy Access Saver";
    a.category = "Savings";
    a.likelihood = "38%";
    a.reasons = std::move(reasons);
    a.last_feedback = "Not for me";
    return a;
}

}  // namespace

TEST_CASE("next-best-actions CSV: commas, quotes and line breaks survive a round trip", "[export]") {
    const auto rows = read_back(next_best_actions_csv(
        {action("Byrne, \"Liam\"", "Often held together with your Current Account;\nfits your spending"),
         action("Nora Quinn", "")}));
    REQUIRE(rows.size() == 2);
    CHECK(rows[0][1] == "Byrne, \"Liam\"");
    CHECK(rows[0][8] == "Often held together with your Current Account;\nfits your spending");
    CHECK(rows[0][0] == "101");
    CHECK(rows[1][1] == "Nora Quinn");
}

TEST_CASE("next-best-actions CSV: values read as on screen, never as codes or raw scores", "[export]") {
    NextBestAction hybrid = action("Nora Quinn", "");
    hybrid.likelihood = "";  // the hand-weighted hybrid orders products but has no likelihood
    hybrid.last_feedback = "";
    const auto rows = read_back(next_best_actions_csv({action("Liam Byrne", ""), hybrid}));
    REQUIRE(rows.size() == 2);
    CHECK(rows[0][7] == "38%");
    CHECK(rows[0][9] == "Not for me");
    CHECK(rows[0][6] == "Savings");
    CHECK(rows[1][7].empty());
    CHECK(rows[1][9].empty());
}

TEST_CASE("next-best-actions CSV: text that a spreadsheet would run is neutralised", "[export]") {
    for (const std::string evil : {"=HYPERLINK(\"https://evil.example\")", "+1+1", "-2+3", "@SUM(A1)", "\tTab"}) {
        INFO(evil);
        const auto rows = read_back(next_best_actions_csv({action(evil, evil)}));
        REQUIRE(rows.size() == 1);
        CHECK(rows[0][1] == "'" + evil);
        CHECK(rows[0][8] == "'" + evil);
    }
}

TEST_CASE("next-best-actions CSV: an empty book is just the header", "[export]") {
    CHECK(next_best_actions_csv({}) ==
          "Customer ID,Customer,Segment,Rank,Product ID,Product,Category,Likelihood,Reasons,Last feedback\r\n");
}
