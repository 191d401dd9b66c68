#include "proxy/proxy_server.h"

#include <sys/socket.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <thread>
#include <utility>

#include "proxy/api_response.h"
#include "proxy/routes.h"
#include "proxy/static_files.h"

namespace bank::proxy {

namespace {

// Debian's cpp-httplib is a compiled library whose listen backlog is fixed at 5; a burst of new
// connections (a page load, a load test with 256 connections) would overflow it and wait for
// SYN retransmits. Linux lets a listening socket's backlog be raised by calling listen() again.
template <class Base> class WideBacklog : public Base {
public:
    using Base::Base;
    void widen_backlog() { ::listen(this->svr_sock_, SOMAXCONN); }
};

thread_local std::chrono::steady_clock::time_point request_started;

std::string typical_hash(const BankRecords& records) {
    return records.users().empty() ? std::string() : records.users().front().password_hash;
}

}  // namespace

ProxyServer::ProxyServer(ProxyConfig config, BankRecords records,
                         std::unique_ptr<ActivityStore> store, ProxyEnvironment environment)
    : config_(std::move(config)),
      records_(std::move(records)),
      store_(std::move(store)),
      clock_(std::move(environment.clock)),
      log_(environment.log ? std::move(environment.log) : LineSink([](const std::string& line) {
          std::fprintf(stderr, "%s\n", line.c_str());
      })),
      sleep_(std::move(environment.sleep)),
      sessions_(config_.sessions, clock_),
      throttle_(config_.login, clock_),
      per_address_({config_.api_requests_per_minute, std::max(20.0, config_.api_requests_per_minute / 4)}, clock_),
      per_session_ai_({config_.ai_requests_per_minute, std::max(5.0, config_.ai_requests_per_minute / 3)}, clock_),
      cache_(config_.ai.cache_entries, config_.ai.cache_max_age, clock_),
      link_allow_list_(records_.dataset().catalog),
      passwords_(std::make_unique<PasswordChecker>(typical_hash(records_), config_.parallel_password_checks,
                                                   config_.waiting_password_checks)) {
    if (config_.tls()) {
        http_ = std::make_unique<WideBacklog<httplib::SSLServer>>(config_.tls_cert.c_str(), config_.tls_key.c_str());
    } else {
        http_ = std::make_unique<WideBacklog<httplib::Server>>();
    }
    const int threads = config_.threads;
    http_->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    http_->set_payload_max_length(config_.body_limit);
    http_->set_read_timeout(10, 0);
    http_->set_write_timeout(10, 0);
    http_->set_keep_alive_timeout(config_.keep_alive_seconds);
    http_->set_keep_alive_max_count(config_.keep_alive_seconds > 0 ? 1000 : 1);
    http_->set_tcp_nodelay(true);
    router_ = std::make_unique<ApiRouter>(*http_, sessions_, config_.tls(), per_address_, metrics_);
    add_ai_services();
    mount_static_files(*http_, config_, [this](const std::string& m) { log_event("warning", m); });
    add_routes();
    add_cross_cutting_checks();
}

ProxyServer::~ProxyServer() { stop(); }

void ProxyServer::add_routes() {
    router_->get("/healthz", "/healthz", Access::Public, [this](ApiCall& call) {
        if (!store_->healthy()) return send_json(call.res, 503, {{"status", "store unavailable"}});
        send_json(call.res, 200, {{"status", "ok"}});
    });
    add_sign_in_routes(*router_, {records_, sessions_, throttle_, *passwords_, config_.tls()});
    add_record_routes(*router_, records_, *store_, config_.ranking_weights, config_.min_group_size,
                      config_.propensity_model);
    add_activity_routes(*router_, records_, *store_);
    add_ai_routes(*router_, records_, *store_, *ai_);
    const bool metrics_from_anywhere = config_.metrics_from_anywhere;
    router_->get("/metrics", "/metrics", Access::Public, [this, metrics_from_anywhere](ApiCall& call) {
        const std::string& from = call.http.remote_addr;
        if (!metrics_from_anywhere && from != "127.0.0.1" && from != "::1" && from != "::ffff:127.0.0.1")
            return send_error(call.res, 404, "not_found", "There is nothing at this address.");
        call.res.status = 200;
        call.res.set_content(metrics_.render(), "text/plain; version=0.0.4; charset=utf-8");
    });
}

std::unique_ptr<UpstreamService> ProxyServer::upstream(const std::string& name, const UpstreamConfig& c,
                                                       UpstreamService::DelayHint hint) {
    RetryPolicy retry{c.max_attempts, c.first_backoff, c.max_backoff, c.deadline};
    BreakerPolicy breaker{config_.ai.breaker_failures, config_.ai.breaker_open_for};
    return std::make_unique<UpstreamService>(
        name, UpstreamHttp(c.base_url, c.connect_timeout, config_.ai.max_answer_bytes, watchdog_), retry, breaker,
        clock_, sleep_, metrics_, std::move(hint));
}

// A feature uses its real provider only when the operator gave it a key; otherwise, and whenever
// the real one fails, the offline provider answers.
void ProxyServer::add_ai_services() {
    const AiConfig& c = config_.ai;
    ai_ = std::unique_ptr<AiServices>(new AiServices{
        offline_explanations(), offline_explanations(), extractive_summaries(), extractive_summaries(),
        catalog_links(), catalog_links(), cache_, metrics_, per_session_ai_,
        {c.gemini.key, c.summarizer.key, c.search.key, c.search_cx}});
    if (!c.gemini.key.empty()) {
        ai_->explanations = gemini_explanations(upstream("gemini", c.gemini, google_retry_delay), c.gemini.key,
                                                c.gemini_model, {}, records_.dataset().catalog);
    }
    if (!c.summarizer.key.empty()) {
        ai_->summaries = huggingface_summaries(upstream("huggingface", c.summarizer, huggingface_loading_delay),
                                               c.summarizer.key, c.summarizer_model);
    }
    if (!c.search.key.empty() && !c.search_cx.empty()) {
        ai_->links = custom_search_links(upstream("google-custom-search", c.search, google_retry_delay), c.search.key,
                                         c.search_cx, link_allow_list_);
    }
}

void ProxyServer::add_cross_cutting_checks() {
    http_->set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
        request_started = std::chrono::steady_clock::now();
        current_request() = RequestFacts{};
        return httplib::Server::HandlerResponse::Unhandled;
    });
    // Answers without a body (unknown path, 413 from the body limit, ...) get the JSON error shape;
    // a path that exists for another method gets 405 with Allow.
    http_->set_error_handler(httplib::Server::HandlerWithResponse([this](const httplib::Request& req,
                                                                           httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        if (res.status == 404) {
            const auto methods = router_->methods_for(req.path);
            if (!methods.empty()) {
                std::string allow;
                for (const auto& m : methods) allow += (allow.empty() ? "" : ", ") + m;
                res.set_header("Allow", allow);
                res.status = 405;
            }
        }
        fill_default_error(res);
        return httplib::Server::HandlerResponse::Handled;
    }));
    // The exception's text is not logged: it may quote request data.
    http_->set_exception_handler([this](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        log_event("error", "a handler failed on route " + current_request().route);
        send_error(res, 500, "internal", "Something went wrong on the server.");
    });
    const bool tls = config_.tls();
    http_->set_post_routing_handler(
        [tls](const httplib::Request&, httplib::Response& res) { add_security_headers(res, tls); });
    http_->set_logger([this](const httplib::Request& req, const httplib::Response& res) {
        write_access_log(req, res);
    });
}

// One JSON object per line. The route is the documented pattern, never the concrete path, and
// there is no query string, user name or customer id: the log holds no personal data.
void ProxyServer::write_access_log(const httplib::Request& req, const httplib::Response& res) {
    const RequestFacts& facts = current_request();
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - request_started).count();
    const std::string route = facts.route == "static" && res.status >= 400 ? "unmatched" : facts.route;
    metrics_.request(route, req.method, res.status, ms / 1000);
    if (!config_.access_log) return;
    nlohmann::json line = {{"ts", utc_now_iso8601()}, {"method", req.method},       {"route", route},
                           {"status", res.status},    {"bytes", res.body.size()}, {"ms", std::round(ms * 1000) / 1000},
                           {"role", facts.role}};
    if (route == "static") line["path"] = req.path;
    log_(line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

void ProxyServer::log_event(const std::string& level, const std::string& message) {
    log_(nlohmann::json{{"ts", utc_now_iso8601()}, {"level", level}, {"message", message}}.dump(
        -1, ' ', false, nlohmann::json::error_handler_t::replace));
}

int ProxyServer::bind() {
    const int port = config_.port == 0 ? http_->bind_to_any_port(config_.host)
                                       : (http_->bind_to_port(config_.host, config_.port) ? config_.port : -1);
    if (port < 0) return -1;
    if (config_.tls()) {
        static_cast<WideBacklog<httplib::SSLServer>&>(*http_).widen_backlog();
    } else {
        static_cast<WideBacklog<httplib::Server>&>(*http_).widen_backlog();
    }
    return port;
}

bool ProxyServer::listen() { return http_->listen_after_bind(); }

void ProxyServer::stop() {
    if (http_) http_->stop();
}

bool ProxyServer::is_running() const { return http_->is_running(); }

void ProxyServer::wait_until_ready() const {
    while (!http_->is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

}  // namespace bank::proxy
