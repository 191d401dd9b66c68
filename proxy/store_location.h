// Where the store is: `--store` is a PostgreSQL connection URL or an SQLite file path. A URL may
// hold a password, so anything that shows the location (logs, errors) shows redacted_location().
#pragma once

#include <string>

namespace bank::proxy {

// True for postgresql://... and postgres://..., the two URL schemes libpq accepts.
bool is_postgres_url(const std::string& location);

// The location with the URL's password (user:PASSWORD@ and any password= parameter) replaced by
// ***; a file path unchanged.
std::string redacted_location(const std::string& location);

// The password the URL carries (percent-decoded), or "" when it has none.
std::string url_password(const std::string& location);

}  // namespace bank::proxy
