#include "proxy/activity_store.h"

#include <chrono>
#include <cstdio>
#include <ctime>

#include "proxy/store_location.h"
#include "proxy/store_postgres.h"
#include "proxy/store_sqlite.h"
#include "shared/data/csv_writer.h"

namespace bank::proxy {

std::string utc_now_iso8601() {
    const auto now = std::chrono::system_clock::now();
    const std::time_t t = std::chrono::system_clock::to_time_t(now);
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()) % 1000;
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                  tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                  static_cast<int>(ms.count()));
    return buf;
}

bool is_store_unavailable(std::exception_ptr error) {
    if (!error) return false;
    try {
        std::rethrow_exception(error);
    } catch (const StoreUnavailable&) {
        return true;
    } catch (...) {
        return false;
    }
}

std::variant<std::unique_ptr<ActivityStore>, std::string> ActivityStore::open(const std::string& location,
                                                                             std::chrono::seconds timeout) {
    if (is_postgres_url(location)) return PostgresStore::open(location, timeout);
    return SqliteStore::open(location);
}

bool ActivityStore::export_audit_csv(std::ostream& out) {
    out << csv_row({"ID", "At", "Actor", "Actor Role", "Action", "Customer ID", "Detail"});
    const auto trail = audit_trail(SIZE_MAX >> 1);
    if (!trail) return false;
    for (const AuditRecord& r : *trail) {
        out << csv_row({std::to_string(r.id), csv_text(r.at), csv_text(r.actor), csv_text(r.actor_role),
                        csv_text(r.action), r.customer_id ? std::to_string(*r.customer_id) : "",
                        csv_text(r.detail)});
    }
    return static_cast<bool>(out);
}

}  // namespace bank::proxy
