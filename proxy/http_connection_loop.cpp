#include "proxy/http_connection_loop.h"

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>

namespace bank::proxy {

using Clock = std::chrono::steady_clock;

struct Connection {
    int fd = -1;
    SSL* ssl = nullptr;
    bool handshaking = false;
    bool tls_failed = false;      // no close_notify after a TLS error
    short tls_wants = POLLIN;     // what the last TLS call that could not go on was waiting for
    std::string peer;
    int peer_port = 0;
    bool counted = false;         // in the per-address count
    std::string received;         // bytes not yet handed on: this request, maybe the next ones
    std::size_t scanned = 0;      // bytes already searched for the end of the head
    bool first_line_ended = false;
    RequestHead head;             // of the request at the start of `received`
    Clock::time_point began;      // the current request's first byte
    Clock::time_point deadline;   // idle, header or linger deadline, whichever applies now
    bool idle = true;             // no byte of the next request yet
    bool peer_closed = false;
    bool continue_sent = false;
    bool lingering = false;       // answered with a refusal; reading what still comes, then closing
    std::size_t served = 0;
    std::atomic<bool> busy{false};  // a worker has it (the deadline sweep leaves it alone)
};

namespace {

const char* reason_phrase(int status) {
    switch (status) {
    case 400: return "Bad Request";
    case 408: return "Request Timeout";
    case 411: return "Length Required";
    case 413: return "Payload Too Large";
    case 414: return "URI Too Long";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 501: return "Not Implemented";
    default: return "Error";
    }
}

// Bytes read without waiting: > 0 read, 0 nothing there now, -1 closed or broken.
long receive_some(Connection& c, char* buffer, std::size_t size) {
    if (c.ssl) {
        ERR_clear_error();
        const int n = SSL_read(c.ssl, buffer, static_cast<int>(std::min<std::size_t>(size, 1 << 30)));
        if (n > 0) return n;
        const int error = SSL_get_error(c.ssl, n);
        if (error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE) {
            c.tls_wants = error == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT;
            return 0;
        }
        c.tls_failed = error != SSL_ERROR_ZERO_RETURN;
        return -1;
    }
    const ssize_t n = ::recv(c.fd, buffer, size, MSG_DONTWAIT);
    if (n > 0) return n;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return 0;
    return -1;
}

// Bytes written without waiting: > 0 written, 0 the socket is full, -1 broken.
long send_some(Connection& c, const char* data, std::size_t size) {
    if (c.ssl) {
        ERR_clear_error();
        const int n = SSL_write(c.ssl, data, static_cast<int>(std::min<std::size_t>(size, 1 << 30)));
        if (n > 0) return n;
        const int error = SSL_get_error(c.ssl, n);
        if (error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE) {
            c.tls_wants = error == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT;
            return 0;
        }
        c.tls_failed = true;
        return -1;
    }
    const ssize_t n = ::send(c.fd, data, size, MSG_DONTWAIT | MSG_NOSIGNAL);
    if (n > 0) return n;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) return 0;
    return -1;
}

bool wait_for(const Connection& c, short events, Clock::time_point until) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now()).count();
    if (left <= 0) return false;
    pollfd p{c.fd, events, 0};
    return ::poll(&p, 1, static_cast<int>(left)) > 0;
}

// Writes what the socket takes now; true if that was everything. The loop thread never waits.
bool send_now(Connection& c, const char* data, std::size_t size) {
    while (size > 0) {
        const long n = send_some(c, data, size);
        if (n <= 0) return false;
        data += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
}

// Writes everything, waiting for a slow reader until `until`.
bool send_all(Connection& c, const char* data, std::size_t size, Clock::time_point until) {
    while (size > 0) {
        const long n = send_some(c, data, size);
        if (n < 0) return false;
        if (n == 0 && !wait_for(c, c.ssl ? c.tls_wants : POLLOUT, until)) return false;
        data += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
}

void numeric_address(const sockaddr_storage& address, socklen_t length, std::string& ip, int& port) {
    char host[NI_MAXHOST] = "";
    char service[NI_MAXSERV] = "";
    if (::getnameinfo(reinterpret_cast<const sockaddr*>(&address), length, host, sizeof host, service, sizeof service,
                      NI_NUMERICHOST | NI_NUMERICSERV) == 0) {
        ip = host;
        port = std::atoi(service);
    }
}

// The HTTP library reads a request from here: exactly the bytes the loop received and checked,
// and nothing from the socket, so it can never wait for a slow client. The library writes an
// answer in many small pieces (a write per header line); they are gathered and sent together
// (flush), in one TCP segment where they fit, rather than one segment each.
class ConnectionStream : public httplib::Stream {
public:
    ConnectionStream(Connection& c, std::string request, std::chrono::seconds write_timeout)
        : c_(c), request_(std::move(request)), write_timeout_(write_timeout) {}

    bool is_readable() const override { return offset_ < request_.size(); }
    bool is_writable() const override { return wait_for(c_, POLLOUT, Clock::now() + write_timeout_); }

    ssize_t read(char* ptr, size_t size) override {
        const std::size_t n = std::min(size, request_.size() - offset_);
        std::memcpy(ptr, request_.data() + offset_, n);
        offset_ += n;
        return static_cast<ssize_t>(n);
    }

    ssize_t write(const char* ptr, size_t size) override {
        if (broken_) return -1;
        pending_.append(ptr, size);
        if (pending_.size() >= kFlushAt && !flush()) return -1;
        return static_cast<ssize_t>(size);
    }

    bool flush() {
        if (!broken_ && !send_all(c_, pending_.data(), pending_.size(), Clock::now() + write_timeout_)) broken_ = true;
        pending_.clear();
        return !broken_;
    }

    void get_remote_ip_and_port(std::string& ip, int& port) const override {
        ip = c_.peer;
        port = c_.peer_port;
    }

    void get_local_ip_and_port(std::string& ip, int& port) const override {
        sockaddr_storage address{};
        socklen_t length = sizeof address;
        if (::getsockname(c_.fd, reinterpret_cast<sockaddr*>(&address), &length) == 0)
            numeric_address(address, length, ip, port);
    }

    socket_t socket() const override { return c_.fd; }

private:
    static constexpr std::size_t kFlushAt = 64 * 1024;
    Connection& c_;
    std::string request_;
    std::string pending_;
    std::size_t offset_ = 0;
    std::chrono::seconds write_timeout_;
    bool broken_ = false;
};

// Re-reading a head on every byte of a slowly sent one would cost time quadratic in its size, so
// it is read again only once its end may have arrived, or once it is too long to wait for.
bool head_worth_reading(Connection& c, const HeadLimits& limits) {
    if (c.head.verdict == RequestHead::Verdict::Ready) return false;
    const std::size_t from = c.scanned >= 3 ? c.scanned - 3 : 0;
    c.scanned = c.received.size();
    c.first_line_ended = c.first_line_ended || c.received.find('\n', from) != std::string::npos;
    const bool end_may_be_here =
        c.received.find("\n\r\n", from) != std::string::npos || c.received.find("\n\n", from) != std::string::npos;
    return end_may_be_here || c.received.size() >= limits.max_head_bytes ||
           (!c.first_line_ended && c.received.size() > limits.max_request_line);
}

bool request_complete(const Connection& c) {
    return c.head.verdict == RequestHead::Verdict::Ready && c.received.size() >= c.head.head_bytes + c.head.body_bytes;
}

// Takes the request at the start of `received` off it, as the HTTP library is to read it.
std::string take_request(Connection& c) {
    std::string request = std::move(c.head.for_library);
    request.append(c.received, c.head.head_bytes, c.head.body_bytes);
    c.received.erase(0, c.head.head_bytes + c.head.body_bytes);
    c.head = RequestHead{};
    c.scanned = 0;
    c.first_line_ended = false;
    c.continue_sent = false;
    return request;
}

}  // namespace

ConnectionLoop::ConnectionLoop(ConnectionPolicy policy, Hooks hooks, SSL_CTX* tls)
    : policy_(std::move(policy)), hooks_(std::move(hooks)), tls_(tls) {}

ConnectionLoop::~ConnectionLoop() { stop(); }

void ConnectionLoop::start() {
    epoll_fd_ = ::epoll_create1(EPOLL_CLOEXEC);
    wake_fd_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    epoll_event e{};
    e.events = EPOLLIN;
    e.data.ptr = nullptr;  // the wake-up; connections carry their own pointer
    ::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, wake_fd_, &e);
    stopping_ = false;
    last_sweep_ = Clock::now();
    loop_thread_ = std::thread([this] { run(); });
    for (int i = 0; i < std::max(1, policy_.workers); ++i) workers_.emplace_back([this] { work(); });
}

void ConnectionLoop::stop() {
    if (!loop_thread_.joinable()) return;
    stopping_ = true;
    const std::uint64_t one = 1;
    (void)::write(wake_fd_, &one, sizeof one);
    ready_cv_.notify_all();
    loop_thread_.join();
    for (auto& w : workers_) w.join();  // they finish the requests they hold, then close
    workers_.clear();
    std::lock_guard<std::mutex> lock(registry_mutex_);
    for (auto& entry : registry_) close_socket(*entry.second);
    registry_.clear();
    for (const int fd : accepted_) ::close(fd);
    accepted_.clear();
    returned_.clear();
    ::close(epoll_fd_);
    ::close(wake_fd_);
}

void ConnectionLoop::adopt(int fd) {
    {
        std::lock_guard<std::mutex> lock(inbox_mutex_);
        accepted_.push_back(fd);
    }
    const std::uint64_t one = 1;
    (void)::write(wake_fd_, &one, sizeof one);
}

void ConnectionLoop::run() {
    epoll_event events[256];
    while (!stopping_) {
        const int n = ::epoll_wait(epoll_fd_, events, 256, 100);
        for (int i = 0; i < n; ++i) {
            if (events[i].data.ptr == nullptr) {
                std::uint64_t count;
                (void)::read(wake_fd_, &count, sizeof count);
                continue;
            }
            on_event(*static_cast<Connection*>(events[i].data.ptr));
        }
        take_inbox();
        if (Clock::now() - last_sweep_ >= std::chrono::milliseconds(100)) sweep_deadlines();
    }
}

void ConnectionLoop::take_inbox() {
    std::vector<int> accepted;
    std::vector<Connection*> returned;
    {
        std::lock_guard<std::mutex> lock(inbox_mutex_);
        accepted.swap(accepted_);
        returned.swap(returned_);
    }
    for (const int fd : accepted) admit(fd);
    for (Connection* c : returned) {
        c->busy.store(false, std::memory_order_release);
        on_event(*c);
    }
}

void ConnectionLoop::admit(int fd) {
    auto owned = std::make_unique<Connection>();
    Connection& c = *owned;
    c.fd = fd;
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (::getpeername(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0)
        numeric_address(address, length, c.peer, c.peer_port);
    c.began = Clock::now();
    c.deadline = c.began + policy_.header_timeout;
    if (!count_in(c)) {
        // Answered at once and closed: the refused must not hold sockets either. Under TLS there
        // is no session yet to answer in.
        if (!tls_) {
            const std::string answer = refusal(c, 429, "too_many_connections",
                                               "Too many open connections from this address. Close some and try again.");
            send_now(c, answer.data(), answer.size());
        }
        return close_socket(c);
    }
    if (tls_) {
        c.ssl = SSL_new(tls_);
        if (!c.ssl || SSL_set_fd(c.ssl, fd) != 1) return close_socket(c);
        SSL_set_accept_state(c.ssl);
        SSL_set_mode(c.ssl, SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
        c.handshaking = true;
    }
    {
        std::lock_guard<std::mutex> lock(registry_mutex_);
        registry_.emplace(&c, std::move(owned));
    }
    epoll_event e{};
    e.events = EPOLLIN | EPOLLONESHOT;
    e.data.ptr = &c;
    if (::epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, fd, &e) != 0) retire(c);
}

// Counts a new connection against its address's cap; false if the address is at the cap.
bool ConnectionLoop::count_in(Connection& c) {
    if (policy_.connections_per_address <= 0) return true;
    std::lock_guard<std::mutex> lock(address_mutex_);
    int& open = per_address_[c.peer];
    if (open >= policy_.connections_per_address) return false;
    ++open;
    c.counted = true;
    return true;
}

// Waits for the connection's next event (one: the thread that gets it has the connection alone).
// Called last by whoever holds the connection: from then on, the loop may be using it.
void ConnectionLoop::arm(Connection& c) {
    epoll_event e{};
    e.events = EPOLLIN | EPOLLONESHOT | (c.handshaking && c.tls_wants == POLLOUT ? std::uint32_t{EPOLLOUT} : 0u);
    e.data.ptr = &c;
    if (::epoll_ctl(epoll_fd_, EPOLL_CTL_MOD, c.fd, &e) != 0) retire(c);
}

// On the loop thread, for a connection that has bytes (or an end, or a TLS step) to look at.
void ConnectionLoop::on_event(Connection& c) {
    (void)c.busy.load(std::memory_order_acquire);  // sees what the worker that armed it wrote
    char chunk[16384];
    if (c.lingering) {
        long n;
        while ((n = receive_some(c, chunk, sizeof chunk)) > 0) {}
        return n < 0 ? retire(c) : arm(c);
    }
    if (c.handshaking) {
        ERR_clear_error();
        const int r = SSL_do_handshake(c.ssl);
        if (r != 1) {
            const int error = SSL_get_error(c.ssl, r);
            if (error != SSL_ERROR_WANT_READ && error != SSL_ERROR_WANT_WRITE) {
                c.tls_failed = true;
                return retire(c);
            }
            c.tls_wants = error == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT;
            return arm(c);
        }
        c.handshaking = false;
    }
    // Never more than one largest request ahead: a client cannot make the loop hold more.
    const std::size_t cap = policy_.head.max_head_bytes + policy_.head.max_body_bytes;
    while (c.received.size() < cap) {
        const long n = receive_some(c, chunk, std::min(sizeof chunk, cap - c.received.size()));
        if (n == 0) break;
        if (n < 0) {
            c.peer_closed = true;
            break;
        }
        if (c.idle) {
            c.idle = false;
            c.began = Clock::now();
            c.deadline = c.began + policy_.header_timeout;
        }
        c.received.append(chunk, static_cast<std::size_t>(n));
    }
    examine(c);
}

// Decides what a connection's received bytes call for: wait, refuse, or hand to a worker.
void ConnectionLoop::examine(Connection& c) {
    if (head_worth_reading(c, policy_.head) || (c.peer_closed && !c.received.empty())) {
        c.head = read_request_head(c.received, policy_.head);
    }
    if (c.head.verdict == RequestHead::Verdict::Refused) {
        return refuse(c, c.head.status, c.head.code.c_str(), c.head.message.c_str());
    }
    if (request_complete(c)) {
        c.busy.store(true, std::memory_order_relaxed);
        {
            std::lock_guard<std::mutex> lock(ready_mutex_);
            ready_.push_back(&c);
        }
        ready_cv_.notify_one();
        return;
    }
    if (c.peer_closed) return retire(c);
    if (c.head.verdict == RequestHead::Verdict::Ready && c.head.expects_continue && !c.continue_sent) {
        static const char kContinue[] = "HTTP/1.1 100 Continue\r\n\r\n";
        c.continue_sent = true;
        if (!send_now(c, kContinue, sizeof kContinue - 1)) return retire(c);
    }
    arm(c);
}

// The whole answer to a refused request, in the application's words (hooks_.refuse), closing.
std::string ConnectionLoop::refusal(Connection& c, int status, const char* code, const char* message) {
    RequestRefusal refused{status, code, message, c.head.method, Clock::now() - c.began};
    httplib::Response res;
    hooks_.refuse(refused, res);
    std::string bytes = "HTTP/1.1 " + std::to_string(status) + " " + reason_phrase(status) + "\r\n";
    for (const auto& [name, value] : res.headers) bytes += name + ": " + value + "\r\n";
    return bytes + "Content-Length: " + std::to_string(res.body.size()) + "\r\nConnection: close\r\n\r\n" + res.body;
}

// Answers with `status` and closes: the answer is written at once (it is small), then whatever
// the client still sends is read and dropped for a moment, so that closing does not reset the
// connection before the client has read the answer.
void ConnectionLoop::refuse(Connection& c, int status, const char* code, const char* message) {
    const std::string answer = refusal(c, status, code, message);
    if (c.handshaking || !send_now(c, answer.data(), answer.size())) return retire(c);
    if (c.ssl) {
        ERR_clear_error();
        SSL_shutdown(c.ssl);
    } else {
        ::shutdown(c.fd, SHUT_WR);
    }
    c.lingering = true;
    c.received.clear();
    c.deadline = Clock::now() + policy_.linger;
    arm(c);
}

void ConnectionLoop::sweep_deadlines() {
    const auto now = Clock::now();
    last_sweep_ = now;
    std::vector<Connection*> expired;
    {
        std::lock_guard<std::mutex> lock(registry_mutex_);
        for (const auto& entry : registry_) {
            Connection& c = *entry.second;
            if (!c.busy.load(std::memory_order_acquire) && c.deadline <= now) expired.push_back(&c);
        }
    }
    for (Connection* c : expired) {
        // An idle connection (never used, or kept alive after an answer) just closes.
        if (c->lingering || c->handshaking || c->idle) {
            retire(*c);
        } else {
            refuse(*c, 408, "request_timeout", "The request took too long to arrive.");
        }
    }
}

void ConnectionLoop::close_socket(Connection& c) {
    if (c.ssl) {
        if (!c.tls_failed && !c.handshaking && !c.lingering) {
            ERR_clear_error();
            SSL_shutdown(c.ssl);
        }
        SSL_free(c.ssl);
        c.ssl = nullptr;
    }
    ::close(c.fd);
    if (c.counted) {
        std::lock_guard<std::mutex> lock(address_mutex_);
        auto it = per_address_.find(c.peer);
        if (it != per_address_.end() && --it->second <= 0) per_address_.erase(it);
    }
}

// Closes the connection and forgets it; whoever holds it (loop or worker) may call this.
void ConnectionLoop::retire(Connection& c) {
    close_socket(c);
    std::lock_guard<std::mutex> lock(registry_mutex_);
    registry_.erase(&c);
}

void ConnectionLoop::work() {
    for (;;) {
        Connection* c;
        {
            std::unique_lock<std::mutex> lock(ready_mutex_);
            ready_cv_.wait(lock, [this] { return stopping_ || !ready_.empty(); });
            if (ready_.empty()) return;
            c = ready_.front();
            ready_.pop_front();
        }
        serve(*c);
    }
}

// Runs the HTTP library on each complete request the connection holds, then waits for the next
// one without a thread (or closes the connection).
void ConnectionLoop::serve(Connection& c) {
    for (;;) {
        ConnectionStream stream(c, take_request(c), policy_.write_timeout);
        ++c.served;
        const bool close_after = stopping_ || policy_.keep_alive.count() == 0 || c.peer_closed ||
                                 c.served >= policy_.max_requests_per_connection;
        bool client_closes = false;
        bool parsed = false;
        const bool ok = hooks_.serve(stream, close_after, client_closes, parsed) && stream.flush();
        // A request the library could not read leaves no telling where the next one starts.
        if (!ok || close_after || client_closes || !parsed) return retire(c);
        c.idle = c.received.empty();
        c.began = Clock::now();
        if (!c.idle) c.head = read_request_head(c.received, policy_.head);
        if (!request_complete(c)) break;
    }
    c.deadline = c.began + (c.idle ? policy_.keep_alive : policy_.header_timeout);
    if (c.idle && !(c.ssl && SSL_has_pending(c.ssl))) {
        c.busy.store(false, std::memory_order_release);
        return arm(c);
    }
    // Bytes epoll will not announce (the start of the next request, or TLS records already
    // read): the loop looks at them.
    {
        std::lock_guard<std::mutex> lock(inbox_mutex_);
        returned_.push_back(&c);
    }
    const std::uint64_t one = 1;
    (void)::write(wake_fd_, &one, sizeof one);
}

}  // namespace bank::proxy
