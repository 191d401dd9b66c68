#include "raw_connection.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <stdexcept>
#include <strings.h>

#include <nlohmann/json.hpp>
#include <openssl/ssl.h>

namespace bank::proxy::test {

std::string RawResponse::header(const std::string& name) const {
    std::size_t pos = head.find("\r\n");
    while (pos != std::string::npos && pos + 2 < head.size()) {
        const std::size_t start = pos + 2;
        const std::size_t end = head.find("\r\n", start);
        const std::string line = head.substr(start, end == std::string::npos ? std::string::npos : end - start);
        const std::size_t colon = line.find(':');
        if (colon == name.size() && strncasecmp(line.c_str(), name.c_str(), colon) == 0) {
            return line.substr(line.find_first_not_of(' ', colon + 1));
        }
        pos = end;
    }
    return "";
}

std::string error_code_of(const std::string& body) {
    const auto j = nlohmann::json::parse(body, nullptr, false);
    if (!j.is_object() || !j.contains("error") || !j["error"].is_object()) return "";
    return j["error"].value("code", std::string());
}

RawConnection::RawConnection(int port, const std::string& from, Tls tls) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd_ < 0) throw std::runtime_error("socket() failed");
    const int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in local{};
    local.sin_family = AF_INET;
    ::inet_pton(AF_INET, from.c_str(), &local.sin_addr);
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0) {
        ::close(fd_);
        throw std::runtime_error("cannot bind to " + from);
    }
    sockaddr_in server{};
    server.sin_family = AF_INET;
    server.sin_port = htons(static_cast<std::uint16_t>(port));
    ::inet_pton(AF_INET, "127.0.0.1", &server.sin_addr);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&server), sizeof server) != 0) {
        ::close(fd_);
        throw std::runtime_error("cannot connect to port " + std::to_string(port));
    }
    if (tls == Tls::Yes) {
        tls_context_ = SSL_CTX_new(TLS_client_method());
        tls_ = SSL_new(tls_context_);
        SSL_set_fd(tls_, fd_);
        if (SSL_connect(tls_) != 1) {
            SSL_free(tls_);
            SSL_CTX_free(tls_context_);
            ::close(fd_);
            throw std::runtime_error("no TLS handshake with port " + std::to_string(port));
        }
    }
}

RawConnection::~RawConnection() {
    if (tls_) SSL_free(tls_);
    if (tls_context_) SSL_CTX_free(tls_context_);
    if (fd_ >= 0) ::close(fd_);
}

bool RawConnection::send(std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t n = tls_ ? SSL_write(tls_, bytes.data(), static_cast<int>(bytes.size()))
                               : ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        if (n <= 0) return false;
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

// Reads what is there (waiting until `until` for something); false at end of stream or timeout.
bool RawConnection::fill(std::chrono::steady_clock::time_point until) {
    if (eof_) return false;
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - std::chrono::steady_clock::now());
    pollfd p{fd_, POLLIN, 0};
    const bool buffered = tls_ && SSL_pending(tls_) > 0;
    if (!buffered && (left.count() <= 0 || ::poll(&p, 1, static_cast<int>(left.count())) <= 0)) return false;
    char chunk[16384];
    const ssize_t n = tls_ ? SSL_read(tls_, chunk, sizeof chunk) : ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) {
        eof_ = true;
        return false;
    }
    buffer_.append(chunk, static_cast<std::size_t>(n));
    return true;
}

std::optional<RawResponse> RawConnection::read_response(std::chrono::milliseconds timeout) {
    const auto until = std::chrono::steady_clock::now() + timeout;
    std::size_t end;
    while ((end = buffer_.find("\r\n\r\n")) == std::string::npos) {
        if (!fill(until)) return std::nullopt;
    }
    RawResponse r;
    r.head = buffer_.substr(0, end);
    if (r.head.rfind("HTTP/1.", 0) != 0 || r.head.size() < 12) return std::nullopt;
    r.status = std::atoi(r.head.c_str() + 9);
    const std::string length = r.header("Content-Length");
    const std::size_t body_size = r.status < 200 || length.empty() ? 0 : std::strtoul(length.c_str(), nullptr, 10);
    while (buffer_.size() < end + 4 + body_size) {
        if (!fill(until)) return std::nullopt;
    }
    r.body = buffer_.substr(end + 4, body_size);
    buffer_.erase(0, end + 4 + body_size);
    return r;
}

bool RawConnection::closed_within(std::chrono::milliseconds timeout) {
    const auto until = std::chrono::steady_clock::now() + timeout;
    while (!eof_) {
        if (!fill(until) && !eof_) return false;
        buffer_.clear();
    }
    return true;
}

}  // namespace bank::proxy::test
