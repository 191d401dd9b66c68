#include "proxy/store_pg_pool.h"

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

}  // namespace

PgConnection pg_connect(const std::string& url, std::string& problem) {
    // The URL's own settings win over these defaults (libpq applies the expanded dbname after the
    // keywords before it): a server that does not answer must not hold a request for minutes.
    const char* const keywords[] = {"connect_timeout", "application_name", "dbname", nullptr};
    const char* const values[] = {"5", "bank-proxy", url.c_str(), nullptr};
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
    return connection;
}

PgResult pg_run(PGconn* connection, const char* sql, const PgParams& params) {
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
    return PgResult(PQexecParams(connection, sql, static_cast<int>(values.size()), nullptr, values.data(),
                                 nullptr, nullptr, 0));
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

PgPool::PgPool(std::string url, std::size_t size) : url_(std::move(url)), size_(size < 1 ? 1 : size) {}

PgPool::Lease::~Lease() {
    if (pool_ && connection_) pool_->give_back(std::move(connection_));
}

PgPool::Lease PgPool::take() {
    std::unique_lock<std::mutex> lock(mutex_);
    returned_.wait(lock, [this] { return !idle_.empty() || open_ < size_; });
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
    PgConnection connection = pg_connect(url_, ignored);
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
