#include "shared/ai/product_links.h"

#include <cctype>

#include "shared/ai/explanation.h"
#include "shared/ai/text_safety.h"
#include "shared/data/json_depth.h"

namespace bank::ai {

namespace {

constexpr std::size_t kMaxUrl = 2048;

std::string url_encode(std::string_view s) {
    static const char hex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

bool valid_host(const std::string& host) {
    if (host.empty() || host.size() > 253 || host.front() == '.' || host.back() == '.') return false;
    if (host.find("..") != std::string::npos) return false;
    for (char c : host) {
        if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) ||
              c == '-' || c == '.'))
            return false;
    }
    return true;
}

}  // namespace

std::optional<std::string> https_host(std::string_view url) {
    constexpr std::string_view scheme = "https://";
    if (url.size() > kMaxUrl || url.substr(0, scheme.size()) != scheme) return std::nullopt;
    for (char c : url) {
        if (static_cast<unsigned char>(c) <= 0x20 || static_cast<unsigned char>(c) >= 0x7F || c == '\\' ||
            c == '"' || c == '<' || c == '>')
            return std::nullopt;
    }
    const std::string_view rest = url.substr(scheme.size());
    const std::size_t end = rest.find_first_of("/?#");
    std::string authority(rest.substr(0, end));
    if (authority.find('@') != std::string::npos) return std::nullopt;
    if (const auto colon = authority.find(':'); colon != std::string::npos) {
        if (authority.substr(colon) != ":443") return std::nullopt;
        authority.resize(colon);
    }
    for (char& c : authority) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!valid_host(authority)) return std::nullopt;
    return authority;
}

LinkAllowList::LinkAllowList(const std::vector<Product>& catalog) {
    for (const Product& p : catalog) {
        if (auto host = https_host(p.link)) hosts_.insert(*host);
    }
}

std::optional<std::string> LinkAllowList::allowed_host(std::string_view url) const {
    const auto host = https_host(url);
    if (!host) return std::nullopt;
    for (const std::string& allowed : hosts_) {
        if (*host == allowed) return host;
        if (host->size() > allowed.size() + 1 &&
            host->compare(host->size() - allowed.size(), allowed.size(), allowed) == 0 &&
            (*host)[host->size() - allowed.size() - 1] == '.')
            return host;
    }
    return std::nullopt;
}

std::vector<ProductLink> catalog_links(const Product& product) {
    return {{product.name + " - official page", product.link, first_sentence(product.description),
             https_host(product.link).value_or("")}};
}

std::string search_query(const Product& product) { return product.name + " apply"; }

std::string custom_search_path(std::string_view cx, std::string_view query, int count) {
    return "/customsearch/v1?cx=" + url_encode(cx) + "&q=" + url_encode(query) +
           "&num=" + std::to_string(count) + "&safe=active";
}

std::optional<std::vector<ProductLink>> parse_custom_search_reply(std::string_view body) {
    const auto j = parse_json_within_depth(body);
    if (!j.is_object() || j.contains("error")) return std::nullopt;
    std::vector<ProductLink> links;
    const auto items = j.find("items");
    if (items == j.end()) {
        // No results: Custom Search leaves "items" out and says so in searchInformation.
        if (!j.contains("searchInformation") && !j.contains("queries") && !j.contains("kind")) return std::nullopt;
        return links;
    }
    if (!items->is_array()) return std::nullopt;
    const auto text = [](const nlohmann::json& item, const char* key) {
        if (!item.is_object()) return std::string();
        const auto it = item.find(key);
        return it != item.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    for (const auto& item : *items) {
        links.push_back({text(item, "title"), text(item, "link"), text(item, "snippet"), text(item, "displayLink")});
    }
    return links;
}

std::vector<ProductLink> allowed_links(const std::vector<ProductLink>& links, const LinkAllowList& allow,
                                       std::size_t max_links) {
    std::vector<ProductLink> out;
    for (const ProductLink& l : links) {
        if (out.size() == max_links) break;
        const auto host = allow.allowed_host(l.link);
        if (!host) continue;
        ProductLink clean{clean_plain_text(l.title, 120), l.link, clean_plain_text(l.snippet, 300), *host};
        if (clean.title.empty()) clean.title = clean_plain_text(*host, 120);  // a host may be 253 long
        out.push_back(std::move(clean));
    }
    return out;
}

}  // namespace bank::ai
