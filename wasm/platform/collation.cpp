// Names in the banker's language: sorting is the browser's Intl.Collator, which knows each locale's
// rules (accents with their base letter in English, "Å" after "Z" in Swedish) better than any table
// we could write. Byte order would put "Élodie" after "Zoe".
#include "wasm/platform/browser.h"

#include <emscripten.h>
#include <nlohmann/json.hpp>

namespace {

// `places` has room for one int per name. Names arrive as a JSON array: any character, even a
// line break in a name, survives. numeric: "Anna 2" before "Anna 10".
EM_JS(void, js_locale_order_of_names, (const char* names_json, int* places), {
    const names = JSON.parse(UTF8ToString(names_json));
    const compare = typeof Intl === 'object' ? new Intl.Collator(undefined, {numeric : true}).compare
                                              : (a, b) => (a < b ? -1 : a > b ? 1 : 0);
    const order = names.map((_, i) => i).sort((a, b) => compare(names[a], names[b]));
    let place = 0;
    order.forEach((index, k) => {
        if (k > 0 && compare(names[order[k - 1]], names[index]) !== 0) place = k;
        HEAP32[(places >> 2) + index] = place;
    });
});

}  // namespace

namespace app {

std::vector<int> locale_order_of_names(const std::vector<std::string>& names) {
    std::vector<int> places(names.size(), 0);
    if (names.empty()) return places;
    // Invalid UTF-8 in a name is replaced rather than thrown: the name still gets a place.
    const std::string json = nlohmann::json(names).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    js_locale_order_of_names(json.c_str(), places.data());
    return places;
}

}  // namespace app
