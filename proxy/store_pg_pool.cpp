#include "proxy/store_pg_pool.h"

#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <utility>

namespace bank::proxy {

namespace {

constexpr std::chrono::milliseconds kRetryConnectAfter{250};

// libpq's messages span lines ("...failed: Connection refused\n\tIs the server running..."); a
// log line is one line.
std::string one_line(const std::string& text) {
    std::string out;
    for (char c : text) {
        const bool space = c == '\n' || c == '\t' || c == ' ';
        if (!space) out += c;
        else if (!out.empty() && out.back() != ' ') out += ' ';
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

// A connection the server has closed is readable at end of file: reading it now marks it bad
// instead of failing the next statement.
bool still_open(PGconn* connection) {
    return PQstatus(connection) == CONNECTION_OK && PQconsumeInput(connection) == 1 &&
           PQstatus(connection) == CONNECTION_OK;
}

// Waits until the connection's socket is ready for `events`; false once `deadline` has passed.
bool ready_before(PGconn* connection, short events, PgDeadline deadline) {
    pollfd socket{PQsocket(connection), events, 0};
    if (socket.fd < 0) return true;  // no socket: the next libpq call reports why
    for (;;) {
        int wait_ms = -1;
        if (deadline != kNoDeadline) {
            const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
            if (left.count() <= 0) return false;
            wait_ms = static_cast<int>(std::min<std::chrono::milliseconds::rep>(left.count(), INT_MAX));
        }
        const int ready = poll(&socket, 1, wait_ms);
        if (ready > 0 || (ready < 0 && errno != EINTR)) return true;
    }
}

// Gives up on a statement the server has not answered in time. libpq 15's PQcancel would wait for
// the server to take the cancel request, which a stopped server never does, so the socket is shut
// instead: libpq reads its end, marks the connection bad and ends the statement with an error.
PgResult give_up(PGconn* connection) {
    shutdown(PQsocket(connection), SHUT_RDWR);
    while (PQconsumeInput(connection) == 1 && PQisBusy(connection)) continue;  // up to the end shut
    while (PGresult* r = PQgetResult(connection)) PQclear(r);
    return nullptr;
}

}  // namespace

PgConnection pg_connect(const std::string& url, std::string& problem, std::chrono::seconds timeout) {
    // The URL's own settings win over these defaults (libpq applies the expanded dbname after the
    // keywords before it): a server that does not answer must not hold a request for minutes.
    const std::string seconds = std::to_string(timeout.count());
    const std::string options =
        "-c statement_timeout=" + std::to_string(std::chrono::milliseconds(timeout).count());
    const char* const keywords[] = {"connect_timeout", "options", "application_name", "dbname", nullptr};
    const char* const values[] = {seconds.c_str(), options.c_str(), "bank-proxy", url.c_str(), nullptr};
    PgConnection connection(PQconnectdbParams(keywords, values, 1));
    if (!connection) {
        problem = "out of memory";
        return nullptr;
    }
    if (PQstatus(connection.get()) != CONNECTION_OK) {
        problem = pg_problem(connection.get());
        return nullptr;
    }
    // Server notices ("relation already exists, skipping") would go to standard error, outside
    // the log's format; nothing the proxy runs needs them.
    PQsetNoticeProcessor(connection.get(), [](void*, const char*) {}, nullptr);
    // Non-blocking, so that sending a statement, and closing, never wait on a server that does not
    // read (pg_run waits for it with poll() instead, up to a deadline).
    PQsetnonblocking(connection.get(), 1);
    return connection;
}

PgResult pg_run(PGconn* connection, const char* sql, const PgParams& params, PgDeadline deadline) {
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
    if (!PQsendQueryParams(connection, sql, static_cast<int>(values.size()), nullptr, values.data(), nullptr,
                           nullptr, 0)) {
        return nullptr;
    }
    // libpq's loop for a non-blocking send: what the socket did not take yet is flushed as it can.
    for (int unsent = PQflush(connection); unsent == 1; unsent = PQflush(connection)) {
        if (!ready_before(connection, POLLIN | POLLOUT, deadline)) return give_up(connection);
        if (!PQconsumeInput(connection)) break;
    }
    // As PQexecParams: the last result, once the server has said it is done.
    PgResult last;
    for (;;) {
        while (PQisBusy(connection)) {
            if (!ready_before(connection, POLLIN, deadline)) return give_up(connection);
            if (!PQconsumeInput(connection)) break;  // the connection failed: PQgetResult says how
        }
        PGresult* next = PQgetResult(connection);
        if (!next) return last;
        last.reset(next);
    }
}

bool pg_ok(const PgResult& result) {
    if (!result) return false;
    const ExecStatusType status = PQresultStatus(result.get());
    return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
}

std::string pg_text(const PgResult& result, int row, int column) {
    return PQgetvalue(result.get(), row, column);
}

std::int64_t pg_integer(const PgResult& result, int row, int column) {
    return std::strtoll(PQgetvalue(result.get(), row, column), nullptr, 10);
}

std::string pg_problem(PGconn* connection) { return one_line(PQerrorMessage(connection)); }

PgPool::PgPool(std::string url, std::size_t size, std::chrono::seconds timeout)
    : url_(std::move(url)), size_(size < 1 ? 1 : size), timeout_(timeout) {}

PgPool::Lease::~Lease() {
    if (pool_ && connection_) pool_->give_back(std::move(connection_));
}

PgPool::Lease PgPool::take(PgDeadline deadline) {
    std::unique_lock<std::mutex> lock(mutex_);
    if (std::chrono::steady_clock::now() >= deadline ||
        !returned_.wait_until(lock, deadline, [this] { return !idle_.empty() || open_ < size_; })) {
        return Lease(this, nullptr);
    }
    while (!idle_.empty()) {
        PgConnection connection = std::move(idle_.back());
        idle_.pop_back();
        if (still_open(connection.get())) return Lease(this, std::move(connection));
        --open_;
    }
    if (std::chrono::steady_clock::now() - last_failed_connect_ < kRetryConnectAfter) return Lease(this, nullptr);
    // Connect outside the lock: a server that is down must not hold up the other threads.
    ++open_;
    lock.unlock();
    std::string ignored;
    PgConnection connection = pg_connect(url_, ignored, timeout_);
    if (!connection) {
        lock.lock();
        --open_;
        last_failed_connect_ = std::chrono::steady_clock::now();
        returned_.notify_one();
        return Lease(this, nullptr);
    }
    return Lease(this, std::move(connection));
}

void PgPool::give_back(PgConnection connection) {
    const bool reusable = PQstatus(connection.get()) == CONNECTION_OK &&
                          PQtransactionStatus(connection.get()) == PQTRANS_IDLE;
    if (!reusable) connection.reset();
    std::lock_guard<std::mutex> lock(mutex_);
    if (connection) {
        idle_.push_back(std::move(connection));
    } else {
        --open_;
    }
    returned_.notify_one();
}

}  // namespace bank::proxy
