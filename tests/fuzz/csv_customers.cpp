// customerdata.csv: any bytes end in customers within the schema's ranges or a printable LoadError.
#include <set>

#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace bank;
    const std::string_view text = fuzz::as_text(data, size);
    const auto loaded = parse_customers(text, kCustomersFile);
    fuzz::check_loaded(loaded, text);
    if (!loaded) return 0;
    std::set<std::int64_t> ids;
    for (const Customer& c : loaded.value()) {
        fuzz::require(c.id > 0 && ids.insert(c.id).second, "customer ids are positive and unique");
        fuzz::require(c.age >= 18 && c.age <= 120, "age 18-120");
        fuzz::require(c.credit_score >= 300 && c.credit_score <= 850, "credit score 300-850");
        fuzz::require(c.engagement >= 0 && c.engagement <= 100, "engagement 0-100");
        fuzz::require(c.sentiment >= -1 && c.sentiment <= 1, "sentiment -1..1");
        fuzz::require(c.annual_income >= 0, "income >= 0");
        fuzz::require(!c.name.empty(), "names are not empty");
    }
    return 0;
}
