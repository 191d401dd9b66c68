// What the proxy knows about the bank, loaded once at start-up from data/, and the questions the
// API asks of it: who is this user, which customers are in a banker's book, what may be shown.
// Read-only after loading, so request threads share it without locks.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "shared/api/book.h"
#include "shared/api/customer_record.h"
#include "shared/api/ranking_model.h"
#include "shared/data/load_error.h"
#include "shared/data/model.h"
#include "shared/profile/spending.h"
#include "shared/ranking/ranking_weights.h"

namespace bank::proxy {

class BankRecords {
public:
    // Reads catalog.csv, customerdata.csv, bankers.csv, transactions.csv and users.csv from
    // `data_dir`, strictly: the first problem is returned with file, line and column.
    static Loaded<BankRecords> load(const std::string& data_dir);
    BankRecords(Dataset dataset, std::vector<User> users);

    const User* user(const std::string& username) const;
    const Customer* customer(std::int64_t id) const;
    const Banker* banker(const std::string& id) const;
    const Product* product(const std::string& id) const;
    // The customers assigned to `banker_id`, in file order; empty for an unknown banker.
    std::vector<const Customer*> book(const std::string& banker_id) const;
    // True only when `customer_id` exists and is assigned to `banker_id`.
    bool in_book(const std::string& banker_id, std::int64_t customer_id) const;

    const Dataset& dataset() const { return dataset_; }
    const std::vector<User>& users() const { return users_; }

    // The name a signed-in user is greeted with.
    std::string display_name(const User& user) const;
    // A customer as their own dashboard or their banker shows it: the record plus a summary of
    // their transactions (what the ranker's behavioural signals use), never raw transactions.
    api::CustomerRecord customer_record(const Customer& c) const;
    // The banker and the records of the customers assigned to them.
    api::Book book_record(const Banker& banker) const;
    // The customer's spending mix (shared/profile/spending.h), largest share first.
    const std::vector<CategorySpend>& spending(std::int64_t customer_id) const;
    // The public catalog with image URLs under /images/, serialized once.
    const std::string& catalog_json() const { return catalog_json_; }

private:
    Dataset dataset_;
    std::vector<User> users_;
    std::unordered_map<std::string, std::size_t> user_index_;
    std::unordered_map<std::int64_t, std::size_t> customer_index_;
    std::unordered_map<std::string, std::size_t> banker_index_;
    std::unordered_map<std::string, std::size_t> product_index_;
    std::unordered_map<std::string, std::vector<std::size_t>> book_;
    std::unordered_map<std::int64_t, api::TransactionSummary> transaction_summaries_;
    std::unordered_map<std::int64_t, std::vector<CategorySpend>> spending_;
    std::string catalog_json_;
};

// Money in and out, the period covered and the spending mix (shared/profile/spending.h): what
// the ranker's behavioural signals need, without the individual transactions. Amounts in whole
// cents and shares to four places, as published.
api::TransactionSummary summarize_transactions(const std::vector<Transaction>& transactions);

// What every signed-in user may fetch to rank on their device: the behavioural model fit on
// `records` (aggregates over every customer, never one customer's row, each over at least
// min_group_size customers; see shared/ranking/behavior_model.h), the weights, and the learned
// propensity model (XGBoost JSON text, checked at start; "" = none).
api::RankingModel published_ranking_model(const BankRecords& records, const RankingWeights& weights,
                                          int min_group_size, const std::string& propensity_model);

}  // namespace bank::proxy
