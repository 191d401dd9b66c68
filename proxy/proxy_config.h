// Everything the operator decides about a running proxy: where the files are, where it listens,
// and its limits. Filled from the command line (see parse_command_line); tests fill it directly.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstddef>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "proxy/login_throttle.h"
#include "proxy/sessions.h"
#include "shared/ai/gemini_format.h"
#include "shared/ranking/holder_profile.h"
#include "shared/ranking/ranking_weights.h"

namespace bank::proxy {

// One AI upstream: where it is (operator configuration; tests point it at loopback) and its key.
// The key comes only from the environment (read_keys_from_environment); empty = offline provider.
struct UpstreamConfig {
    std::string base_url;
    std::string key;
    std::chrono::milliseconds connect_timeout{3000};
    std::chrono::milliseconds deadline{15000};   // all attempts of one request together
    int max_attempts = 3;
    std::chrono::milliseconds first_backoff{250};
    std::chrono::milliseconds max_backoff{4000};
};

inline constexpr const char* kVertexSearchUrl = "https://discoveryengine.googleapis.com";
inline constexpr const char* kCustomSearchUrl = "https://www.googleapis.com";

inline UpstreamConfig upstream_at(std::string base_url) {
    UpstreamConfig c;
    c.base_url = std::move(base_url);
    return c;
}

// Where the extra apply/compare links come from. Custom Search stops answering on 2027-01-01
// (ai::kCustomSearchEnds); from that day the proxy refuses to start with it.
enum class SearchProvider { VertexAiSearch, CustomSearch };

struct AiConfig {
    UpstreamConfig gemini = upstream_at("https://generativelanguage.googleapis.com");
    std::string gemini_model = ai::kDefaultGeminiModel;  // pinned; --gemini-model to change
    UpstreamConfig summarizer = upstream_at("https://router.huggingface.co");
    std::string summarizer_model = "facebook/bart-large-cnn";  // any hf-inference summarization model
    SearchProvider search_provider = SearchProvider::VertexAiSearch;
    UpstreamConfig search = upstream_at(kVertexSearchUrl);  // Custom Search: https://www.googleapis.com
    bool search_url_given = false;               // --search-url named (else the provider's own)
    // Vertex AI Search: the serving config of a public-website app, "projects/P/locations/global/
    // collections/default_collection/engines/E/servingConfigs/default_search" (--search-serving-config
    // or VERTEX_SEARCH_SERVING_CONFIG).
    std::string search_serving_config;
    std::string search_cx;                       // Custom Search engine id (GOOGLE_CSE_CX)
    int breaker_failures = 5;
    std::chrono::milliseconds breaker_open_for{30000};
    // An upstream that answers 402 (account out of credit) is not called for this long.
    std::chrono::milliseconds payment_required_pause{std::chrono::hours(6)};
    std::size_t cache_entries = 2000;
    std::chrono::seconds cache_max_age{3600};
    std::size_t max_answer_bytes = 1 << 20;
};

struct ProxyConfig {
    std::string host = "127.0.0.1";
    int port = 8080;                // 0 = any free port (tests)
    std::string data_dir;           // customerdata.csv, catalog.csv, ..., images/
    std::string web_dir;            // served at /
    std::string app_dir;            // the wasm build output, served at /app/
    std::string vendor_dir;         // onnxruntime-web/dist, served at /vendor/onnxruntime-web/
    std::string models_dir;         // served at /models/
    std::string store_path;         // SQLite file, or postgresql:// URL shared by replicas (activity_store.h)
    std::chrono::seconds store_timeout = kDefaultStoreTimeout;  // longest wait for PostgreSQL's answer
    std::string ranking_config;     // config/ranking.json: the hybrid ranker's fitted weights
    RankingWeights ranking_weights; // read from ranking_config by `serve`; tests set it directly
    // config/propensity-model.json: the learned model (XGBoost JSON, written by bank-train), or
    // "none" to serve the hybrid only. Checked against the catalog and k at start.
    std::string propensity_path;
    bool propensity_path_given = false;  // named on the command line (else the bundled default)
    std::string propensity_model;   // the file's text once checked; "" = none
    // k: the fewest distinct customers any statistic in GET /api/ranking-model may rest on
    // (docs/API.md, "What a published model can reveal"); at least 1.
    int min_group_size = kDefaultMinGroupSize;
    std::string tls_cert;           // PEM; with tls_key, the proxy serves HTTPS only
    std::string tls_key;
    int threads = 128;              // request worker threads; a request holds one while it is handled
    std::size_t body_limit = 64 * 1024;
    int keep_alive_seconds = 5;     // idle keep-alive connections close after this; 0 = no keep-alive
    int header_timeout_seconds = 10;   // a request's head and body must arrive within this (else 408)
    int connections_per_address = 64;  // open connections one client address may hold; 0 = no cap
    // Peers (the edge) whose X-Real-IP header names the client; anyone else's is ignored.
    std::vector<std::string> trusted_proxies;
    int parallel_password_checks = 2;  // each argon2id check holds ~64 MiB
    int waiting_password_checks = 16;  // more sign-ins than this waiting: 503 sign_in_busy
    bool access_log = true;
    SessionPolicy sessions;
    LoginPolicy login;
    AiConfig ai;
    double ai_requests_per_minute = 30;      // per user (all replicas), on /api/generate, summarize, search
    double api_requests_per_minute = 1200;   // per client address, on every /api/ route; 0 = off
    bool metrics_from_anywhere = false;      // else /metrics answers loopback clients only

    bool tls() const { return !tls_cert.empty() && !tls_key.empty(); }
};

// The defaults: paths relative to the working directory, which `make run` and the tests set to the
// repository's root. No source path is built into the binary, so it runs from any checkout or
// install; a deployment passes every path as an option.
ProxyConfig default_config();

// GEMINI_API_KEY, HF_TOKEN, and for search VERTEX_SEARCH_API_KEY (with VERTEX_SEARCH_SERVING_CONFIG
// unless --search-serving-config names it) or, with --search-provider custom-search, GOOGLE_CSE_KEY
// and GOOGLE_CSE_CX: the only way keys get in.
void read_keys_from_environment(AiConfig& ai);

struct ServeCommand { ProxyConfig config; };
struct HashPasswordCommand {};
struct ExportAuditCommand { std::string store_path; };
struct ExportDemoCommand {
    ProxyConfig config;            // data_dir, ranking_config and min_group_size are read
    std::string out_path;          // the bundle file, e.g. build/demo-site/demo/bundle.json
    std::int64_t customer_id = 101;
    std::string banker_id = "B01";
};
struct HelpCommand {};
using Command = std::variant<ServeCommand, HashPasswordCommand, ExportAuditCommand, ExportDemoCommand, HelpCommand>;

// `bank-proxy [serve options]`, `bank-proxy hash-password` or `bank-proxy export-audit [--store
// FILE]`; on a mistake, an error message.
std::variant<Command, std::string> parse_command_line(const std::vector<std::string>& args);
const char* usage();

}  // namespace bank::proxy
