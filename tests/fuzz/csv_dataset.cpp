// The four bank files together (cross-file checks: holdings name real products, customers real
// bankers, transactions real customers). The input is the four texts separated by form feeds:
// catalog \f customers \f transactions \f bankers.
#include <array>
#include <set>

#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace bank;
    std::string_view rest = fuzz::as_text(data, size);
    std::array<std::string_view, 4> parts{};
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const std::size_t cut = i + 1 < parts.size() ? rest.find('\f') : std::string_view::npos;
        parts[i] = rest.substr(0, cut);
        rest = cut == std::string_view::npos ? std::string_view() : rest.substr(cut + 1);
    }
    const auto loaded = assemble_dataset({{parts[0], kCatalogFile},
                                          {parts[1], kCustomersFile},
                                          {parts[2], kTransactionsFile},
                                          {parts[3], kBankersFile}});
    if (!loaded) {
        fuzz::require(fuzz::printable(loaded.error().message()), "a load error message is printable");
        return 0;
    }
    const Dataset& bank = loaded.value();
    std::set<std::string> products, bankers;
    std::set<std::int64_t> customers;
    for (const Product& p : bank.catalog) products.insert(p.id);
    for (const Banker& b : bank.bankers) bankers.insert(b.id);
    for (const Customer& c : bank.customers) {
        customers.insert(c.id);
        fuzz::require(bankers.count(c.banker_id) == 1, "every customer's banker exists");
        for (const std::string& held : c.products_held)
            fuzz::require(products.count(held) == 1, "every holding is a catalog product");
    }
    for (const Transaction& t : bank.transactions)
        fuzz::require(customers.count(t.customer_id) == 1, "every transaction is a known customer's");
    return 0;
}
