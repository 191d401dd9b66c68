// Strict loaders for the bank's files (columns and rules: data/SCHEMA.md). Each takes a file's whole
// text and the name the user knows the file by, and returns what it read or the first problem as a
// LoadError: "customerdata.csv line 14, column Age: 'abc' is not a whole number (expected 18-120)".
// No file I/O and no exceptions, so the proxy and the browser load the same way.
#pragma once

#include <string_view>
#include <vector>

#include "shared/data/load_error.h"
#include "shared/data/model.h"

namespace bank {

inline constexpr std::string_view kCatalogFile = "catalog.csv";
inline constexpr std::string_view kCustomersFile = "customerdata.csv";
inline constexpr std::string_view kTransactionsFile = "transactions.csv";
inline constexpr std::string_view kBankersFile = "bankers.csv";
inline constexpr std::string_view kUsersFile = "users.csv";

// One file's checks: syntax, types, ranges, closed vocabularies, repeated ids. A file with a header
// but no rows is an error, except for transactions and users, which may be empty.
Loaded<std::vector<Product>> parse_catalog(std::string_view text, std::string_view file_name);
Loaded<std::vector<Customer>> parse_customers(std::string_view text, std::string_view file_name);
Loaded<std::vector<Transaction>> parse_transactions(std::string_view text, std::string_view file_name);
Loaded<std::vector<Banker>> parse_bankers(std::string_view text, std::string_view file_name);
Loaded<std::vector<User>> parse_users(std::string_view text, std::string_view file_name);
// Also checks that every user signs in as a customer or banker of `bank`.
Loaded<std::vector<User>> parse_users(std::string_view text, std::string_view file_name, const Dataset& bank);

struct CsvText {
    std::string_view text;
    std::string_view file_name;
};

struct DatasetTexts {
    CsvText catalog;
    CsvText customers;
    CsvText transactions;
    CsvText bankers;
};

// Parses the four files, then checks them against each other: every product a customer holds is in
// the catalog, every customer's banker is in bankers.csv, every transaction is a known customer's.
// A cross-file error points at the referring file's line.
Loaded<Dataset> assemble_dataset(const DatasetTexts& texts);

}  // namespace bank
