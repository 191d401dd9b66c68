// The running proxy: one cpp-httplib server with the API routes, the static files and the
// cross-cutting checks (security headers, JSON-only bodies, origin check, access log). Tests run
// it in-process on a free loopback port with their own data.
#pragma once

#include <httplib.h>

#include <functional>
#include <memory>
#include <string>

#include "proxy/activity_store.h"
#include "proxy/api_router.h"
#include "proxy/bank_records.h"
#include "proxy/clock.h"
#include "proxy/http_server.h"
#include "proxy/login_throttle.h"
#include "proxy/password.h"
#include "proxy/proxy_config.h"
#include "proxy/routes.h"
#include "proxy/sessions.h"
#include "proxy/static_files.h"
#include "proxy/upstream_service.h"

namespace bank::proxy {

using LineSink = std::function<void(const std::string&)>;

// What the proxy takes from its surroundings; tests replace it to control time and see the log.
struct ProxyEnvironment {
    Clock clock = system_clock();
    LineSink log;                    // access-log lines and warnings; default: standard error
    Sleeper sleep = real_sleeper();  // waits between upstream retries
};

class ProxyServer {
public:
    ProxyServer(ProxyConfig config, BankRecords records, std::unique_ptr<ActivityStore> store,
                ProxyEnvironment environment = {});
    ~ProxyServer();
    ProxyServer(const ProxyServer&) = delete;
    ProxyServer& operator=(const ProxyServer&) = delete;

    // Binds config.host:config.port (port 0: any free port). Returns the port, or -1.
    int bind();
    // Serves until stop(); false if the server could not run.
    bool listen();
    void stop();
    bool is_running() const;
    // For tests: waits until listen() (on another thread) accepts connections.
    void wait_until_ready() const;
    Metrics& metrics() { return metrics_; }

private:
    void add_routes();
    void add_cross_cutting_checks();
    ConnectionPolicy connection_policy() const;
    RequestHooks request_hooks();
    void use_client_address(httplib::Request& req) const;
    void refuse(const RequestRefusal& refusal, httplib::Response& res);
    void write_access_log(const httplib::Request& req, const httplib::Response& res);
    void record_answer(const std::string& method, const std::string& route, const std::string& role,
                       const httplib::Response& res, double ms, const std::string& static_path);
    void log_event(const std::string& level, const std::string& message);

    std::unique_ptr<UpstreamService> upstream(const std::string& name, const UpstreamConfig& config,
                                              UpstreamService::DelayHint hint);
    void add_ai_services();

    ProxyConfig config_;
    BankRecords records_;
    std::unique_ptr<ActivityStore> store_;
    Clock clock_;
    LineSink log_;
    Sleeper sleep_;
    Metrics metrics_;
    SessionStore sessions_;
    LoginThrottle throttle_;
    RateLimiter per_address_;
    RateLimiter per_user_ai_;
    AnswerCache cache_;
    DeadlineWatchdog watchdog_;
    ai::LinkAllowList link_allow_list_;
    std::unique_ptr<AiServices> ai_;
    std::unique_ptr<PasswordChecker> passwords_;
    StaticMounts static_mounts_;
    std::unique_ptr<httplib::Server> http_;
    std::unique_ptr<ApiRouter> router_;
};

}  // namespace bank::proxy
