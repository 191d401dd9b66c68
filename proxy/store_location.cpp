#include "proxy/store_location.h"

#include <cctype>
#include <cstdlib>
#include <utility>
#include <vector>

namespace bank::proxy {

namespace {

constexpr const char* kRedacted = "***";

// [begin, end) of the password in user:password@host, or {npos, npos}.
std::pair<std::size_t, std::size_t> userinfo_password(const std::string& url) {
    const std::size_t npos = std::string::npos;
    const std::size_t scheme_end = url.find("://");
    if (scheme_end == npos) return {npos, npos};
    const std::size_t authority = scheme_end + 3;
    std::size_t authority_end = url.find_first_of("/?", authority);
    if (authority_end == npos) authority_end = url.size();
    const std::size_t at = url.rfind('@', authority_end - 1);
    if (at == npos || at < authority) return {npos, npos};
    const std::size_t colon = url.find(':', authority);
    if (colon == npos || colon > at) return {npos, npos};
    return {colon + 1, at};
}

// [begin, end) of the value of each password= query parameter, last first (so replacing one
// leaves the others' positions valid).
std::vector<std::pair<std::size_t, std::size_t>> query_passwords(const std::string& url) {
    std::vector<std::pair<std::size_t, std::size_t>> found;
    std::size_t at = url.find('?');
    while (at != std::string::npos) {
        const std::size_t name = at + 1;
        std::size_t end = url.find('&', name);
        if (end == std::string::npos) end = url.size();
        if (url.compare(name, 9, "password=") == 0) found.insert(found.begin(), {name + 9, end});
        at = end < url.size() ? end : std::string::npos;
    }
    return found;
}

std::string percent_decoded(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
            std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
            out += static_cast<char>(std::strtol(text.substr(i + 1, 2).c_str(), nullptr, 16));
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

}  // namespace

bool is_postgres_url(const std::string& location) {
    return location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0;
}

std::string redacted_location(const std::string& location) {
    if (!is_postgres_url(location)) return location;
    std::string out = location;
    for (const auto& [begin, end] : query_passwords(out)) out.replace(begin, end - begin, kRedacted);
    const auto [begin, end] = userinfo_password(out);
    if (begin != std::string::npos) out.replace(begin, end - begin, kRedacted);
    return out;
}

std::string url_password(const std::string& location) {
    if (!is_postgres_url(location)) return {};
    const auto [begin, end] = userinfo_password(location);
    if (begin != std::string::npos) return percent_decoded(location.substr(begin, end - begin));
    const auto in_query = query_passwords(location);
    if (!in_query.empty()) return percent_decoded(location.substr(in_query.back().first, in_query.back().second - in_query.back().first));
    return {};
}

}  // namespace bank::proxy
