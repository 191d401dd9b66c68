// How the proxy holds its clients' connections. cpp-httplib 0.11 gives every connection a worker
// thread for as long as it is open, and bounds only each read, not a whole request: a client that
// sends one header line every few seconds holds a thread forever, and 128 such clients (no
// sign-in needed) stop the proxy answering anyone. Here one thread waits on every connection
// (epoll) and reads each request's head and body itself, within a deadline and within limits;
// a worker thread is taken only once a whole request has arrived, to run the HTTP library's own
// request handling (routing, handlers, writing the answer) on those bytes. A kept-alive
// connection goes back to waiting without a thread.
#pragma once

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "proxy/http_request_head.h"

namespace bank::proxy {

struct ConnectionPolicy {
    HeadLimits head;
    std::chrono::seconds header_timeout{10};  // first byte of a request to its last
    std::chrono::seconds keep_alive{5};       // idle between requests; 0 = one request per connection
    std::chrono::seconds write_timeout{10};   // each wait for a slow reader while answering
    std::chrono::seconds linger{2};           // reading what a refused client still sends, so it sees the answer
    int connections_per_address = 64;         // 0 = no cap
    int workers = 128;
    std::size_t max_requests_per_connection = 1000;
};

// A request answered before the HTTP library saw it: too large, too slow, badly framed.
struct RequestRefusal {
    int status = 0;
    std::string code;
    std::string message;
    std::string method;  // as sent, or "" if the request line never arrived
    std::chrono::steady_clock::duration waited{};  // from the request's first byte to the refusal
};

struct Connection;

class ConnectionLoop {
public:
    struct Hooks {
        // Runs the HTTP library on one request. `close_after` asks for "Connection: close";
        // `client_closes` reports that the client asked for it; `parsed` that the library
        // understood the request. False: the connection is broken.
        std::function<bool(httplib::Stream&, bool close_after, bool& client_closes, bool& parsed)> serve;
        // Fills in the answer to a refused request (and records it); the loop adds the framing.
        std::function<void(const RequestRefusal&, httplib::Response&)> refuse;
    };

    // `tls`: the server's TLS context, or null for plain HTTP.
    ConnectionLoop(ConnectionPolicy policy, Hooks hooks, SSL_CTX* tls = nullptr);
    ~ConnectionLoop();
    ConnectionLoop(const ConnectionLoop&) = delete;
    ConnectionLoop& operator=(const ConnectionLoop&) = delete;

    void start();
    // Closes waiting connections, lets workers finish the requests they hold, joins all threads.
    void stop();
    // Takes over an accepted socket (called on the accepting thread; returns at once).
    void adopt(int fd);

private:
    using Clock = std::chrono::steady_clock;

    void run();
    void take_inbox();
    void admit(int fd);
    bool count_in(Connection& c);
    void arm(Connection& c);
    void on_event(Connection& c);
    void examine(Connection& c);
    void refuse(Connection& c, int status, const char* code, const char* message);
    std::string refusal(Connection& c, int status, const char* code, const char* message);
    void sweep_deadlines();
    void retire(Connection& c);
    void close_socket(Connection& c);

    void work();
    void serve(Connection& c);

    ConnectionPolicy policy_;
    Hooks hooks_;
    SSL_CTX* tls_;
    int epoll_fd_ = -1;
    int wake_fd_ = -1;
    std::atomic<bool> stopping_{false};
    std::thread loop_thread_;
    std::vector<std::thread> workers_;
    Clock::time_point last_sweep_;

    // Every open connection. At any moment one thread has a connection in hand: the loop (it is
    // waiting for bytes: armed in epoll for one event) or a worker (Connection::busy).
    std::mutex registry_mutex_;
    std::unordered_map<Connection*, std::unique_ptr<Connection>> registry_;

    std::mutex inbox_mutex_;
    std::vector<int> accepted_;
    std::vector<Connection*> returned_;  // from workers, holding bytes epoll cannot announce

    std::mutex ready_mutex_;
    std::condition_variable ready_cv_;
    std::deque<Connection*> ready_;

    std::mutex address_mutex_;
    std::unordered_map<std::string, int> per_address_;
};

}  // namespace bank::proxy
