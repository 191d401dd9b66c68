#include <string>

#include "proxy/api_response.h"
#include "proxy/routes.h"
#include "shared/api/me.h"

namespace bank::proxy {

namespace {

constexpr std::size_t kMaxUsername = 128;
constexpr std::size_t kMaxPassword = 1024;

std::string session_cookie(const std::string& token, long max_age_seconds, bool tls) {
    std::string c = std::string(kSessionCookie) + "=" + token +
                    "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age_seconds);
    if (tls) c += "; Secure";
    return c;
}

// Who tried (the username as typed, known or not) and from where; never the password. Attempts
// refused while locked are not checked and not audited: a flood of them would write without limit.
bool audit_failed_sign_in(ActivityStore& store, const std::string& username, const std::string& address) {
    AuditRecord r;
    r.actor = username;
    r.actor_role = "anonymous";
    r.action = "sign_in_failed";
    r.detail = "from " + address;
    return store.audit({r});
}

void login(ApiCall& call, const SignInDeps& d) {
    const auto& u = call.body.value("username", nlohmann::json());
    const auto& p = call.body.value("password", nlohmann::json());
    if (!u.is_string() || !p.is_string() || u.get_ref<const std::string&>().empty() ||
        u.get_ref<const std::string&>().size() > kMaxUsername ||
        p.get_ref<const std::string&>().size() > kMaxPassword) {
        return send_error(call.res, 400, "invalid_request",
                          "Send {\"username\": \"...\", \"password\": \"...\"}.");
    }
    const std::string& username = u.get_ref<const std::string&>();
    const std::string& password = p.get_ref<const std::string&>();

    const auto wait = d.throttle.wait_before_attempt(username, call.http.remote_addr);
    if (wait.count() > 0) {
        call.res.set_header("Retry-After", std::to_string(wait.count()));
        return send_error(call.res, 429, "too_many_attempts",
                          "Too many failed sign-ins. Wait " + std::to_string(wait.count()) +
                              " seconds and try again.");
    }
    // One check per account at a time here: a flood of sign-ins to one account waits on itself,
    // not in the queue everyone else's sign-ins share.
    const auto turn = d.throttle.take_check_turn(username);
    if (!turn) {
        call.res.set_header("Retry-After", "1");
        return send_error(call.res, 429, "too_many_attempts",
                          "A sign-in for this account is already being checked. Try again in a moment.");
    }
    const User* user = d.records.user(username);
    const PasswordCheck checked = d.passwords.check(user ? &user->password_hash : nullptr, password);
    if (checked == PasswordCheck::Busy) {
        call.res.set_header("Retry-After", "1");
        return send_error(call.res, 503, "sign_in_busy", "Many people are signing in right now. Try again in a moment.");
    }
    if (checked == PasswordCheck::NoMatch) {
        d.throttle.record_failure(username, call.http.remote_addr);
        if (!audit_failed_sign_in(d.store, username, call.http.remote_addr)) {
            return send_error(call.res, 503, "store_unavailable",
                              "The failed sign-in could not be recorded. Try again shortly.");
        }
        return send_error(call.res, 401, "login_failed", "Wrong username or password.");
    }
    d.throttle.record_success(username);
    if (call.token) d.sessions.end(*call.token);
    const std::string token = d.sessions.start(*user);
    call.res.set_header("Set-Cookie",
                        session_cookie(token, d.sessions.policy().lifetime.count(), d.tls));
    current_request().role = to_string(user->role);
    send_json(call.res, 200, describe_user(d.records, *user));
}

void logout(ApiCall& call, const SignInDeps& d) {
    if (call.token) d.sessions.end(*call.token);
    call.res.set_header("Set-Cookie", session_cookie("", 0, d.tls));
    send_json(call.res, 200, {{"signed_out", true}});
}

void me(ApiCall& call, const SignInDeps& d) {
    const User* user = d.records.user(call.session->username);
    if (!user) return send_error(call.res, 401, "unauthorized", "Sign in first.");
    send_json(call.res, 200, describe_user(d.records, *user));
}

}  // namespace

nlohmann::json describe_user(const BankRecords& records, const User& user) {
    return api::write_me({user.username, user.role, user.subject_id, records.display_name(user)});
}

void add_sign_in_routes(ApiRouter& router, SignInDeps deps) {
    router.post("/api/login", "/api/login", Access::Public,
                [deps](ApiCall& call) { login(call, deps); });
    router.post("/api/logout", "/api/logout", Access::Public,
                [deps](ApiCall& call) { logout(call, deps); });
    router.get("/api/me", "/api/me", Access::SignedIn,
               [deps](ApiCall& call) { me(call, deps); });
}

}  // namespace bank::proxy
