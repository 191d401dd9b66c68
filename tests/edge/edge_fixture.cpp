#include "edge_fixture.h"

#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace bank::proxy::test {

namespace {

int free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof a;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &length) != 0) {
        ::close(fd);
        throw std::runtime_error("no free loopback port");
    }
    ::close(fd);
    return ntohs(a.sin_port);
}

bool accepts_connections(int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = htons(static_cast<std::uint16_t>(port));
    const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
    ::close(fd);
    return ok;
}

std::string quoted(const std::string& s) { return "'" + s + "'"; }

}  // namespace

Edge::Edge(const std::vector<int>& replica_ports, const EdgeOptions& options) {
    ::signal(SIGPIPE, SIG_IGN);  // a client write to a connection nginx closed must not end the tests
    port_ = free_port();
    const std::string work = dir_.path() + "/edge";
    std::string render = std::string("bash ") + EDGE_RENDER_SCRIPT + " --work " + quoted(work) +
                         " --listen 127.0.0.1:" + std::to_string(port_) + " --client-timeout " +
                         options.client_timeout + " --connections-per-address " +
                         std::to_string(options.connections_per_address) + " --access-log off";
    for (const int p : replica_ports) render += " --upstream 127.0.0.1:" + std::to_string(p);
    render += " >" + quoted(dir_.path() + "/render.log") + " 2>&1";
    if (std::system(render.c_str()) != 0)
        throw std::runtime_error("render_edge.sh failed: " + read_file(dir_.path() + "/render.log"));

    const std::string conf = work + "/nginx.conf";
    pid_ = fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);  // no nginx left behind if the tests die
        const int log = ::open((dir_.path() + "/nginx.stderr").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        dup2(log, STDERR_FILENO);
        execl(NGINX_BIN, NGINX_BIN, "-p", work.c_str(), "-c", conf.c_str(), "-g", "daemon off;",
              static_cast<char*>(nullptr));
        _exit(127);
    }
    for (int waited = 0; waited < 500; ++waited) {  // up to 5 s
        if (accepts_connections(port_)) return;
        int status = 0;
        if (waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            throw std::runtime_error("nginx stopped: " + read_file(dir_.path() + "/nginx.stderr") + error_log());
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    throw std::runtime_error("nginx did not listen: " + error_log());
}

Edge::~Edge() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
}

std::string Edge::error_log() const { return read_file(dir_.path() + "/edge/error.log"); }

std::unique_ptr<httplib::SSLClient> Edge::client() const {
    auto c = std::make_unique<httplib::SSLClient>("127.0.0.1", port_);
    c->enable_server_certificate_verification(false);  // self-signed, made for the test
    c->set_connection_timeout(5, 0);
    c->set_read_timeout(10, 0);
    return c;
}

httplib::Result Edge::get(const std::string& path, const std::string& cookie) const {
    httplib::Headers headers;
    if (!cookie.empty()) headers.emplace("Cookie", cookie);
    return client()->Get(path, headers);
}

httplib::Result Edge::post(const std::string& path, const nlohmann::json& body, const std::string& cookie,
                           const std::string& origin) const {
    httplib::Headers headers;
    if (!cookie.empty()) headers.emplace("Cookie", cookie);
    if (!origin.empty()) headers.emplace("Origin", origin);
    return client()->Post(path, headers, body.dump(), "application/json");
}

std::string Edge::sign_in(const std::string& username) const {
    auto r = post("/api/login", {{"username", username}, {"password", password_of(username)}});
    if (!r || r->status != 200) throw std::runtime_error("sign-in through the edge failed for " + username);
    const std::string set_cookie = r->get_header_value("Set-Cookie");
    return set_cookie.substr(0, set_cookie.find(';'));
}

Replicas::Replicas(int count, const std::vector<std::string>& options, const std::vector<std::string>& environment) {
    write_test_data(root_.path() + "/data");
    bool own_store = false;
    for (const std::string& o : options) own_store = own_store || o == "--store";
    for (int i = 0; i < count; ++i) {
        std::vector<std::string> all = {"--trusted-proxy", "127.0.0.1", "--keep-alive", "75",
                                        "--connections-per-address", "0"};
        if (!own_store) {
            all.push_back("--store");
            all.push_back(root_.path() + "/store-" + std::to_string(i) + ".sqlite");
        }
        all.insert(all.end(), options.begin(), options.end());
        replicas_.push_back(std::make_unique<ProxyProcess>(root_.path(), all, environment));
    }
}

std::vector<int> Replicas::ports() const {
    std::vector<int> ports;
    for (const auto& r : replicas_) ports.push_back(r->port());
    return ports;
}

long Replicas::answered(std::size_t i, const std::string& route, long at_least) const {
    const std::string escaped = std::regex_replace(route, std::regex(R"([.^$|()\[\]{}*+?\\])"), R"(\$&)");
    const std::regex line("bank_proxy_requests_total\\{route=\"" + escaped + "\",[^}]*\\} (\\d+)");
    long total = 0;
    for (int waited = 0; waited < 200; ++waited) {
        auto r = get_at(replicas_.at(i)->port(), "/metrics");
        if (!r || r->status != 200) throw std::runtime_error("replica " + std::to_string(i) + " has no /metrics");
        total = 0;
        for (auto it = std::sregex_iterator(r->body.begin(), r->body.end(), line); it != std::sregex_iterator(); ++it) {
            total += std::stol((*it)[1].str());
        }
        if (total >= at_least) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return total;
}

}  // namespace bank::proxy::test
