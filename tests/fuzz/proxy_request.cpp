// The proxy's whole request path on any request: cpp-httplib's parser, the router's checks
// (cookie, role, origin, JSON body), every route's handler and the static files, in the real
// ProxyServer running in-process on loopback over the test bank (tests/proxy/proxy_fixture), with
// the offline AI providers.
//
// An input is a request without its framing: "METHOD TARGET", header lines, a blank line, the
// body. The harness adds " HTTP/1.1", Host, Connection: close and the body's Content-Length
// (unless the input gives one), and replaces @customer and @banker with the session cookie of
// customer101 and banker01, so the fuzzer reaches past sign-in without guessing a token.
//
// Promises checked on every answer: it is HTTP; no handler failed (500); no password hash is in
// it; and it names no customer the caller may not see (signed out: nobody; customer101: only
// themselves; banker01: only their book), unless the request was a successful sign-in.
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <set>

#include "fuzz_support.h"
#include "tests/proxy/proxy_fixture.h"

namespace {

using bank::proxy::ProxyConfig;
using bank::proxy::test::TestProxy;

struct Harness {
    TestProxy* proxy = nullptr;  // deleted at exit (see harness())
    std::string customer_cookie, banker_cookie;
    std::vector<std::pair<std::string, std::int64_t>> names;  // every customer's name and id

    void sign_in() {
        customer_cookie = proxy->sign_in("customer101");
        banker_cookie = proxy->sign_in("banker01");
    }
};

Harness& harness() {
    static Harness* h = [] {
        auto* made = new Harness;
        made->proxy = new TestProxy([](ProxyConfig& c) {
            c.access_log = false;              // the fixture keeps every line in memory
            c.api_requests_per_minute = 0;     // no 429s from the fuzzer's own pace
            c.ai_requests_per_minute = 0;
            c.login.free_failures = 1 << 30;   // nor sign-in lockouts
            c.login.free_failures_per_address = 1 << 30;
            c.threads = 2;
        });
        for (const bank::Customer& customer : bank::fuzz::test_bank().customers)
            made->names.emplace_back(customer.name, customer.id);
        made->sign_in();
        // At a normal exit (a replay, a finished campaign) the proxy stops and its temporary
        // folder goes; after a crash the folder stays for the post-mortem.
        std::atexit([] { delete harness().proxy; });
        return made;
    }();
    return *h;
}

void replace_all(std::string& text, const std::string& from, const std::string& to) {
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
}

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// The request as bytes on the wire.
std::string frame(std::string_view input, const Harness& h, int port) {
    std::size_t blank = input.find("\n\n");
    const std::size_t crlf_blank = input.find("\r\n\r\n");
    std::size_t body_at = blank == std::string_view::npos ? input.size() : blank + 2;
    if (crlf_blank != std::string_view::npos && crlf_blank < blank) {
        blank = crlf_blank;
        body_at = crlf_blank + 4;
    }
    std::string head(input.substr(0, std::min(blank, input.size())));
    const std::string_view body = input.substr(std::min(body_at, input.size()));
    replace_all(head, "\r\n", "\n");
    replace_all(head, "@customer", std::string("bank_session=") + h.customer_cookie.substr(h.customer_cookie.find('=') + 1));
    replace_all(head, "@banker", std::string("bank_session=") + h.banker_cookie.substr(h.banker_cookie.find('=') + 1));
    const std::size_t first_line_end = std::min(head.find('\n'), head.size());
    std::string wire = head.substr(0, first_line_end) + " HTTP/1.1\r\n";
    std::string headers = first_line_end < head.size() ? head.substr(first_line_end + 1) : std::string();
    replace_all(headers, "\n", "\r\n");
    if (!headers.empty() && headers.back() != '\n') headers += "\r\n";
    wire += headers;
    wire += "Host: 127.0.0.1:" + std::to_string(port) + "\r\nConnection: close\r\n";
    if (lower(headers).find("content-length") == std::string::npos)
        wire += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    wire += "\r\n";
    wire.append(body);
    return wire;
}

std::string exchange(int port, const std::string& request) {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    bank::fuzz::require(fd >= 0, "a socket");
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    const timeval timeout{20, 0};  // far above any answer; a hang is a finding
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    bank::fuzz::require(connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0, "the proxy accepts");
    for (std::size_t sent = 0; sent < request.size();) {
        const ssize_t n = send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) break;  // the proxy may refuse a request before reading all of it
        sent += static_cast<std::size_t>(n);
    }
    shutdown(fd, SHUT_WR);  // a Content-Length longer than the body ends at once, not at a timeout
    std::string response;
    char buffer[16384];
    for (;;) {
        const ssize_t n = recv(fd, buffer, sizeof buffer, 0);
        if (n == 0) break;
        if (n < 0) {
            bank::fuzz::require(errno == ECONNRESET, "the proxy answers within 20 s (or resets)");
            break;
        }
        response.append(buffer, static_cast<std::size_t>(n));
    }
    close(fd);
    return response;
}

std::set<std::int64_t> in_reach(const Harness& h, const std::string& wire) {
    std::set<std::int64_t> ids;
    const auto token_of = [](const std::string& cookie) { return cookie.substr(cookie.find('=') + 1); };
    if (wire.find(token_of(h.customer_cookie)) != std::string::npos) ids.insert(101);
    if (wire.find(token_of(h.banker_cookie)) != std::string::npos) {
        for (const bank::Customer& c : bank::fuzz::test_bank().customers) {
            if (c.banker_id == "B01") ids.insert(c.id);
        }
    }
    return ids;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    harness();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using bank::fuzz::require;
    Harness& h = harness();
    const std::string wire = frame(bank::fuzz::as_text(data, size), h, h.proxy->port());
    // libFuzzer's -timeout watchdog is a periodic SIGALRM without SA_RESTART: it would interrupt
    // our socket calls (EINTR). Blocked on this thread, it is taken by one of the proxy's.
    sigset_t alarm, before;
    sigemptyset(&alarm);
    sigaddset(&alarm, SIGALRM);
    pthread_sigmask(SIG_BLOCK, &alarm, &before);
    const std::string response = exchange(h.proxy->port(), wire);
    pthread_sigmask(SIG_SETMASK, &before, nullptr);
    if (response.empty()) return 0;  // httplib drops some garbage without an answer
    require(response.rfind("HTTP/1.1 ", 0) == 0, "answers are HTTP");
    require(response.compare(9, 3, "500") != 0, "no handler fails");
    require(response.find("$argon2id$") == std::string::npos, "no password hash in an answer");

    const std::string headers = lower(response.substr(0, response.find("\r\n\r\n")));
    const bool signed_in_now = headers.find("set-cookie: bank_session=") != std::string::npos &&
                               headers.find("set-cookie: bank_session=;") == std::string::npos;
    if (!signed_in_now) {
        const auto allowed = in_reach(h, wire);
        for (const auto& [name, id] : h.names) {
            if (!allowed.count(id)) require(response.find(name) == std::string::npos, "no customer out of reach");
        }
    }
    // A sign-in or sign-out with one of the borrowed cookies ends that session: take fresh ones.
    if (headers.find("set-cookie:") != std::string::npos) h.sign_in();
    return 0;
}
