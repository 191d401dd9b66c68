#include "proxy/http_request_head.h"

#include <cctype>
#include <cstdint>
#include <cstring>

namespace bank::proxy {

namespace {

bool is_token(std::string_view s) {
    if (s.empty()) return false;
    for (const char c : s) {
        if (!std::isalnum(static_cast<unsigned char>(c)) && (c == '\0' || !std::strchr("!#$%&'*+-.^_`|~", c)))
            return false;
    }
    return true;
}

bool same_word(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    }
    return true;
}

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// A control character anywhere in the head (HTAB aside) is refused: a NUL ends a C string early
// in one reader and not in another.
bool has_control_character(std::string_view line) {
    for (const char c : line) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && c != '\t') || u == 0x7f) return true;
    }
    return false;
}

// Methods cpp-httplib reads a body for (detail::expect_content).
bool takes_body(std::string_view method) {
    return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE" || method == "PRI";
}

RequestHead refused(RequestHead head, int status, const char* code, const char* message) {
    head.verdict = RequestHead::Verdict::Refused;
    head.status = status;
    head.code = code;
    head.message = message;
    return head;
}

// "METHOD SP target SP version", single spaces (RFC 9112 3).
bool split_request_line(std::string_view line, std::string_view& method) {
    const std::size_t first = line.find(' ');
    const std::size_t last = line.rfind(' ');
    if (first == std::string_view::npos || first == last || first == 0 || last + 1 == line.size()) return false;
    method = line.substr(0, first);
    const std::string_view target = line.substr(first + 1, last - first - 1);
    return is_token(method) && !target.empty() && target.find(' ') == std::string_view::npos;
}

// Content-Length: one decimal number, or a list of equal ones; false for anything else.
bool read_length(std::string_view value, bool& seen, std::uint64_t& length) {
    while (true) {
        const std::size_t comma = value.find(',');
        const std::string_view item = trimmed(value.substr(0, comma));
        if (item.empty() || item.size() > 18) return false;
        std::uint64_t n = 0;
        for (const char c : item) {
            if (c < '0' || c > '9') return false;
            n = n * 10 + static_cast<std::uint64_t>(c - '0');
        }
        if (seen && n != length) return false;
        seen = true;
        length = n;
        if (comma == std::string_view::npos) return true;
        value.remove_prefix(comma + 1);
    }
}

struct Framing {
    bool has_length = false;
    std::uint64_t length = 0;
    std::string transfer_encoding;  // all Transfer-Encoding values, comma-joined
    bool has_host = false;
};

// One field line; false (with the reason in `head`) if it is refused.
bool read_field(std::string_view line, Framing& framing, RequestHead& head, std::string& kept) {
    if (line.front() == ' ' || line.front() == '\t') {
        head = refused(head, 400, "bad_request", "Header fields may not be folded over several lines.");
        return false;
    }
    const std::size_t colon = line.find(':');
    const std::string_view name = line.substr(0, colon);
    if (colon == std::string_view::npos || !is_token(name)) {
        head = refused(head, 400, "bad_request", "A header field is not 'Name: value'.");
        return false;
    }
    const std::string_view value = trimmed(line.substr(colon + 1));
    if (same_word(name, "Content-Length")) {
        if (!read_length(value, framing.has_length, framing.length)) {
            head = refused(head, 400, "bad_request", "Content-Length must be one decimal number.");
            return false;
        }
        return true;  // handed on once, normalized
    }
    if (same_word(name, "Transfer-Encoding")) {
        framing.transfer_encoding += std::string(framing.transfer_encoding.empty() ? "" : ", ") + std::string(value);
    } else if (same_word(name, "Expect") && same_word(value, "100-continue")) {
        head.expects_continue = true;
        return true;  // answered here, before the body is read
    } else if (same_word(name, "Host")) {
        if (framing.has_host) {
            head = refused(head, 400, "bad_request", "A request has one Host field.");
            return false;
        }
        framing.has_host = true;
    }
    kept.append(line).append("\r\n");
    return true;
}

RequestHead finish(RequestHead head, std::string_view request_line, const Framing& framing, const std::string& kept,
                   const HeadLimits& limits) {
    if (!framing.transfer_encoding.empty()) {
        if (framing.has_length)
            return refused(head, 400, "bad_request", "Send Content-Length or Transfer-Encoding, not both.");
        if (same_word(framing.transfer_encoding, "chunked"))
            return refused(head, 411, "length_required", "Send the body with a Content-Length header.");
        return refused(head, 501, "not_implemented", "This server reads bodies framed by Content-Length only.");
    }
    if (framing.length > limits.max_body_bytes) {
        return refused(head, 413, "payload_too_large", "The request body is larger than this server accepts.");
    }
    const bool with_body = takes_body(head.method);
    if (!with_body && framing.length > 0) return refused(head, 400, "bad_request", "This method takes no body.");
    head.body_bytes = static_cast<std::size_t>(framing.length);
    head.for_library.reserve(request_line.size() + kept.size() + 40);
    head.for_library.append(request_line).append("\r\n").append(kept);
    if (with_body) head.for_library += "Content-Length: " + std::to_string(framing.length) + "\r\n";
    head.for_library += "\r\n";
    head.verdict = RequestHead::Verdict::Ready;
    return head;
}

}  // namespace

RequestHead read_request_head(std::string_view received, const HeadLimits& limits) {
    RequestHead head;
    std::size_t pos = 0;
    while (received.substr(pos, 2) == "\r\n") pos += 2;  // empty lines before a request are ignored (RFC 9112 2.2)
    std::string_view request_line;
    Framing framing;
    std::string kept;
    std::size_t fields = 0;
    for (;;) {
        const std::size_t eol = received.find('\n', pos);
        const std::size_t line_end = eol == std::string_view::npos ? received.size() : eol;
        if (request_line.empty() && line_end - pos > limits.max_request_line)
            return refused(head, 414, "uri_too_long", "The address is too long.");
        if (line_end >= limits.max_head_bytes)
            return refused(head, 431, "header_fields_too_large", "The request's header fields are too large.");
        if (eol == std::string_view::npos) return head;  // the rest has not arrived yet
        if (eol == pos || received[eol - 1] != '\r')
            return refused(head, 400, "bad_request", "Lines of the request head must end with CRLF.");
        const std::string_view line = received.substr(pos, eol - 1 - pos);
        pos = eol + 1;
        if (has_control_character(line))
            return refused(head, 400, "bad_request", "The request head holds a control character.");
        if (request_line.empty()) {
            std::string_view method;
            if (!split_request_line(line, method))
                return refused(head, 400, "bad_request", "The request line is not 'METHOD target HTTP/1.1'.");
            head.method = std::string(method);
            request_line = line;
            continue;
        }
        if (line.empty()) break;
        if (++fields > limits.max_fields)
            return refused(head, 431, "header_fields_too_large", "The request has too many header fields.");
        if (!read_field(line, framing, head, kept)) return head;
    }
    head.head_bytes = pos;
    return finish(std::move(head), request_line, framing, kept, limits);
}

}  // namespace bank::proxy
