#include "proxy/proxy_server.h"

#include <arpa/inet.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <thread>
#include <utility>

#include "proxy/api_response.h"
#include "proxy/routes.h"

namespace bank::proxy {

namespace {

thread_local std::chrono::steady_clock::time_point request_started;

// Control characters never belong in a path; a NUL (%00) would end the file name the operating
// system opens before the extension the content type is chosen by ("x.png%00.html").
bool has_control_character(const std::string& path) {
    return std::any_of(path.begin(), path.end(), [](char c) {
        return static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) == 0x7f;
    });
}

// "::ffff:127.0.0.1" (an IPv4 client of a dual-stack socket) is 127.0.0.1.
std::string plain_address(const std::string& address) {
    return address.rfind("::ffff:", 0) == 0 && address.find('.') != std::string::npos ? address.substr(7) : address;
}

bool is_ip_address(const std::string& text) {
    unsigned char ignored[sizeof(in6_addr)];
    return inet_pton(AF_INET, text.c_str(), ignored) == 1 || inet_pton(AF_INET6, text.c_str(), ignored) == 1;
}

template <class Base, class... Args>
std::unique_ptr<httplib::Server> loop_server(ConnectionPolicy policy, RequestHooks hooks, Args... args) {
    auto server = std::make_unique<LoopServer<Base>>(args...);
    server->use_connection_loop(std::move(policy), std::move(hooks));
    return server;
}

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
      sessions_(config_.sessions, clock_, *store_),
      throttle_(config_.login, clock_, *store_),
      per_address_({config_.api_requests_per_minute, std::max(20.0, config_.api_requests_per_minute / 4)}, clock_),
      per_user_ai_({config_.ai_requests_per_minute, std::max(5.0, config_.ai_requests_per_minute / 3)}, clock_, *store_,
                   "ai"),
      cache_(config_.ai.cache_entries, config_.ai.cache_max_age, clock_),
      link_allow_list_(records_.dataset().catalog),
      passwords_(std::make_unique<PasswordChecker>(typical_hash(records_), config_.parallel_password_checks,
                                                   config_.waiting_password_checks)) {
    if (config_.tls()) {
        http_ = loop_server<httplib::SSLServer>(connection_policy(), request_hooks(), config_.tls_cert.c_str(),
                                                config_.tls_key.c_str());
    } else {
        http_ = loop_server<httplib::Server>(connection_policy(), request_hooks());
    }
    http_->set_payload_max_length(config_.body_limit);
    http_->set_tcp_nodelay(true);
    router_ = std::make_unique<ApiRouter>(*http_, sessions_, *store_, config_.tls(), per_address_, metrics_);
    add_ai_services();
    static_mounts_ = mount_static_files(*http_, config_, [this](const std::string& m) { log_event("warning", m); });
    add_routes();
    add_cross_cutting_checks();
}

ProxyServer::~ProxyServer() { stop(); }

ConnectionPolicy ProxyServer::connection_policy() const {
    ConnectionPolicy policy;
    policy.head.max_body_bytes = config_.body_limit;
    policy.header_timeout = std::chrono::seconds(config_.header_timeout_seconds);
    policy.keep_alive = std::chrono::seconds(config_.keep_alive_seconds);
    policy.connections_per_address = config_.connections_per_address;
    policy.workers = config_.threads;
    return policy;
}

RequestHooks ProxyServer::request_hooks() {
    return {[] {
                request_started = std::chrono::steady_clock::now();
                current_request() = RequestFacts{};
            },
            [this](httplib::Request& req) { use_client_address(req); },
            [this](const RequestRefusal& refusal, httplib::Response& res) { refuse(refusal, res); }};
}

// Behind the edge every connection comes from the edge; the client is who the edge says it is
// (nginx sets X-Real-IP to the address it accepted the connection from, replacing any sent),
// and X-Forwarded-Proto says whether the browser spoke HTTPS (for the origin check). From anyone
// else both headers are ignored.
void ProxyServer::use_client_address(httplib::Request& req) const {
    const std::string peer = plain_address(req.remote_addr);
    const bool trusted = std::any_of(config_.trusted_proxies.begin(), config_.trusted_proxies.end(),
                                     [&](const std::string& p) { return plain_address(p) == peer; });
    if (!trusted) {
        req.headers.erase("X-Forwarded-Proto");
        return;
    }
    const std::string client = req.get_header_value("X-Real-IP");
    if (is_ip_address(client)) req.remote_addr = client;
}

// A request the connection loop refused before the library read it: the same JSON error and
// headers as any other answer, and its own line in the access log.
void ProxyServer::refuse(const RequestRefusal& refusal, httplib::Response& res) {
    send_error(res, refusal.status, refusal.code, refusal.message);
    add_security_headers(res, config_.tls());
    const double ms = std::chrono::duration<double, std::milli>(refusal.waited).count();
    record_answer(refusal.method, "unmatched", "anonymous", res, ms, "");
}

void ProxyServer::add_routes() {
    router_->get("/healthz", "/healthz", Access::Public, [this](ApiCall& call) {
        if (!store_->healthy()) return send_json(call.res, 503, {{"status", "store unavailable"}});
        send_json(call.res, 200, {{"status", "ok"}});
    });
    add_sign_in_routes(*router_, {records_, sessions_, throttle_, *passwords_, *store_, config_.tls()});
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
        catalog_links(), catalog_links(), cache_, metrics_, per_user_ai_,
        {c.gemini.key, c.summarizer.key, c.search.key, c.search_cx}});
    RealProviders real = configured_providers(
        c, records_.dataset().catalog, link_allow_list_,
        [this](const std::string& name, const UpstreamConfig& u, UpstreamService::DelayHint hint) {
            return upstream(name, u, std::move(hint));
        },
        [this](const std::string& message) { log_event("warning", message); });
    if (real.explanations) ai_->explanations = std::move(real.explanations);
    if (real.summaries) ai_->summaries = std::move(real.summaries);
    if (real.links) ai_->links = std::move(real.links);
}

void ProxyServer::add_cross_cutting_checks() {
    http_->set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
        if (has_control_character(req.path)) {
            send_error(res, 400, "bad_request", "The address holds a control character.");
            return httplib::Server::HandlerResponse::Handled;
        }
        const bool file_method = req.method == "GET" || req.method == "HEAD";  // what the library serves files for
        if (file_method && leads_outside_mount(static_mounts_, req.path)) {
            send_error(res, 404, "not_found", "There is nothing at this address.");
            return httplib::Server::HandlerResponse::Handled;
        }
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
    // A store that cannot answer is an outage, not a bug: 503, and the access log has the line.
    http_->set_exception_handler([this](const httplib::Request&, httplib::Response& res, std::exception_ptr error) {
        if (is_store_unavailable(error)) {
            res.set_header("Retry-After", "1");
            return send_error(res, 503, "store_unavailable",
                              "The bank's records cannot be reached right now. Try again in a moment.");
        }
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

// The facts are taken, not read: whatever the next request on this thread is, it starts afresh.
void ProxyServer::write_access_log(const httplib::Request& req, const httplib::Response& res) {
    const RequestFacts facts = std::exchange(current_request(), RequestFacts{});
    const double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - request_started).count();
    const std::string route = facts.route == "static" && res.status >= 400 ? "unmatched" : facts.route;
    record_answer(req.method, route, facts.role, res, ms, route == "static" ? req.path : "");
}

// One JSON object per line. The route is the documented pattern, never the concrete path, and
// there is no query string, user name or customer id: the log holds no personal data. The method
// is a label from a fixed set, as in /metrics.
void ProxyServer::record_answer(const std::string& method, const std::string& route, const std::string& role,
                                const httplib::Response& res, double ms, const std::string& static_path) {
    metrics_.request(route, method, res.status, ms / 1000);
    if (!config_.access_log) return;
    nlohmann::json line = {{"ts", utc_now_iso8601()}, {"method", method_label(method)}, {"route", route},
                           {"status", res.status},    {"bytes", res.body.size()},       {"ms", std::round(ms * 1000) / 1000},
                           {"role", role}};
    if (!static_path.empty()) line["path"] = static_path;
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
        static_cast<LoopServer<httplib::SSLServer>&>(*http_).widen_backlog();
    } else {
        static_cast<LoopServer<httplib::Server>&>(*http_).widen_backlog();
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
