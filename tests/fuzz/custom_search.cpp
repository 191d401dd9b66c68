// A Custom Search answer, read as the proxy reads it: items, then the link gate. Whatever comes
// back, a link that passes is https on an allowed host, and its title and snippet are short,
// printable plain text.
#include "ai_support.h"
#include "shared/ai/product_links.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace bank;
    static const ai::LinkAllowList allow(fuzz::test_bank().catalog);
    const auto items = ai::parse_custom_search_reply(fuzz::as_text(data, size));
    if (!items) return 0;
    const auto links = ai::allowed_links(*items, allow, 5);
    fuzz::require(links.size() <= 5, "at most max_links links");
    for (const ai::ProductLink& l : links) {
        fuzz::require(l.link.rfind("https://", 0) == 0, "links are https");
        const auto host = ai::https_host(l.link);
        fuzz::require(host && allow.allowed_host(l.link) == host && l.display_link == *host,
                      "links are on an allowed host");
        fuzz::require(fuzz::printable(l.title) && fuzz::printable(l.snippet), "titles and snippets are printable");
        fuzz::require(ai::utf8_length(l.title) <= 120 && ai::utf8_length(l.snippet) <= 300,
                      "titles and snippets are short");
        fuzz::require(!l.title.empty(), "every link has a title");
    }
    return 0;
}
