// libpq, owned: results and connections free themselves, statements take their values only as
// parameters (never spliced into SQL text), and a small pool shares connections between the
// server's worker threads. A connection the server closed (restart, crash, network) is noticed
// when it is taken from the pool and replaced, so the proxy recovers from a database restart
// without being restarted itself. A server that stops answering (its processes stopped, a network
// that drops everything) holds a statement only until its deadline: the connection is then given
// up and the pool opens a fresh one once the server answers again.
#pragma once

#include <libpq-fe.h>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace bank::proxy {

struct PgResultFree {
    void operator()(PGresult* r) const { PQclear(r); }
};
using PgResult = std::unique_ptr<PGresult, PgResultFree>;

struct PgConnectionClose {
    void operator()(PGconn* c) const { PQfinish(c); }
};
using PgConnection = std::unique_ptr<PGconn, PgConnectionClose>;

// Text parameters $1, $2, ...; nullopt is SQL NULL.
using PgParams = std::vector<std::optional<std::string>>;

// When a store call must have its answer.
using PgDeadline = std::chrono::steady_clock::time_point;
inline constexpr PgDeadline kNoDeadline = PgDeadline::max();

// Connects to `url` (a connection URL), waiting at most `timeout` (libpq's connect_timeout, which
// counts whole seconds from 2), and sets the server's statement_timeout to `timeout` so that it
// stops work nobody waits for any more; the URL's own settings win. On failure returns null and
// sets `problem` to libpq's message on one line (which never holds the password).
PgConnection pg_connect(const std::string& url, std::string& problem,
                        std::chrono::seconds timeout = std::chrono::seconds(5));

// Runs one statement with its parameters and waits for its answer until `deadline`. Past it the
// connection is given up (libpq then reports it CONNECTION_BAD, so the pool closes it) and the
// result is null; the server may still run the statement when it wakes, but nobody was told it did.
PgResult pg_run(PGconn* connection, const char* sql, const PgParams& params = {},
                PgDeadline deadline = kNoDeadline);
// True when the statement succeeded (with or without rows).
bool pg_ok(const PgResult& result);
// A cell of a successful result, as text ("" for NULL).
std::string pg_text(const PgResult& result, int row, int column);
std::int64_t pg_integer(const PgResult& result, int row, int column);
// The libpq or server message for the connection's last failure, on one line.
std::string pg_problem(PGconn* connection);

class PgPool {
public:
    // `timeout`: how long connecting may take (pg_connect).
    PgPool(std::string url, std::size_t size, std::chrono::seconds timeout);
    PgPool(const PgPool&) = delete;
    PgPool& operator=(const PgPool&) = delete;

    // A connection lent for one piece of work; it goes back to the pool when the Lease ends, or
    // is closed if it broke or was left inside a transaction.
    class Lease {
    public:
        Lease(PgPool* pool, PgConnection connection) : pool_(pool), connection_(std::move(connection)) {}
        Lease(Lease&& other) noexcept = default;
        Lease& operator=(Lease&&) = delete;
        ~Lease();
        PGconn* get() const { return connection_.get(); }
        explicit operator bool() const { return connection_ != nullptr; }

    private:
        PgPool* pool_;
        PgConnection connection_;
    };

    // A live connection, or an empty Lease when the server cannot be reached now or `deadline`
    // passes while every connection is lent out. For a short while after a failed connection
    // attempt, fails at once: while the server is away, requests get their 503 without each
    // waiting out a timeout.
    Lease take(PgDeadline deadline);

private:
    void give_back(PgConnection connection);

    const std::string url_;
    const std::size_t size_;
    const std::chrono::seconds timeout_;
    std::mutex mutex_;
    std::condition_variable returned_;
    std::vector<PgConnection> idle_;
    std::size_t open_ = 0;  // idle plus lent out
    std::chrono::steady_clock::time_point last_failed_connect_{};
};

}  // namespace bank::proxy
