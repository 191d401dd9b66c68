#include "pg_cluster.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <regex>
#include <stdexcept>

#include "proxy/store_pg_pool.h"
#include "proxy_fixture.h"

namespace bank::proxy::test {

namespace {

std::string output_of(const std::string& command) {
    FILE* pipe = popen(command.c_str(), "r");
    if (!pipe) throw std::runtime_error("cannot run " + command);
    std::string out;
    char buf[256];
    while (std::fgets(buf, sizeof buf, pipe)) out += buf;
    if (pclose(pipe) != 0) throw std::runtime_error("failed: " + command);
    return out;
}

}  // namespace

PgCluster& PgCluster::shared() {
    static PgCluster cluster;
    return cluster;
}

PgCluster::PgCluster() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "bank-pg-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    parent_ = tmpl;
    chmod(parent_.c_str(), 0755);  // the server runs as the postgres user, which must reach it
    dir_ = parent_ + "/cluster";
    const std::string url = output_of(std::string(PG_CLUSTER_SCRIPT) + " start " + dir_);
    static const std::regex port(R"(127\.0\.0\.1:(\d+)/)");
    std::smatch m;
    if (!std::regex_search(url, m, port)) throw std::runtime_error("pg_cluster.sh printed no URL: " + url);
    port_ = std::stoi(m[1].str());
    password_ = read_file(dir_ + "/password");
    while (!password_.empty() && password_.back() == '\n') password_.pop_back();
}

PgCluster::~PgCluster() {
    std::system((std::string(PG_CLUSTER_SCRIPT) + " stop " + dir_ + " >/dev/null 2>&1").c_str());
    std::error_code ignored;
    std::filesystem::remove_all(parent_, ignored);
}

void PgCluster::run(const std::string& command) const {
    if (std::system((std::string(PG_CLUSTER_SCRIPT) + " " + command + " " + dir_).c_str()) != 0)
        throw std::runtime_error("pg_cluster.sh " + command + " failed");
}

std::string PgCluster::with_password(const std::string& url) const {
    return std::regex_replace(url, std::regex("^postgresql://bank@"), "postgresql://bank:" + password_ + "@");
}

std::string PgCluster::fresh_database() {
    const std::string name = "test_" + std::to_string(++databases_);
    const std::string base = "postgresql://bank@127.0.0.1:" + std::to_string(port_) + "/";
    std::string problem;
    PgConnection admin = pg_connect(with_password(base + "bank"), problem);
    if (!admin) throw std::runtime_error("cannot reach the test cluster: " + problem);
    // The name is made here, never from outside, so it can be part of the statement's text.
    if (!pg_ok(pg_run(admin.get(), ("CREATE DATABASE " + name).c_str())))
        throw std::runtime_error("CREATE DATABASE failed: " + pg_problem(admin.get()));
    return base + name;
}

void PgCluster::crash() { run("kill"); }

void PgCluster::restart() { run("restart"); }

}  // namespace bank::proxy::test
