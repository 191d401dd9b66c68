// A Vertex AI Search searchLite answer, read as the proxy reads it: results, then the link gate.
// Whatever comes back, a link that passes is https on an allowed host, and its title and snippet
// are short, printable plain text.
#include "ai_support.h"
#include "shared/ai/vertex_search.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace bank;
    static const ai::LinkAllowList allow(fuzz::test_bank().catalog);
    const auto results = ai::parse_vertex_search_reply(fuzz::as_text(data, size));
    if (!results) return 0;
    for (const ai::ProductLink& r : *results) fuzz::require(!r.link.empty(), "every result has a link");
    const auto links = ai::allowed_links(*results, allow, 5);
    fuzz::require(links.size() <= 5, "at most max_links links");
    for (const ai::ProductLink& l : links) {
        const auto host = ai::https_host(l.link);
        fuzz::require(host && allow.allowed_host(l.link) == host && l.display_link == *host,
                      "links are https on an allowed host");
        fuzz::require(fuzz::printable(l.title) && fuzz::printable(l.snippet), "titles and snippets are printable");
        fuzz::require(ai::utf8_length(l.title) <= 120 && ai::utf8_length(l.snippet) <= 300,
                      "titles and snippets are short");
        fuzz::require(!l.title.empty(), "every link has a title");
    }
    return 0;
}
