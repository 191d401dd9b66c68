// The store's schema as numbered migrations, one list for both backends so they step through the
// same versions. A store records each version it has applied in its `schema_version` table; at
// open the proxy applies the missing ones in order, in one transaction, and refuses a store that
// has a version newer than the last one here (a newer proxy migrated it: run that one).
// A migration is never edited once released; a change is a new migration at the end.
#pragma once

#include <vector>

namespace bank::proxy {

struct Migration {
    int version;
    const char* what;      // recorded in schema_version.description
    const char* sqlite;    // statements for SQLite
    const char* postgres;  // the same change for PostgreSQL
};

const std::vector<Migration>& store_migrations();
int newest_schema_version();

}  // namespace bank::proxy
