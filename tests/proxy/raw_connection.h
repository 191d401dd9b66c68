// A TCP connection that sends exactly the bytes a test gives it: what an HTTP client library will
// not send (two Content-Length headers, 200 header fields, one header line every second, two
// requests in one write, a request line with quotes in the method). It can connect from another
// loopback address (127.0.0.2, ...), which Linux routes like 127.0.0.1, to act as a second client,
// and speak TLS (without checking the server's certificate: test servers' are self-signed).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

struct ssl_ctx_st;
struct ssl_st;

namespace bank::proxy::test {

struct RawResponse {
    int status = 0;
    std::string head;  // status line and header fields
    std::string body;
    std::string header(const std::string& name) const;  // first value, or ""
};

// The `error.code` of a JSON error body, or "".
std::string error_code_of(const std::string& body);

class RawConnection {
public:
    enum class Tls { No, Yes };
    // Throws if it cannot connect (or, with TLS, finish the handshake).
    explicit RawConnection(int port, const std::string& from = "127.0.0.1", Tls tls = Tls::No);
    ~RawConnection();
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;

    // False once the server has closed or reset the connection.
    bool send(std::string_view bytes);
    // The next response (interim 1xx ones included), or nothing if the connection closed or
    // `timeout` passed first.
    std::optional<RawResponse> read_response(std::chrono::milliseconds timeout = std::chrono::seconds(5));
    // True if the server closes the connection (end of stream or reset) within `timeout`;
    // bytes arriving meanwhile are dropped.
    bool closed_within(std::chrono::milliseconds timeout);

private:
    bool fill(std::chrono::steady_clock::time_point until);

    int fd_ = -1;
    ssl_ctx_st* tls_context_ = nullptr;
    ssl_st* tls_ = nullptr;
    std::string buffer_;
    bool eof_ = false;
};

}  // namespace bank::proxy::test
