// Where a customer can read about or apply for a recommended product. The default provider is the
// catalog's own official link; the Google Custom Search JSON API (GET /customsearch/v1?key&cx&q,
// answering items[].{title, link, snippet, displayLink}) may add more. Every link shown passes
// the same gate: https only, a plain host on the catalog's allow-list (the hosts of the catalog's
// own links and their subdomains), no credentials or unusual ports.
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

// The search words for a product, and the Custom Search request path with them.
std::string search_query(const Product& product);
std::string custom_search_path(std::string_view key, std::string_view cx, std::string_view query, int count);

// items[] of a Custom Search answer; an answer without "items" (no results) gives an empty list,
// an answer that is not a search result at all gives nullopt.
std::optional<std::vector<ProductLink>> parse_custom_search_reply(std::string_view body);

// The links that pass the allow-list, titles and snippets cleaned to short plain text.
std::vector<ProductLink> allowed_links(const std::vector<ProductLink>& links, const LinkAllowList& allow,
                                       std::size_t max_links);

nlohmann::json to_json(const ProductLink& link);

}  // namespace bank::ai
