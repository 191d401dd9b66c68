#include "proxy_fixture.h"

#include <fcntl.h>
#include <signal.h>
#include <sodium.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

#include "proxy/bank_records.h"
#include "proxy/password.h"

namespace fs = std::filesystem;

namespace bank::proxy::test {

const std::vector<TestUser>& test_users() {
    static const std::vector<TestUser> users = {
        {"customer101", "customer", "101"}, {"customer102", "customer", "102"},
        {"customer103", "customer", "103"}, {"customer104", "customer", "104"},
        {"customer105", "customer", "105"},
        {"banker01", "banker", "B01"},      {"banker02", "banker", "B02"},
        {"banker03", "banker", "B03"},
    };
    return users;
}

std::string password_of(const std::string& username) { return "pw-" + username; }

TempDir::TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "bank-proxy-test-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
    path_ = tmpl;
}

TempDir::~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
}

void write_file(const std::string& path, const std::string& content) {
    fs::create_directories(fs::path(path).parent_path());
    std::ofstream out(path, std::ios::binary);
    out << content;
    if (!out) throw std::runtime_error("cannot write " + path);
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Cheapest argon2id cost: the tests check the sign-in logic, not the hash's strength.
static std::string cheap_hash(const std::string& password) {
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_MIN,
                          crypto_pwhash_MEMLIMIT_MIN) != 0)
        throw std::runtime_error("crypto_pwhash_str failed");
    return out;
}

void write_test_data(const std::string& dir) {
    for (const char* name : {"catalog.csv", "customerdata.csv", "bankers.csv", "transactions.csv"}) {
        write_file(dir + "/" + name, read_file(std::string(PROXY_TEST_DATA_DIR) + "/" + name));
    }
    std::string users = "Username,Role,Subject ID,Password Hash\n";
    for (const TestUser& u : test_users()) {
        users += u.username + "," + u.role + "," + u.subject_id + ",\"" +
                 cheap_hash(password_of(u.username)) + "\"\n";
    }
    write_file(dir + "/users.csv", users);
    for (const char* id : {"ACC-CURRENT", "CARD-CASHBACK", "SAV-EASY", "INV-GROWTH"}) {
        write_file(dir + "/images/" + id + ".png", std::string("\x89PNG\r\n\x1a\n", 8) + id);
    }
}

TestProxy::TestProxy(const std::function<void(ProxyConfig&)>& adjust) {
    if (!init_crypto()) throw std::runtime_error("libsodium init failed");
    const std::string root = dir_.path();
    write_test_data(root + "/data");
    write_file(root + "/web/index.html", "<!doctype html><title>Bank</title>");
    write_file(root + "/app/bank_app.wasm", std::string("\0asm\1\0\0\0", 8));
    write_file(root + "/app/bank_app.js", "export {};");
    write_file(root + "/vendor/ort.wasm.min.mjs", "export {};");
    write_file(root + "/vendor/ort-wasm-simd-threaded.wasm", std::string("\0asm\1\0\0\0", 8));
    write_file(root + "/models/manifest.json", "{\"models\":[]}");

    config_ = default_config();
    config_.host = "127.0.0.1";
    config_.port = 0;
    config_.data_dir = root + "/data";
    config_.web_dir = root + "/web";
    config_.app_dir = root + "/app";
    config_.vendor_dir = root + "/vendor";
    config_.models_dir = root + "/models";
    config_.store_path = root + "/store.sqlite";
    config_.threads = 8;
    if (adjust) adjust(config_);

    auto records = BankRecords::load(config_.data_dir);
    if (!records) throw std::runtime_error("test data does not load: " + records.error().message());
    auto store = ActivityStore::open(config_.store_path);
    if (auto* problem = std::get_if<std::string>(&store)) throw std::runtime_error(*problem);
    ProxyEnvironment environment;
    environment.clock = clock_.clock();
    environment.log = [this](const std::string& line) {
        std::lock_guard<std::mutex> lock(log_mutex_);
        log_.push_back(line);
        log_grew_.notify_all();
    };
    environment.sleep = [this](std::chrono::milliseconds d) {
        std::lock_guard<std::mutex> lock(log_mutex_);
        sleeps_.push_back(d);
    };
    server_ = std::make_unique<ProxyServer>(config_, std::move(records).value(),
                                            std::move(std::get<std::unique_ptr<ActivityStore>>(store)),
                                            std::move(environment));
    port_ = server_->bind();
    if (port_ < 0) throw std::runtime_error("cannot bind a loopback port");
    thread_ = std::thread([this] { server_->listen(); });
    server_->wait_until_ready();
}

TestProxy::~TestProxy() {
    server_->stop();
    if (thread_.joinable()) thread_.join();
}

std::vector<std::chrono::milliseconds> TestProxy::sleeps() {
    std::lock_guard<std::mutex> lock(log_mutex_);
    return sleeps_;
}

httplib::Client TestProxy::client() const { return client_at(port_); }

std::vector<std::string> TestProxy::log_lines(std::size_t at_least) {
    std::unique_lock<std::mutex> lock(log_mutex_);
    log_grew_.wait_for(lock, std::chrono::seconds(10), [&] { return log_.size() >= at_least; });
    return log_;
}

httplib::Result TestProxy::get(const std::string& path, const std::string& cookie) {
    return get_at(port_, path, cookie);
}

httplib::Result TestProxy::post(const std::string& path, const nlohmann::json& body,
                                const std::string& cookie) {
    return post_at(port_, path, body, cookie);
}

std::string TestProxy::sign_in(const std::string& username) { return sign_in_at(port_, username); }

httplib::Client client_at(int port) {
    httplib::Client c("127.0.0.1", port);
    c.set_connection_timeout(5, 0);
    c.set_read_timeout(10, 0);
    return c;
}

httplib::Result get_at(int port, const std::string& path, const std::string& cookie) {
    httplib::Headers headers;
    if (!cookie.empty()) headers.emplace("Cookie", cookie);
    return client_at(port).Get(path, headers);
}

httplib::Result post_at(int port, const std::string& path, const nlohmann::json& body, const std::string& cookie) {
    httplib::Headers headers;
    if (!cookie.empty()) headers.emplace("Cookie", cookie);
    return client_at(port).Post(path, headers, body.dump(), "application/json");
}

std::string sign_in_at(int port, const std::string& username) {
    auto r = post_at(port, "/api/login", {{"username", username}, {"password", password_of(username)}});
    if (!r || r->status != 200) throw std::runtime_error("sign-in failed for " + username);
    const std::string set_cookie = r->get_header_value("Set-Cookie");
    return set_cookie.substr(0, set_cookie.find(';'));
}

ProxyProcess::ProxyProcess(const std::string& root, const std::vector<std::string>& options,
                           const std::vector<std::string>& environment) {
    static int started = 0;
    log_path_ = root + "/bank-proxy-" + std::to_string(++started) + ".log";
    std::vector<std::string> args = {BANK_PROXY_BIN, "--data", root + "/data", "--web", root + "/web",
                                     "--port", "0", "--no-access-log"};
    args.insert(args.end(), options.begin(), options.end());
    // Everything the child needs is made before fork(): other threads may hold locks (malloc's
    // among them) that the child would wait on forever.
    std::vector<char*> argv;
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    std::vector<char*> envp;  // the added variables first: getenv() takes the first of a name
    for (const std::string& variable : environment) envp.push_back(const_cast<char*>(variable.c_str()));
    for (char** e = environ; *e; ++e) envp.push_back(*e);
    envp.push_back(nullptr);
    pid_ = fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
        // The log goes to a file: a pipe nobody reads any more would stop the proxy at its next line.
        const int log = ::open(log_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        dup2(log, STDERR_FILENO);
        execve(argv[0], argv.data(), envp.data());
        _exit(127);
    }
    static const std::regex serving(R"(serving on http://127\.0\.0\.1:(\d+)/)");
    std::smatch m;
    for (int waited = 0; waited < 2000; ++waited) {  // up to 20 s
        const std::string log = read_file(log_path_);
        if (std::regex_search(log, m, serving)) {
            port_ = std::stoi(m[1].str());
            return;
        }
        int status = 0;
        if (waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            throw std::runtime_error("bank-proxy stopped before serving: " + log);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    kill_now();
    throw std::runtime_error("bank-proxy did not start serving: " + read_file(log_path_));
}

ProxyProcess::~ProxyProcess() { kill_now(); }

bool ProxyProcess::kill_now() {
    if (pid_ <= 0) return false;
    ::kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
}

nlohmann::json json_of(const httplib::Result& r) {
    if (!r) return nlohmann::json();
    return nlohmann::json::parse(r->body, nullptr, false);
}

std::string error_code(const httplib::Result& r) {
    const auto j = json_of(r);
    if (!j.is_object() || !j.contains("error")) return std::string();
    return j["error"].value("code", std::string());
}

}  // namespace bank::proxy::test
