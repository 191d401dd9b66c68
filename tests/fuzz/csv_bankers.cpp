// bankers.csv: any bytes end in bankers with unique ids or a printable LoadError.
#include <set>

#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace bank;
    const std::string_view text = fuzz::as_text(data, size);
    const auto loaded = parse_bankers(text, kBankersFile);
    fuzz::check_loaded(loaded, text);
    if (!loaded) return 0;
    std::set<std::string> ids;
    for (const Banker& b : loaded.value()) {
        fuzz::require(ids.insert(b.id).second, "banker ids are unique");
        fuzz::require(!b.name.empty() && !b.branch.empty(), "names and branches are not empty");
    }
    return 0;
}
