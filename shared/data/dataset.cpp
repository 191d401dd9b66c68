// The four files of the bank checked against each other, so nothing downstream meets a holding of
// a product that does not exist or a customer without a banker.
#include <unordered_set>

#include "shared/data/loaders.h"
#include "shared/data/table_readers.h"

namespace bank {
namespace {

std::optional<LoadError> check_customer_references(const NumberedRows<Customer>& customers,
                                                   std::string_view file, const std::vector<Banker>& bankers,
                                                   std::string_view bankers_file,
                                                   const std::vector<Product>& catalog,
                                                   std::string_view catalog_file) {
    std::unordered_set<std::string> banker_ids, product_ids;
    for (const Banker& b : bankers) banker_ids.insert(b.id);
    for (const Product& p : catalog) product_ids.insert(p.id);
    for (std::size_t i = 0; i < customers.rows.size(); ++i) {
        const Customer& c = customers.rows[i];
        for (const std::string& held : c.products_held) {
            if (product_ids.count(held)) continue;
            return load_error(file, customers.lines[i], "Products Held", held,
                              "is not a Product ID in " + std::string(catalog_file),
                              one_of_ids(catalog));
        }
        if (!banker_ids.count(c.banker_id)) {
            return load_error(file, customers.lines[i], "Banker ID", c.banker_id,
                              "is not a Banker ID in " + std::string(bankers_file),
                              one_of_ids(bankers));
        }
    }
    return std::nullopt;
}

std::optional<LoadError> check_transaction_customers(const NumberedRows<Transaction>& transactions,
                                                     std::string_view file,
                                                     const std::vector<Customer>& customers,
                                                     std::string_view customers_file) {
    std::unordered_set<std::int64_t> customer_ids;
    for (const Customer& c : customers) customer_ids.insert(c.id);
    for (std::size_t i = 0; i < transactions.rows.size(); ++i) {
        const std::int64_t id = transactions.rows[i].customer_id;
        if (customer_ids.count(id)) continue;
        return load_error(file, transactions.lines[i], "Customer ID", std::to_string(id),
                          "is not a Customer ID in " + std::string(customers_file),
                          "a customer of " + std::string(customers_file));
    }
    return std::nullopt;
}

}  // namespace

std::string one_of_some(const std::vector<std::string>& names) {
    constexpr std::size_t kListed = 8;
    std::string listed = "one of ";
    for (std::size_t i = 0; i < names.size() && i < kListed; ++i) {
        if (i > 0) listed += ", ";
        listed += display_value(names[i]);
    }
    if (names.size() > kListed) listed += ", ... (" + std::to_string(names.size()) + " in all)";
    return listed;
}

Loaded<Dataset> assemble_dataset(const DatasetTexts& texts) {
    auto catalog = read_catalog(texts.catalog.text, texts.catalog.file_name);
    if (!catalog) return catalog.error();
    auto bankers = read_bankers(texts.bankers.text, texts.bankers.file_name);
    if (!bankers) return bankers.error();
    auto customers = read_customers(texts.customers.text, texts.customers.file_name);
    if (!customers) return customers.error();
    auto transactions = read_transactions(texts.transactions.text, texts.transactions.file_name);
    if (!transactions) return transactions.error();

    if (auto e = check_customer_references(customers.value(), texts.customers.file_name, bankers.value().rows,
                                           texts.bankers.file_name, catalog.value().rows,
                                           texts.catalog.file_name)) {
        return *e;
    }
    if (auto e = check_transaction_customers(transactions.value(), texts.transactions.file_name,
                                             customers.value().rows, texts.customers.file_name)) {
        return *e;
    }
    Dataset bank;
    bank.catalog = std::move(catalog).value().rows;
    bank.bankers = std::move(bankers).value().rows;
    bank.customers = std::move(customers).value().rows;
    bank.transactions = std::move(transactions).value().rows;
    return bank;
}

}  // namespace bank
