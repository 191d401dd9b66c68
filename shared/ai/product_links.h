// Where a customer can read about or apply for a recommended product. The default provider is the
// catalog's own official link; a search provider may add more: Vertex AI Search (vertex_search.h)
// or, until it ends, the Google Custom Search JSON API (GET /customsearch/v1?cx&q, answering
// items[].{title, link, snippet, displayLink}). Every link shown passes the same gate: https only,
// a plain host on the catalog's allow-list (the hosts of the catalog's own links and their
// subdomains), no credentials or unusual ports.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "shared/data/model.h"

namespace bank::ai {

struct ProductLink {
    std::string title;
    std::string link;
    std::string snippet;
    std::string display_link;  // the host, for display
};

class LinkAllowList {
public:
    explicit LinkAllowList(const std::vector<Product>& catalog);
    // The URL's host when the URL may be shown, else nullopt.
    std::optional<std::string> allowed_host(std::string_view url) const;
    const std::set<std::string>& hosts() const { return hosts_; }

private:
    std::set<std::string> hosts_;
};

// The host of an https URL without credentials, port (other than 443) or odd characters.
std::optional<std::string> https_host(std::string_view url);

// The offline provider: the product's official page from the catalog.
std::vector<ProductLink> catalog_links(const Product& product);

// A day of the calendar, for the dates providers end on.
struct CalendarDate {
    int year = 0, month = 0, day = 0;
    bool operator<(const CalendarDate& o) const {
        return year != o.year ? year < o.year : month != o.month ? month < o.month : day < o.day;
    }
};

// The Custom Search JSON API is closed to new customers and stops answering existing ones on
// this day (developers.google.com/custom-search/v1/overview); Vertex AI Search replaces it.
inline constexpr CalendarDate kCustomSearchEnds{2027, 1, 1};

// The search words for a product, and the Custom Search request path with them. The key travels
// in the X-Goog-Api-Key header, never in the URL (URLs end up in logs).
std::string search_query(const Product& product);
std::string custom_search_path(std::string_view cx, std::string_view query, int count);

// items[] of a Custom Search answer; an answer without "items" (no results) gives an empty list,
// an answer that is not a search result at all gives nullopt.
std::optional<std::vector<ProductLink>> parse_custom_search_reply(std::string_view body);

// The links that pass the allow-list, titles and snippets cleaned to short plain text.
std::vector<ProductLink> allowed_links(const std::vector<ProductLink>& links, const LinkAllowList& allow,
                                       std::size_t max_links);


}  // namespace bank::ai
