#include "proxy/proxy_config.h"

#include <cerrno>
#include <cstdlib>
#include <functional>
#include <map>

namespace bank::proxy {

ProxyConfig default_config() {
    ProxyConfig c;
    c.data_dir = "data";
    c.web_dir = "web";
    c.app_dir = "build/wasm/app";
    c.vendor_dir = "node_modules/onnxruntime-web/dist";
    c.models_dir = "models";
    c.store_path = "build/proxy-store.sqlite";
    c.ranking_config = "config/ranking.json";
    c.propensity_path = "config/propensity-model.json";
    return c;
}

void read_keys_from_environment(AiConfig& ai) {
    const auto env = [](const char* name) {
        const char* v = std::getenv(name);
        return v ? std::string(v) : std::string();
    };
    ai.gemini.key = env("GEMINI_API_KEY");
    ai.summarizer.key = env("HF_TOKEN");
    if (ai.search_provider == SearchProvider::CustomSearch) {
        ai.search.key = env("GOOGLE_CSE_KEY");
        ai.search_cx = env("GOOGLE_CSE_CX");
        return;
    }
    ai.search.key = env("VERTEX_SEARCH_API_KEY");
    if (ai.search_serving_config.empty()) ai.search_serving_config = env("VERTEX_SEARCH_SERVING_CONFIG");
}

const char* usage() {
    return "usage: bank-proxy [options]          serve the app and the API\n"
           "       bank-proxy hash-password      read a password on stdin, print its argon2id hash\n"
           "       bank-proxy export-audit [--store FILE|URL]   print the audit trail as CSV\n"
           "       bank-proxy export-demo --out FILE [--data DIR] [--ranking-config FILE]\n"
           "                  [--min-group-size N] [--customer ID] [--banker ID]\n"
           "                  write the static demo's data bundle\n"
           "\n"
           "options (defaults are inside the source checkout):\n"
           "  --data DIR        customerdata.csv, catalog.csv, bankers.csv, transactions.csv,\n"
           "                    users.csv and images/   (default data/)\n"
           "  --web DIR         page shell served at /  (default web/)\n"
           "  --app DIR         wasm build output served at /app/  (default build/wasm/app)\n"
           "  --vendor DIR      onnxruntime-web dist served at /vendor/onnxruntime-web/\n"
           "                    (default node_modules/onnxruntime-web/dist)\n"
           "  --models DIR      model files served at /models/  (default models/)\n"
           "  --store FILE|URL  where feedback, audit, sessions, sign-in locks and AI quotas are kept:\n"
           "                    an SQLite file (default build/proxy-store.sqlite), or postgresql://user@host/db\n"
           "                    shared by every replica (password in PGPASSWORD or ~/.pgpass); the schema\n"
           "                    is created and migrated at start\n"
           "  --store-timeout S   seconds one call may wait for PostgreSQL's answer, and one\n"
           "                    connection attempt may take; a server that does not answer in time\n"
           "                    gets 503 like one that is down  (default 5)\n"
           "  --ranking-config FILE   the ranker's weights  (default config/ranking.json)\n"
           "  --min-group-size N   fewest distinct customers behind any number in the ranking model\n"
           "                    every signed-in user receives; smaller groups are left out  (default 20)\n"
           "  --host ADDR       listen address  (default 127.0.0.1)\n"
           "  --port N          listen port  (default 8080)\n"
           "  --tls-cert FILE --tls-key FILE   serve HTTPS (cookies become Secure, HSTS is sent)\n"
           "  --threads N       request worker threads; a request holds one while it is handled,\n"
           "                    a connection waiting for its request holds none  (default 128)\n"
           "  --body-limit N    largest accepted request body in bytes  (default 65536)\n"
           "  --keep-alive S    seconds an idle keep-alive connection stays open  (default 5;\n"
           "                    0 = one request per connection)\n"
           "  --header-timeout S   seconds a request's head and body may take to arrive; slower\n"
           "                    requests get 408  (default 10)\n"
           "  --connections-per-address N   open connections one client address may hold\n"
           "                    (default 64; 0 = no cap)\n"
           "  --trusted-proxy ADDR   a front server (the edge) whose X-Real-IP header names the\n"
           "                    client; repeat for several  (default: none, the peer is the client)\n"
           "  --no-access-log   do not write the access log to stderr\n"
           "  --gemini-url URL --gemini-model NAME        (default https://generativelanguage.googleapis.com,\n"
           "                    gemini-3.8-flash; a pinned id, not a -latest alias)\n"
           "  --summarizer-url URL --summarizer-model ID  (default https://router.huggingface.co,\n"
           "                    facebook/bart-large-cnn)\n"
           "  --search-provider vertex|custom-search   where extra apply links come from (default vertex:\n"
           "                    Vertex AI Search; Custom Search stops answering on 2027-01-01)\n"
           "  --search-serving-config NAME   Vertex AI Search serving config, projects/P/locations/global/\n"
           "                    collections/default_collection/engines/E/servingConfigs/default_search\n"
           "                    (or VERTEX_SEARCH_SERVING_CONFIG)\n"
           "  --search-url URL  search base  (default https://discoveryengine.googleapis.com, or\n"
           "                    https://www.googleapis.com for custom-search)\n"
           "  --payment-required-pause S   seconds an AI upstream that answers 402 (out of credit) is\n"
           "                    left alone  (default 21600)\n"
           "  --upstream-deadline-ms N   time for all attempts of one AI call  (default 15000)\n"
           "  --ai-rate N       AI requests a minute per user, across replicas  (default 30; 0 = no limit)\n"
           "  --cache-entries N successful AI answers kept  (default 2000; 0 = no cache)\n"
           "  --api-rate N      API requests a minute per client address  (default 1200; 0 = no limit)\n"
           "  --metrics-from-anywhere    serve /metrics to any client, not only loopback\n"
           "\n"
           "keys come only from the environment: GEMINI_API_KEY, HF_TOKEN, VERTEX_SEARCH_API_KEY\n"
           "(or GOOGLE_CSE_KEY + GOOGLE_CSE_CX with --search-provider custom-search);\n"
           "without a key the offline provider answers.\n";
}

namespace {

bool parse_int(const std::string& text, long lo, long hi, long& out) {
    if (text.empty()) return false;
    errno = 0;
    char* end = nullptr;
    const long v = std::strtol(text.c_str(), &end, 10);
    if (errno != 0 || *end != '\0' || v < lo || v > hi) return false;
    out = v;
    return true;
}

// --min-group-size: the privacy threshold, so a typo must stop the proxy with the reason rather
// than quietly publish statistics about fewer customers than the operator meant.
constexpr long kMaxMinGroupSize = 100000000;

std::string parse_min_group_size(const std::string& text, int& out) {
    long n = 0;
    if (!parse_int(text, 1, kMaxMinGroupSize, n)) {
        return "'" + text + "' is not a whole number of customers from 1 to " + std::to_string(kMaxMinGroupSize) +
               " (the fewest customers any number in the ranking model may rest on)";
    }
    out = static_cast<int>(n);
    return {};
}

}  // namespace

std::variant<Command, std::string> parse_command_line(const std::vector<std::string>& args) {
    if (!args.empty() && args[0] == "hash-password") {
        if (args.size() > 1) return std::string("hash-password takes no arguments; it reads stdin");
        return Command{HashPasswordCommand{}};
    }
    if (!args.empty() && args[0] == "export-audit") {
        ExportAuditCommand e{default_config().store_path};
        if (args.size() == 3 && args[1] == "--store") e.store_path = args[2];
        else if (args.size() != 1) return std::string("usage: bank-proxy export-audit [--store FILE|URL]");
        return Command{e};
    }
    if (!args.empty() && args[0] == "export-demo") {
        ExportDemoCommand e;
        e.config = default_config();
        for (std::size_t i = 1; i < args.size(); i += 2) {
            if (i + 1 >= args.size()) return "export-demo: " + args[i] + " needs a value";
            const std::string& v = args[i + 1];
            if (args[i] == "--out") e.out_path = v;
            else if (args[i] == "--data") e.config.data_dir = v;
            else if (args[i] == "--ranking-config") e.config.ranking_config = v;
            else if (args[i] == "--propensity-model") {
                e.config.propensity_path = v;
                e.config.propensity_path_given = true;
            }
            else if (args[i] == "--banker") e.banker_id = v;
            else if (args[i] == "--min-group-size") {
                if (std::string problem = parse_min_group_size(v, e.config.min_group_size); !problem.empty())
                    return "export-demo: --min-group-size " + problem;
            }
            else if (args[i] == "--customer") {
                long id = 0;
                if (!parse_int(v, 1, 999999999, id)) return "export-demo: --customer '" + v + "' is not a customer id";
                e.customer_id = id;
            } else return "export-demo: unknown option " + args[i];
        }
        if (e.out_path.empty()) return std::string("export-demo: --out FILE is required");
        return Command{e};
    }
    ProxyConfig c = default_config();
    using Setter = std::function<std::string(const std::string&)>;
    auto path = [](std::string& field) -> Setter {
        return [&field](const std::string& v) { field = v; return std::string(); };
    };
    auto number = [](auto& field, long lo, long hi) -> Setter {
        return [&field, lo, hi](const std::string& v) {
            long n = 0;
            if (!parse_int(v, lo, hi, n))
                return "'" + v + "' is not a whole number from " + std::to_string(lo) + " to " +
                       std::to_string(hi);
            field = static_cast<std::remove_reference_t<decltype(field)>>(n);
            return std::string();
        };
    };
    const std::map<std::string, Setter> with_value = {
        {"--data", path(c.data_dir)},       {"--web", path(c.web_dir)},
        {"--app", path(c.app_dir)},         {"--vendor", path(c.vendor_dir)},
        {"--models", path(c.models_dir)},   {"--store", path(c.store_path)},
        {"--ranking-config", path(c.ranking_config)},
        {"--propensity-model", [&c](const std::string& v) {
             c.propensity_path = v;
             c.propensity_path_given = true;
             return std::string();
         }},
        {"--host", path(c.host)},           {"--tls-cert", path(c.tls_cert)},
        {"--tls-key", path(c.tls_key)},     {"--port", number(c.port, 0, 65535)},
        {"--threads", number(c.threads, 1, 1024)},
        {"--body-limit", number(c.body_limit, 1024, 16L * 1024 * 1024)},
        {"--gemini-url", path(c.ai.gemini.base_url)},
        {"--gemini-model", path(c.ai.gemini_model)},
        {"--summarizer-url", path(c.ai.summarizer.base_url)},
        {"--summarizer-model", path(c.ai.summarizer_model)},
        {"--search-url", [&c](const std::string& v) {
             c.ai.search.base_url = v;
             c.ai.search_url_given = true;
             return std::string();
         }},
        {"--search-provider", [&c](const std::string& v) {
             if (v == "vertex") c.ai.search_provider = SearchProvider::VertexAiSearch;
             else if (v == "custom-search") c.ai.search_provider = SearchProvider::CustomSearch;
             else return "'" + v + "' is not a search provider (expected vertex or custom-search)";
             return std::string();
         }},
        {"--search-serving-config", path(c.ai.search_serving_config)},
        {"--payment-required-pause", [&c](const std::string& v) {
             long n = 0;
             if (!parse_int(v, 60, 31L * 24 * 3600, n)) return "'" + v + "' is not a whole number of seconds from 60 to 2678400";
             c.ai.payment_required_pause = std::chrono::seconds(n);
             return std::string();
         }},
        {"--ai-rate", number(c.ai_requests_per_minute, 0, 1000000)},
        {"--cache-entries", number(c.ai.cache_entries, 0, 10000000)},
        {"--keep-alive", number(c.keep_alive_seconds, 0, 300)},
        {"--header-timeout", number(c.header_timeout_seconds, 1, 300)},
        {"--connections-per-address", number(c.connections_per_address, 0, 1000000)},
        {"--trusted-proxy", [&c](const std::string& v) {
             if (v.empty()) return std::string("give the edge's address, e.g. 127.0.0.1");
             c.trusted_proxies.push_back(v);
             return std::string();
         }},
        {"--api-rate", number(c.api_requests_per_minute, 0, 100000000)},
        {"--store-timeout", [&c](const std::string& v) {
             long n = 0;
             if (!parse_int(v, 1, 300, n)) return "'" + v + "' is not a whole number of seconds from 1 to 300";
             c.store_timeout = std::chrono::seconds(n);
             return std::string();
         }},
        {"--min-group-size", [&c](const std::string& v) { return parse_min_group_size(v, c.min_group_size); }},
        {"--upstream-deadline-ms", [&c](const std::string& v) {
             long n = 0;
             if (!parse_int(v, 100, 600000, n)) return "'" + v + "' is not a whole number from 100 to 600000";
             c.ai.gemini.deadline = c.ai.summarizer.deadline = c.ai.search.deadline = std::chrono::milliseconds(n);
             return std::string();
         }},
    };
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--help" || a == "-h") return Command{HelpCommand{}};
        if (a == "--no-access-log") {
            c.access_log = false;
            continue;
        }
        if (a == "--metrics-from-anywhere") {
            c.metrics_from_anywhere = true;
            continue;
        }
        auto it = with_value.find(a);
        if (it == with_value.end()) return "unknown option '" + a + "'";
        if (i + 1 >= args.size()) return "option " + a + " needs a value";
        const std::string problem = it->second(args[++i]);
        if (!problem.empty()) return "option " + a + ": " + problem;
    }
    if (c.tls_cert.empty() != c.tls_key.empty()) return std::string("--tls-cert and --tls-key go together");
    if (c.ai.search_provider == SearchProvider::CustomSearch && !c.ai.search_url_given)
        c.ai.search.base_url = kCustomSearchUrl;
    return Command{ServeCommand{c}};
}

}  // namespace bank::proxy
