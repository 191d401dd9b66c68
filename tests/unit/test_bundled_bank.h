// The bank bundled with the repository (data/ and config/) for the tests that rank real rows:
// read and assembled once per test binary. Header-only, like the other unit-test fixtures.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "shared/data/loaders.h"
#include "shared/profile/spending.h"
#include "shared/ranking/product_text.h"

namespace bank::testing {

// A file of the repository, e.g. "config/propensity-model.json"; "" if it cannot be read.
inline std::string project_file(const std::filesystem::path& relative) {
    std::ifstream in(std::filesystem::path(PROJECT_SOURCE_DIR) / relative, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

inline const Dataset& bundled_dataset() {
    static const Dataset data = [] {
        const std::string catalog = project_file("data/catalog.csv"), customers = project_file("data/customerdata.csv"),
                          transactions = project_file("data/transactions.csv"),
                          bankers = project_file("data/bankers.csv");
        return assemble_dataset({{catalog, "catalog.csv"},
                                 {customers, "customerdata.csv"},
                                 {transactions, "transactions.csv"},
                                 {bankers, "bankers.csv"}})
            .value();
    }();
    return data;
}

inline const SpendingByCustomer& bundled_spending() {
    static const SpendingByCustomer spending = spending_by_customer(bundled_dataset().transactions);
    return spending;
}

// Each bundled product's text as the lexical encoder is fitted on it, in catalog order.
inline std::vector<std::string> bundled_product_texts() {
    std::vector<std::string> documents;
    for (const Product& p : bundled_dataset().catalog) documents.push_back(product_text(p));
    return documents;
}

}  // namespace bank::testing
