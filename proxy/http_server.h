// cpp-httplib's server with its connections held by a ConnectionLoop (http_connection_loop.h)
// rather than by a thread each. Debian ships cpp-httplib as a compiled library, so its internals
// cannot be configured by macros; what it does offer is used: the accepted socket arrives through
// the virtual process_and_close_socket, and process_request reads one request from any Stream.
#pragma once

#include <httplib.h>
#include <sys/socket.h>

#include <functional>
#include <memory>
#include <type_traits>
#include <utility>

#include "proxy/http_connection_loop.h"

namespace bank::proxy {

// What the application adds around each request the library reads.
struct RequestHooks {
    std::function<void()> before;                   // runs first, on the thread that serves the request
    std::function<void(httplib::Request&)> setup;   // once the library has read the head, before routing
    std::function<void(const RequestRefusal&, httplib::Response&)> refuse;  // see ConnectionLoop::Hooks
};

// The library runs its accept loop and hands each socket to its task queue; this queue passes
// the socket straight to the connection loop, whose lifetime is the listening's.
class LoopTaskQueue : public httplib::TaskQueue {
public:
    explicit LoopTaskQueue(ConnectionLoop& loop) : loop_(loop) { loop_.start(); }
    void enqueue(std::function<void()> accepted) override { accepted(); }
    void shutdown() override { loop_.stop(); }

private:
    ConnectionLoop& loop_;
};

template <class Base>  // httplib::Server or httplib::SSLServer
class LoopServer : public Base {
public:
    using Base::Base;

    void use_connection_loop(ConnectionPolicy policy, RequestHooks hooks) {
        hooks_ = std::move(hooks);
        SSL_CTX* tls = nullptr;
        if constexpr (std::is_base_of_v<httplib::SSLServer, Base>) tls = this->ssl_context();
        ConnectionLoop::Hooks loop_hooks{
            [this](httplib::Stream& stream, bool close_after, bool& client_closes, bool& parsed) {
                if (hooks_.before) hooks_.before();
                return this->process_request(stream, close_after, client_closes, [&](httplib::Request& req) {
                    parsed = true;
                    if (hooks_.setup) hooks_.setup(req);
                });
            },
            hooks_.refuse};
        loop_ = std::make_unique<ConnectionLoop>(std::move(policy), std::move(loop_hooks), tls);
        this->new_task_queue = [this] { return new LoopTaskQueue(*loop_); };
    }

    // The library's listen backlog is fixed at 5; a burst of new connections (a page load, a
    // load test) would overflow it and wait for SYN retransmits. Linux lets listen() raise it.
    void widen_backlog() { ::listen(this->svr_sock_, SOMAXCONN); }

private:
    bool process_and_close_socket(socket_t sock) override {
        loop_->adopt(sock);
        return true;
    }

    RequestHooks hooks_;
    std::unique_ptr<ConnectionLoop> loop_;
};

}  // namespace bank::proxy
