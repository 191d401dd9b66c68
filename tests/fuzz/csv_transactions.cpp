// transactions.csv, the largest file: any bytes end in dated transactions or a printable LoadError.
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace bank;
    const std::string_view text = fuzz::as_text(data, size);
    const auto loaded = parse_transactions(text, kTransactionsFile);
    fuzz::check_loaded(loaded, text);
    if (!loaded) return 0;
    for (const Transaction& t : loaded.value()) {
        fuzz::require(t.date.size() == 10 && t.date[4] == '-' && t.date[7] == '-', "dates are YYYY-MM-DD");
        fuzz::require(t.amount == t.amount, "amounts are numbers");
    }
    return 0;
}
