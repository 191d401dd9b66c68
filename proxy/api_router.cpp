#include "proxy/api_router.h"

#include <cctype>
#include <utility>

#include "proxy/api_response.h"
#include "shared/data/json_depth.h"

namespace bank::proxy {

const char* const kSessionCookie = "bank_session";

RequestFacts& current_request() {
    thread_local RequestFacts facts;
    return facts;
}

std::string cookie_value(const std::string& header, const std::string& name) {
    std::size_t pos = 0;
    while (pos < header.size()) {
        std::size_t end = header.find(';', pos);
        if (end == std::string::npos) end = header.size();
        std::size_t start = header.find_first_not_of(' ', pos);
        if (start < end) {
            const std::size_t eq = header.find('=', start);
            if (eq != std::string::npos && eq < end && header.compare(start, eq - start, name) == 0 &&
                eq - start == name.size()) {
                return header.substr(eq + 1, end - eq - 1);
            }
        }
        pos = end + 1;
    }
    return std::string();
}

ApiRouter::ApiRouter(httplib::Server& server, SessionStore& sessions, ActivityStore& store, bool tls,
                     RateLimiter& per_address, Metrics& metrics)
    : server_(server), sessions_(sessions), store_(store), tls_(tls), per_address_(per_address), metrics_(metrics) {}

namespace {

bool is_json_media_type(const std::string& content_type) {
    std::string type = content_type.substr(0, content_type.find(';'));
    while (!type.empty() && type.back() == ' ') type.pop_back();
    for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return type == "application/json";
}

// Browsers send Origin on every POST and Sec-Fetch-Site on every request; a request from another
// site is refused even if it somehow carried the cookie. Clients that send neither (curl, tests)
// are not browsers and cannot be driven by another site. Behind a TLS edge the browser's origin
// is https:// while this server speaks HTTP: the edge says so in X-Forwarded-Proto (which the
// server keeps only from a --trusted-proxy).
bool from_own_origin(const httplib::Request& req, bool tls) {
    const std::string site = req.get_header_value("Sec-Fetch-Site");
    if (site == "cross-site" || site == "same-site") return false;
    if (!req.has_header("Origin")) return true;
    const bool https = tls || req.get_header_value("X-Forwarded-Proto") == "https";
    return req.get_header_value("Origin") == (https ? "https://" : "http://") + req.get_header_value("Host");
}

}  // namespace

void ApiRouter::get(const std::string& route, const std::string& pattern, Access access,
                    ApiHandler handler) {
    known_.push_back({std::regex(pattern), "GET"});
    server_.Get(pattern, wrap(route, access, false, std::move(handler)));
}

void ApiRouter::post(const std::string& route, const std::string& pattern, Access access,
                     ApiHandler handler) {
    known_.push_back({std::regex(pattern), "POST"});
    server_.Post(pattern, wrap(route, access, true, std::move(handler)));
}

// Who tried what, and from where, for the security team. Best effort: the refusal stands even if
// the store cannot take the row. Callers without a session are not audited: anyone can send those
// without limit, and /metrics counts them by route and status.
void ApiRouter::refuse(const httplib::Request& req, httplib::Response& res, const Session& session, int status,
                       const std::string& code, const std::string& message) {
    send_error(res, status, code, message);
    AuditRecord r;
    r.actor = session.username;
    r.actor_role = to_string(session.role);
    r.action = "access_refused";
    r.detail = req.method + " " + current_request().route + " " + std::to_string(status) + " " + code + " from " +
               req.remote_addr;
    store_.audit({r});
}

std::vector<std::string> ApiRouter::methods_for(const std::string& path) const {
    std::vector<std::string> methods;
    for (const Known& k : known_) {
        if (std::regex_match(path, k.pattern)) methods.push_back(k.method);
    }
    return methods;
}

httplib::Server::Handler ApiRouter::wrap(const std::string& route, Access access, bool json_body,
                                         ApiHandler handler) {
    return [this, route, access, json_body, handler = std::move(handler)](const httplib::Request& req,
                                                                          httplib::Response& res) {
        RequestFacts& facts = current_request();
        facts.route = route;
        res.set_header("Cache-Control", "no-store");
        if (const auto wait = per_address_.take(req.remote_addr); wait.count() > 0) {
            metrics_.rate_limited("address");
            res.set_header("Retry-After", std::to_string(wait.count()));
            return send_error(res, 429, "too_many_requests",
                              "Too many requests from this address. Wait " + std::to_string(wait.count()) + " seconds.");
        }

        const std::string token = cookie_value(req.get_header_value("Cookie"), kSessionCookie);
        std::optional<Session> session = sessions_.find(token);
        if (session) facts.role = to_string(session->role);

        if (access != Access::Public) {
            if (!session) return send_error(res, 401, "unauthorized", "Sign in first.");
            if (access == Access::Customer && session->role != Role::Customer)
                return refuse(req, res, *session, 403, "forbidden", "Only customers can use this.");
            if (access == Access::Banker && session->role != Role::Banker)
                return refuse(req, res, *session, 403, "forbidden", "Only bankers can use this.");
        }

        ApiCall call{req, res, session ? &*session : nullptr, session ? &token : nullptr, nullptr};
        if (json_body) {
            if (!from_own_origin(req, tls_)) {
                const char* const message = "Requests must come from this site's own pages.";
                if (!session) return send_error(res, 403, "cross_origin", message);
                return refuse(req, res, *session, 403, "cross_origin", message);
            }
            if (req.body.empty()) {
                call.body = nlohmann::json::object();
                return handler(call);
            }
            if (!is_json_media_type(req.get_header_value("Content-Type")))
                return send_error(res, 415, "unsupported_media_type", "Send the body as application/json.");
            call.body = parse_json_within_depth(req.body);  // deeper bodies are refused here
            if (call.body.is_discarded() || !call.body.is_object())
                return send_error(res, 400, "invalid_json", "The body must be a JSON object.");
        }
        handler(call);
    };
}

}  // namespace bank::proxy
