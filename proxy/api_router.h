// The one place where API requests are checked before a handler sees them: who is calling
// (session cookie), whether their role may use the route, and, for POST, a JSON object body.
// POSTs must also come from our own origin (a second line of defence behind SameSite=Strict).
// A signed-in caller refused here is written to the audit trail.
// Handlers stay short: read the call, ask the records or a provider, answer.
#pragma once

#include <httplib.h>

#include <functional>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "proxy/metrics.h"
#include "proxy/rate_limiter.h"
#include "proxy/sessions.h"

namespace bank::proxy {

enum class Access {
    Public,     // anyone
    SignedIn,   // any signed-in user
    Customer,   // signed-in customers only
    Banker,     // signed-in bankers only
};

struct ApiCall {
    const httplib::Request& http;
    httplib::Response& res;
    const Session* session;        // null on a public route without a session
    const std::string* token;      // the session cookie's value, when there is a session
    nlohmann::json body;           // the JSON object a POST carried; null for GET
};
using ApiHandler = std::function<void(ApiCall&)>;

// Per-request facts the access log and metrics read after the answer is written. Set on the
// worker thread that serves the request (cpp-httplib serves a request on one thread).
struct RequestFacts {
    std::string route = "static";  // the route pattern as documented, never the concrete path
    std::string role = "anonymous";
};
RequestFacts& current_request();

class ApiRouter {
public:
    // `per_address` limits every API request by client address (429 + Retry-After); `store` takes
    // the audit rows of refusals.
    ApiRouter(httplib::Server& server, SessionStore& sessions, ActivityStore& store, bool tls,
              RateLimiter& per_address, Metrics& metrics);

    // `route` is the documented name ("/api/book/{customer_id}"); `pattern` the regex matched.
    void get(const std::string& route, const std::string& pattern, Access access, ApiHandler handler);
    void post(const std::string& route, const std::string& pattern, Access access, ApiHandler handler);

    // For a path no handler matched: the methods other routes accept there (for 405 + Allow).
    std::vector<std::string> methods_for(const std::string& path) const;

private:
    httplib::Server::Handler wrap(const std::string& route, Access access, bool json_body,
                                  ApiHandler handler);
    void refuse(const httplib::Request& req, httplib::Response& res, const Session& session, int status,
                const std::string& code, const std::string& message);

    struct Known {
        std::regex pattern;
        std::string method;
    };
    httplib::Server& server_;
    SessionStore& sessions_;
    ActivityStore& store_;
    bool tls_;
    RateLimiter& per_address_;
    Metrics& metrics_;
    std::vector<Known> known_;
};

// The value of cookie `name` in a Cookie header, or empty.
std::string cookie_value(const std::string& cookie_header, const std::string& name);

extern const char* const kSessionCookie;

}  // namespace bank::proxy
