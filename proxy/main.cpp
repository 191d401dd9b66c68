// bank-proxy: serve the app and its API, or hash a password for data/users.csv.
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "shared/ranking/propensity/propensity_model.h"

#include "proxy/activity_store.h"
#include "proxy/ai_providers.h"
#include "proxy/bank_records.h"
#include "proxy/demo_bundle.h"
#include "proxy/password.h"
#include "proxy/proxy_config.h"
#include "proxy/proxy_server.h"
#include "proxy/store_location.h"

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

// The export reads the whole trail in one statement, which may take longer than a request's call.
constexpr std::chrono::minutes kExportTimeout{30};

int export_audit(const std::string& store_path) {
    auto store = ActivityStore::open(store_path, kExportTimeout);
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

// The learned model is checked before anything listens, as the browser will read it: against the
// catalog, and against k (a model whose statistics rest on fewer customers than this proxy's
// --min-group-size must not be published by it). A model named with --propensity-model must be
// usable; the bundled default fits only the bundled data, so with other data it is left out and
// the operator is told why.
bool refuse_propensity_model(const ProxyConfig& config, const std::string& problem) {
    if (config.propensity_path_given) {
        std::fprintf(stderr, "bank-proxy: %s\n", problem.c_str());
        return false;
    }
    std::fprintf(stderr,
                 "bank-proxy: warning: %s; the app ranks with the hand-weighted hybrid. Train a model for this "
                 "data with bank-train and pass it with --propensity-model\n",
                 problem.c_str());
    return true;
}

bool read_propensity_model(ProxyConfig& config, const BankRecords& records) {
    if (config.propensity_path == "none") return true;
    std::ifstream in(config.propensity_path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    if (!in) {
        return refuse_propensity_model(config, "cannot read the propensity model " + config.propensity_path + ": " +
                                                   std::strerror(errno) +
                                                   " (--propensity-model none ranks with the hybrid only)");
    }
    auto model = bank::parse_propensity_model(text.str(), config.propensity_path, records.dataset().catalog);
    if (!model) return refuse_propensity_model(config, model.error().message);
    if (model.value().priors.min_group_size < static_cast<std::size_t>(config.min_group_size)) {
        const std::string k = std::to_string(config.min_group_size);
        return refuse_propensity_model(config, config.propensity_path + " was trained with groups of " +
                                                   std::to_string(model.value().priors.min_group_size) +
                                                   " customers, fewer than --min-group-size " + k +
                                                   ": train it again with bank-train --min-group-size " + k);
    }
    config.propensity_model = text.str();
    return true;
}

// A k above the number of customers is allowed (the model then says nothing, the ranking rests on
// the text alone) but is almost certainly a mistake, so the operator is told at start.
void warn_if_model_says_nothing(const BankRecords& records, int min_group_size) {
    const std::size_t customers = records.dataset().customers.size();
    if (static_cast<std::size_t>(min_group_size) <= customers) return;
    std::fprintf(stderr,
                 "bank-proxy: warning: --min-group-size %d is more than the %zu customers: the ranking model "
                 "will carry no behavioural signal\n",
                 min_group_size, customers);
}

int export_demo(ExportDemoCommand command) {
    if (!read_ranking_weights(command.config)) return 1;
    auto records = BankRecords::load(command.config.data_dir);
    if (!records) {
        std::fprintf(stderr, "bank-proxy export-demo: cannot load the bank's data: %s\n",
                     records.error().message().c_str());
        return 1;
    }
    warn_if_model_says_nothing(records.value(), command.config.min_group_size);
    if (!read_propensity_model(command.config, records.value())) return 1;
    auto bundle = demo_bundle(records.value(), command.config.ranking_weights, command.customer_id, command.banker_id,
                              command.config.min_group_size, command.config.propensity_model);
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

// AI providers that have ended stop the proxy before anything listens, with what to use instead;
// ones about to end, or configured by halves, are named in a warning.
bool check_ai_providers(const AiConfig& ai, bank::ai::CalendarDate today) {
    if (const auto refusal = ai_config_refusal(ai, today)) {
        std::fprintf(stderr, "bank-proxy: %s\n", refusal->c_str());
        return false;
    }
    for (const std::string& warning : ai_config_warnings(ai, today))
        std::fprintf(stderr, "bank-proxy: warning: %s\n", warning.c_str());
    return true;
}

int serve(ProxyConfig config) {
    read_keys_from_environment(config.ai);
    if (!check_ai_providers(config.ai, today_utc())) return 1;
    if (!read_ranking_weights(config)) return 1;
    auto records = BankRecords::load(config.data_dir);
    if (!records) {
        std::fprintf(stderr, "bank-proxy: cannot load the bank's data: %s\n",
                     records.error().message().c_str());
        return 1;
    }
    warn_if_model_says_nothing(records.value(), config.min_group_size);
    if (!read_propensity_model(config, records.value())) return 1;
    auto store = ActivityStore::open(config.store_path, config.store_timeout);
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
    std::fprintf(stderr, "bank-proxy: store %s\n", redacted_location(config.store_path).c_str());
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
