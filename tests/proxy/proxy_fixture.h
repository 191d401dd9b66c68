// A proxy running in-process on a free loopback port, over a private copy of the test data in a
// temporary folder (tests/proxy/data plus users.csv with cheap password hashes written here, and
// small web/, app/, vendor/ and models/ folders). Time is a ManualClock; log lines are captured.
#pragma once

#include <httplib.h>
#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "proxy/clock.h"
#include "proxy/proxy_config.h"
#include "proxy/proxy_server.h"

namespace bank::proxy::test {

// The test users: every password is "pw-" + username.
struct TestUser {
    std::string username, role, subject_id;
};
const std::vector<TestUser>& test_users();
std::string password_of(const std::string& username);

// A temporary folder removed with everything in it when this goes out of scope.
class TempDir {
public:
    TempDir();
    ~TempDir();
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

void write_file(const std::string& path, const std::string& content);
std::string read_file(const std::string& path);

class TestProxy {
public:
    // `adjust` may change the configuration (paths are already filled in) before the server starts.
    explicit TestProxy(const std::function<void(ProxyConfig&)>& adjust = nullptr);
    ~TestProxy();

    int port() const { return port_; }
    httplib::Client client() const;
    ManualClock& clock() { return clock_; }
    const ProxyConfig& config() const { return config_; }
    // The log so far, once it has at least `at_least` lines: the server logs a request just after
    // answering it, so a test that just got its answer waits here (up to 10 s) for the line.
    std::vector<std::string> log_lines(std::size_t at_least = 0);
    const std::string& root() const { return dir_.path(); }

    // The waits the proxy asked for between upstream retries (tests do not really wait).
    std::vector<std::chrono::milliseconds> sleeps();
    std::string metrics_text() { return server_->metrics().render(); }

    // Signs in and returns the Cookie header value to send ("bank_session=...").
    std::string sign_in(const std::string& username);

    httplib::Result get(const std::string& path, const std::string& cookie = "");
    httplib::Result post(const std::string& path, const nlohmann::json& body,
                         const std::string& cookie = "");

private:
    TempDir dir_;
    ManualClock clock_;
    ProxyConfig config_;
    std::mutex log_mutex_;
    std::condition_variable log_grew_;
    std::vector<std::string> log_;
    std::vector<std::chrono::milliseconds> sleeps_;
    std::unique_ptr<ProxyServer> server_;
    std::thread thread_;
    int port_ = -1;
};

// Requests to a proxy on a loopback port (a TestProxy or a ProxyProcess).
httplib::Client client_at(int port);
httplib::Result get_at(int port, const std::string& path, const std::string& cookie = "");
httplib::Result post_at(int port, const std::string& path, const nlohmann::json& body,
                        const std::string& cookie = "");
// Signs in and returns the Cookie header value to send ("bank_session=...").
std::string sign_in_at(int port, const std::string& username);

// The real bank-proxy binary in a child process on a free loopback port, over `root`/data (see
// write_test_data) and `root`/web, with `options` after those and `environment` entries
// ("NAME=value") added; its standard error goes to a file under `root`. For kill -9 and for
// replicas. Throws, with the proxy's output, if it stops before serving.
class ProxyProcess {
public:
    ProxyProcess(const std::string& root, const std::vector<std::string>& options,
                 const std::vector<std::string>& environment = {});
    ~ProxyProcess();
    ProxyProcess(const ProxyProcess&) = delete;
    ProxyProcess& operator=(const ProxyProcess&) = delete;

    int port() const { return port_; }
    // SIGKILL and reap; true when it was running and died of that signal.
    bool kill_now();
    std::string log() const { return read_file(log_path_); }

private:
    pid_t pid_ = -1;
    int port_ = -1;
    std::string log_path_;
};

// Writes the test data set (CSV files, users.csv, images) into `dir`.
void write_test_data(const std::string& dir);

nlohmann::json json_of(const httplib::Result& r);
std::string error_code(const httplib::Result& r);

}  // namespace bank::proxy::test
