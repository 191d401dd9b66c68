#include "proxy/bank_records.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>
#include <utility>

#include "shared/api/catalog.h"
#include "shared/data/loaders.h"
#include "shared/profile/spending.h"
#include "shared/ranking/behavior_model.h"

namespace bank::proxy {

namespace {

// The whole file, or a LoadError naming it when it cannot be read.
Loaded<std::string> read_text(const std::string& dir, std::string_view name) {
    const std::string path = dir + "/" + std::string(name);
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        LoadError e;
        e.file = std::string(name);
        e.problem = "cannot be read";
        e.expected = "a readable file at " + path;
        return e;
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

Loaded<BankRecords> BankRecords::load(const std::string& data_dir) {
    auto catalog = read_text(data_dir, kCatalogFile);
    if (!catalog) return catalog.error();
    auto customers = read_text(data_dir, kCustomersFile);
    if (!customers) return customers.error();
    auto transactions = read_text(data_dir, kTransactionsFile);
    if (!transactions) return transactions.error();
    auto bankers = read_text(data_dir, kBankersFile);
    if (!bankers) return bankers.error();
    auto users_text = read_text(data_dir, kUsersFile);
    if (!users_text) return users_text.error();

    auto dataset = assemble_dataset({{catalog.value(), kCatalogFile},
                                     {customers.value(), kCustomersFile},
                                     {transactions.value(), kTransactionsFile},
                                     {bankers.value(), kBankersFile}});
    if (!dataset) return dataset.error();
    auto users = parse_users(users_text.value(), kUsersFile, dataset.value());
    if (!users) return users.error();
    return BankRecords(std::move(dataset).value(), std::move(users).value());
}

BankRecords::BankRecords(Dataset dataset, std::vector<User> users)
    : dataset_(std::move(dataset)), users_(std::move(users)) {
    for (std::size_t i = 0; i < users_.size(); ++i) user_index_[users_[i].username] = i;
    for (std::size_t i = 0; i < dataset_.customers.size(); ++i) {
        customer_index_[dataset_.customers[i].id] = i;
        book_[dataset_.customers[i].banker_id].push_back(i);
    }
    for (std::size_t i = 0; i < dataset_.bankers.size(); ++i) banker_index_[dataset_.bankers[i].id] = i;
    for (std::size_t i = 0; i < dataset_.catalog.size(); ++i) product_index_[dataset_.catalog[i].id] = i;

    for (auto& [id, rows] : transactions_by_customer(dataset_.transactions)) {
        transaction_summaries_[id] = summarize_transactions(rows);
        spending_[id] = spending_mix(rows);
    }

    catalog_json_ = api::write_catalog(dataset_.catalog).dump();
}

const User* BankRecords::user(const std::string& username) const {
    auto it = user_index_.find(username);
    return it == user_index_.end() ? nullptr : &users_[it->second];
}

const Customer* BankRecords::customer(std::int64_t id) const {
    auto it = customer_index_.find(id);
    return it == customer_index_.end() ? nullptr : &dataset_.customers[it->second];
}

const Banker* BankRecords::banker(const std::string& id) const {
    auto it = banker_index_.find(id);
    return it == banker_index_.end() ? nullptr : &dataset_.bankers[it->second];
}

const Product* BankRecords::product(const std::string& id) const {
    auto it = product_index_.find(id);
    return it == product_index_.end() ? nullptr : &dataset_.catalog[it->second];
}

const std::vector<CategorySpend>& BankRecords::spending(std::int64_t customer_id) const {
    static const std::vector<CategorySpend> none;
    const auto it = spending_.find(customer_id);
    return it == spending_.end() ? none : it->second;
}

std::vector<const Customer*> BankRecords::book(const std::string& banker_id) const {
    std::vector<const Customer*> customers;
    auto it = book_.find(banker_id);
    if (it == book_.end()) return customers;
    for (std::size_t i : it->second) customers.push_back(&dataset_.customers[i]);
    return customers;
}

bool BankRecords::in_book(const std::string& banker_id, std::int64_t customer_id) const {
    const Customer* c = customer(customer_id);
    return c != nullptr && c->banker_id == banker_id;
}

std::string BankRecords::display_name(const User& user) const {
    if (user.role == Role::Banker) {
        const Banker* b = banker(user.subject_id);
        return b ? b->name : user.username;
    }
    for (const Customer& c : dataset_.customers) {
        if (std::to_string(c.id) == user.subject_id) return c.name;
    }
    return user.username;
}

api::CustomerRecord BankRecords::customer_record(const Customer& c) const {
    auto it = transaction_summaries_.find(c.id);
    return {c, it != transaction_summaries_.end() ? it->second : summarize_transactions({})};
}

api::Book BankRecords::book_record(const Banker& banker) const {
    api::Book record{banker, {}};
    for (const Customer* c : book(banker.id)) record.customers.push_back(customer_record(*c));
    return record;
}

namespace {
double cents(double eur) { return std::round(eur * 100) / 100; }
}  // namespace

api::TransactionSummary summarize_transactions(const std::vector<Transaction>& transactions) {
    api::TransactionSummary summary;
    summary.count = static_cast<std::int64_t>(transactions.size());
    for (const Transaction& t : transactions) {
        (t.amount >= 0 ? summary.money_in : summary.money_out) += std::abs(t.amount);
        if (!summary.first_date || t.date < *summary.first_date) summary.first_date = t.date;
        if (!summary.last_date || t.date > *summary.last_date) summary.last_date = t.date;
    }
    summary.money_in = cents(summary.money_in);
    summary.money_out = cents(summary.money_out);
    for (const CategorySpend& s : spending_mix(transactions)) {
        summary.spending.push_back({s.category, cents(s.amount), std::round(s.share * 10000) / 10000});
    }
    return summary;
}

api::RankingModel published_ranking_model(const BankRecords& records, const RankingWeights& weights,
                                          int min_group_size, const std::string& propensity_model) {
    // XGBoost's file may spell a non-finite number NaN; the model was checked at start, so it
    // has none, and a parse failure here would be a bug worth crashing the start for.
    return {fit_behavior_model(records.dataset(), min_group_size), weights,
            propensity_model.empty() ? nlohmann::json() : nlohmann::json::parse(propensity_model)};
}

}  // namespace bank::proxy
