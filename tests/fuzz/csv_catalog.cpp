// catalog.csv as an operator could get it wrong: any bytes end in products that keep the schema's
// promises (data/SCHEMA.md) or in a printable LoadError.
#include <algorithm>
#include <set>

#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace bank;
    const std::string_view text = fuzz::as_text(data, size);
    const auto loaded = parse_catalog(text, kCatalogFile);
    fuzz::check_loaded(loaded, text);
    if (!loaded) return 0;
    std::set<std::string> ids;
    for (const Product& p : loaded.value()) {
        fuzz::require(ids.insert(p.id).second, "product ids are unique");
        fuzz::require(p.eligibility.min_age <= p.eligibility.max_age, "min age <= max age");
        fuzz::require(p.link.rfind("https://", 0) == 0, "links are https");
        fuzz::require(!p.image.empty() && p.image.front() != '/', "image paths are relative");
        for (std::size_t start = 0; start <= p.image.size();) {
            const std::size_t end = std::min(p.image.find('/', start), p.image.size());
            fuzz::require(p.image.compare(start, end - start, "..") != 0, "image paths never go up out of data/");
            start = end + 1;
        }
    }
    return 0;
}
