// bank-proxy: serve the app and its API, or hash a password for data/users.csv.
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "proxy/activity_store.h"
#include "proxy/bank_records.h"
#include "proxy/demo_bundle.h"
#include "proxy/password.h"
#include "proxy/proxy_config.h"
#include "proxy/proxy_server.h"

using namespace bank::proxy;
using bank::parse_ranking_weights;

namespace {

ProxyServer* running_server = nullptr;

void stop_on_signal(int) {
    if (running_server) running_server->stop();
}

int hash_password_from_stdin() {
    std::string password;
    if (!std::getline(std::cin, password) || password.empty()) {
        std::fprintf(stderr, "bank-proxy hash-password: give the password as one line on stdin\n");
        return 2;
    }
    if (!password.empty() && password.back() == '\r') password.pop_back();
    const auto hash = hash_password(password);
    if (!hash) {
        std::fprintf(stderr, "bank-proxy hash-password: hashing failed (out of memory?)\n");
        return 1;
    }
    std::printf("%s\n", hash->c_str());
    return 0;
}

int export_audit(const std::string& store_path) {
    auto store = ActivityStore::open(store_path);
    if (auto* problem = std::get_if<std::string>(&store)) {
        std::fprintf(stderr, "bank-proxy export-audit: %s\n", problem->c_str());
        return 1;
    }
    return std::get<std::unique_ptr<ActivityStore>>(store)->export_audit_csv(std::cout) ? 0 : 1;
}

// The weights are checked before anything listens: a typo in the file must stop the proxy, not
// quietly rank with defaults.
bool read_ranking_weights(ProxyConfig& config) {
    std::ifstream in(config.ranking_config, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    if (!in) {
        std::fprintf(stderr, "bank-proxy: cannot read the ranking weights %s: %s\n",
                     config.ranking_config.c_str(), std::strerror(errno));
        return false;
    }
    auto weights = parse_ranking_weights(text.str());
    if (!weights) {
        std::fprintf(stderr, "bank-proxy: %s: %s\n", config.ranking_config.c_str(),
                     weights.error().message.c_str());
        return false;
    }
    config.ranking_weights = weights.value();
    return true;
}

int export_demo(ExportDemoCommand command) {
    if (!read_ranking_weights(command.config)) return 1;
    auto records = BankRecords::load(command.config.data_dir);
    if (!records) {
        std::fprintf(stderr, "bank-proxy export-demo: cannot load the bank's data: %s\n",
                     records.error().message().c_str());
        return 1;
    }
    auto bundle = demo_bundle(records.value(), command.config.ranking_weights, command.customer_id, command.banker_id);
    if (auto* problem = std::get_if<std::string>(&bundle)) {
        std::fprintf(stderr, "bank-proxy export-demo: %s\n", problem->c_str());
        return 1;
    }
    const std::string problem = write_demo_bundle(std::get<nlohmann::json>(bundle), command.out_path);
    if (!problem.empty()) {
        std::fprintf(stderr, "bank-proxy export-demo: %s\n", problem.c_str());
        return 1;
    }
    return 0;
}

int serve(ProxyConfig config) {
    read_keys_from_environment(config.ai);
    if (!read_ranking_weights(config)) return 1;
    auto records = BankRecords::load(config.data_dir);
    if (!records) {
        std::fprintf(stderr, "bank-proxy: cannot load the bank's data: %s\n",
                     records.error().message().c_str());
        return 1;
    }
    auto store = ActivityStore::open(config.store_path);
    if (auto* problem = std::get_if<std::string>(&store)) {
        std::fprintf(stderr, "bank-proxy: %s\n", problem->c_str());
        return 1;
    }
    ProxyServer server(config, std::move(records).value(),
                       std::move(std::get<std::unique_ptr<ActivityStore>>(store)));
    const int port = server.bind();
    if (port < 0) {
        std::fprintf(stderr, "bank-proxy: cannot listen on %s:%d (in use, or not allowed?)\n",
                     config.host.c_str(), config.port);
        return 1;
    }
    running_server = &server;
    std::signal(SIGINT, stop_on_signal);
    std::signal(SIGTERM, stop_on_signal);
    std::fprintf(stderr, "bank-proxy: serving on %s://%s:%d/\n", config.tls() ? "https" : "http",
                 config.host.c_str(), port);
    const bool ok = server.listen();
    running_server = nullptr;
    return ok ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    if (!init_crypto()) {
        std::fprintf(stderr, "bank-proxy: libsodium failed to initialize\n");
        return 1;
    }
    const std::vector<std::string> args(argv + 1, argv + argc);
    auto parsed = parse_command_line(args);
    if (auto* problem = std::get_if<std::string>(&parsed)) {
        std::fprintf(stderr, "bank-proxy: %s\n\n%s", problem->c_str(), usage());
        return 2;
    }
    const Command& command = std::get<Command>(parsed);
    if (std::holds_alternative<HelpCommand>(command)) {
        std::printf("%s", usage());
        return 0;
    }
    if (std::holds_alternative<HashPasswordCommand>(command)) return hash_password_from_stdin();
    if (auto* e = std::get_if<ExportAuditCommand>(&command)) return export_audit(e->store_path);
    if (auto* e = std::get_if<ExportDemoCommand>(&command)) return export_demo(*e);
    return serve(std::get<ServeCommand>(command).config);
}
