// The throwaway PostgreSQL cluster of tests/support/pg_cluster.sh, for the tests tagged
// [postgres]: started on first use (initdb in a temporary folder, a free loopback port), shared by
// every test of the process, each test in a database of its own, and removed when the process
// ends. Nothing is installed here: without PostgreSQL (scripts/install.sh) the first use fails
// with the script's message.
#pragma once

#include <string>

namespace bank::proxy::test {

class PgCluster {
public:
    static PgCluster& shared();
    ~PgCluster();
    PgCluster(const PgCluster&) = delete;
    PgCluster& operator=(const PgCluster&) = delete;

    // A new empty database; its URL without the password (give password() in PGPASSWORD) ...
    std::string fresh_database();
    // ... and the same URL with the password in it.
    std::string with_password(const std::string& url) const;
    const std::string& password() const { return password_; }
    int port() const { return port_; }

    // SIGKILL the server and every process of it, as a crash would; restart() brings it back
    // on the same port after crash recovery.
    void crash();
    void restart();

private:
    PgCluster();
    void run(const std::string& command) const;

    std::string parent_;  // the temporary folder holding the cluster's folder
    std::string dir_;
    std::string password_;
    int port_ = 0;
    int databases_ = 0;
};

}  // namespace bank::proxy::test
