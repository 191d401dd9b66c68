#include "wasm/platform/browser.h"

#include <emscripten.h>

#include <array>
#include <limits>
#include <map>
#include <utility>

namespace bank::inference {
namespace {

struct Bridge {
    std::array<ModelStatus, kModelCount> statuses;
    std::string general_problem;
    std::map<int, EmbeddingsCallback> pending;
    int next_request = 1;
    bool started = false;
};

Bridge& bridge() {
    static Bridge b;
    return b;
}

// Helpers the request functions share, installed on the module once: strings into the heap for the
// duration of a call, and the hand-back of a settled request to inference_embeddings_done.
EM_JS(void, js_install_helpers, (), {
    if (Module.bankInferenceBridge) return;
    const withStrings = (strings, use) => {
        const ptrs = strings.map((s) => {
            const n = lengthBytesUTF8(s) + 1;
            const p = _malloc(n);
            stringToUTF8(s, p, n);
            return p;
        });
        try {
            use(ptrs);
        } finally {
            ptrs.forEach((p) => _free(p));
        }
    };
    const missing = () => Object.assign(new Error("on-device matching is not on this page (web/inference/embedder.js)"), {fallback : true});
    const deliver = (id, promise) => {
        promise.then((r) => {
            const v = r.vectors;
            const p = _malloc(Math.max(v.length, 1) * 4);
            HEAPF32.set(v, p >> 2);
            const failed = (r.failed || []).map((f) => f.index).join(",");
            withStrings([ r.sha256 || "", r.source || "", "", failed ],
                        (s) => _inference_embeddings_done(id, p, r.rows, r.dims, s[0], s[1], s[2], 0, s[3]));
            _free(p);
        }, (e) => {
            const message = String((e && e.message) || e);
            withStrings([ "", "", message, "" ],
                        (s) => _inference_embeddings_done(id, 0, 0, 0, s[0], s[1], s[2], e && e.fallback ? 1 : 0, s[3]));
        });
    };
    Module.bankInferenceBridge = {
        ids : [ "minilm", "clip-text", "clip-vision" ],
        withStrings : withStrings,
        deliver : deliver,
        api : () => window.bankInference,
        missing : missing,
    };
});

// Subscribes to window.bankInference's status and starts it. The embedder is a module script,
// which runs before the page's load event, so waiting for that event is enough when the app
// starts first.
EM_JS(void, js_start, (const char* manifest_url, const char* runtime_url, int show_panel), {
    const bridge = Module.bankInferenceBridge;
    const options = {manifestUrl : UTF8ToString(manifest_url), ortBase : UTF8ToString(runtime_url), panel : !!show_panel};
    const codes = {loading : 1, ready : 2, fallback : 3};
    const push = (index, s) => {
        bridge.withStrings([ s.label || bridge.ids[index], s.phase || "", s.message || "", s.sha256 || "" ],
                           (p) => _inference_status_changed(index, codes[s.state] || 1, s.bytesDone || 0, s.bytesTotal || 0,
                                                            s.fromCache ? 1 : 0, s.dims || 0, p[0], p[1], p[2], p[3]));
    };
    const pushAll = () => {
        const st = bridge.api().status();
        const listed = Object.keys(st.models).length > 0;
        bridge.ids.forEach((id, i) => {
            if (st.problem) push(i, {state : "fallback", phase : "failed", message : st.problem});
            else if (st.models[id]) push(i, st.models[id]);
            else if (listed) push(i, {state : "fallback", phase : "failed", message : "the model list (models/manifest.json) does not name it"});
        });
        bridge.withStrings([st.problem || ""], (p) => _inference_general_problem(p[0]));
    };
    const begin = () => {
        if (!bridge.api()) {
            bridge.withStrings([bridge.missing().message], (p) => _inference_general_problem(p[0]));
            bridge.ids.forEach((id, i) => push(i, {state : "fallback", phase : "failed", message : bridge.missing().message}));
            return;
        }
        bridge.api().onStatus(pushAll);
        bridge.api().start(options).then(pushAll);
        pushAll();
    };
    if (bridge.api() || document.readyState === "complete") begin();
    else window.addEventListener("load", begin, {once : true});
});

EM_JS(void, js_request_tokens, (int id, int model, int catalog, int rows, int seq, const int* input_ids,
                                const int* attention_mask, const int* token_type_ids), {
    const bridge = Module.bankInferenceBridge;
    const n = rows * seq;
    const column = (p) => p ? HEAP32.slice(p >> 2, (p >> 2) + n) : undefined;
    const batch = {rows : rows, seq : seq, inputIds : column(input_ids), attentionMask : column(attention_mask),
                   tokenTypeIds : column(token_type_ids)};
    const api = bridge.api();
    const name = bridge.ids[model];
    bridge.deliver(id, !api ? Promise.reject(bridge.missing())
                            : catalog ? api.catalogEmbeddings(name, batch) : api.embedTokens(name, batch));
});

EM_JS(void, js_request_images, (int id, int catalog, const char* urls), {
    const bridge = Module.bankInferenceBridge;
    const list = UTF8ToString(urls).split("\n").filter((u) => u.length > 0);
    const api = bridge.api();
    bridge.deliver(id, !api ? Promise.reject(bridge.missing())
                            : catalog ? api.catalogEmbeddings("clip-vision", list) : api.embedImages("clip-vision", list));
});

int remember(EmbeddingsCallback on_done) {
    js_install_helpers();
    const int id = bridge().next_request++;
    bridge().pending.emplace(id, std::move(on_done));
    return id;
}

Embeddings failure(std::string message) {
    Embeddings e;
    e.error = std::move(message);
    return e;
}

// The worker takes int32 ids (every vocabulary here is far below 2^31); a batch whose arrays do not
// match rows x seq is the caller's bug and is answered at once.
std::string to_int32(const std::vector<std::int64_t>& from, std::size_t expected, const char* name,
                     std::vector<int>& to) {
    if (from.size() != expected) {
        return std::string("token batch: ") + name + " has " + std::to_string(from.size()) +
               " values, rows x seq is " + std::to_string(expected);
    }
    to.reserve(from.size());
    for (std::int64_t v : from) {
        if (v < 0 || v > std::numeric_limits<int>::max()) {
            return std::string("token batch: ") + name + " holds " + std::to_string(v) + ", not a token id";
        }
        to.push_back(static_cast<int>(v));
    }
    return "";
}

void request_tokens(Model model, const TokenBatch& batch, bool catalog, EmbeddingsCallback on_done) {
    if (model == Model::ClipVision) {
        on_done(failure("clip-vision embeds images, not tokens"));
        return;
    }
    const std::size_t n = batch.rows * batch.seq;
    std::vector<int> ids, mask, types;
    std::string problem = to_int32(batch.input_ids, n, "input_ids", ids);
    if (problem.empty() && !batch.attention_mask.empty()) problem = to_int32(batch.attention_mask, n, "attention_mask", mask);
    if (problem.empty() && !batch.token_type_ids.empty()) problem = to_int32(batch.token_type_ids, n, "token_type_ids", types);
    if (problem.empty() && batch.seq == 0) problem = "token batch: seq must be at least 1";
    if (!problem.empty()) {
        on_done(failure(problem));
        return;
    }
    const int id = remember(std::move(on_done));
    js_request_tokens(id, static_cast<int>(model), catalog ? 1 : 0, static_cast<int>(batch.rows),
                      static_cast<int>(batch.seq), ids.data(), mask.empty() ? nullptr : mask.data(),
                      types.empty() ? nullptr : types.data());
}

void request_images(const std::vector<std::string>& urls, bool catalog, EmbeddingsCallback on_done) {
    std::string joined;
    for (const auto& url : urls) {
        if (url.empty() || url.find('\n') != std::string::npos) {
            on_done(failure("image URL '" + url + "' is empty or holds a line break"));
            return;
        }
        joined += url + "\n";
    }
    const int id = remember(std::move(on_done));
    js_request_images(id, catalog ? 1 : 0, joined.c_str());
}

std::vector<std::size_t> parse_rows(const std::string& list) {
    std::vector<std::size_t> rows;
    std::size_t start = 0;
    while (start < list.size()) {
        std::size_t end = list.find(',', start);
        if (end == std::string::npos) end = list.size();
        rows.push_back(std::stoul(list.substr(start, end - start)));
        start = end + 1;
    }
    return rows;
}

}  // namespace

const char* model_id(Model model) {
    switch (model) {
        case Model::MiniLm: return "minilm";
        case Model::ClipText: return "clip-text";
        case Model::ClipVision: return "clip-vision";
    }
    return "";
}

void start(const StartOptions& options) {
    if (bridge().started) return;
    bridge().started = true;
    for (auto& s : bridge().statuses) {
        s.state = ModelState::Loading;
        s.phase = "waiting";
    }
    js_install_helpers();
    js_start(options.manifest_url.c_str(), options.runtime_url.c_str(), options.show_panel ? 1 : 0);
}

const ModelStatus& status(Model model) { return bridge().statuses[static_cast<int>(model)]; }
const std::string& general_problem() { return bridge().general_problem; }

void request_text_embeddings(Model model, const TokenBatch& batch, EmbeddingsCallback on_done) {
    request_tokens(model, batch, false, std::move(on_done));
}
void request_catalog_text_embeddings(Model model, const TokenBatch& batch, EmbeddingsCallback on_done) {
    request_tokens(model, batch, true, std::move(on_done));
}
void request_image_embeddings(const std::vector<std::string>& image_urls, EmbeddingsCallback on_done) {
    request_images(image_urls, false, std::move(on_done));
}
void request_catalog_image_embeddings(const std::vector<std::string>& image_urls, EmbeddingsCallback on_done) {
    request_images(image_urls, true, std::move(on_done));
}

}  // namespace bank::inference

using bank::inference::bridge;

extern "C" EMSCRIPTEN_KEEPALIVE void inference_status_changed(int index, int state, double bytes_done,
                                                              double bytes_total, int from_cache, int dims,
                                                              const char* label, const char* phase,
                                                              const char* message, const char* sha256) {
    if (index < 0 || index >= bank::inference::kModelCount) return;
    auto& s = bridge().statuses[index];
    s.state = static_cast<bank::inference::ModelState>(state);
    s.bytes_done = bytes_done;
    s.bytes_total = bytes_total;
    s.from_cache = from_cache != 0;
    s.dimension = static_cast<std::size_t>(dims);
    s.label = label;
    s.phase = phase;
    s.message = message;
    s.sha256 = sha256;
}

extern "C" EMSCRIPTEN_KEEPALIVE void inference_general_problem(const char* message) {
    bridge().general_problem = message;
}

extern "C" EMSCRIPTEN_KEEPALIVE void inference_embeddings_done(int id, const float* values, int rows, int dims,
                                                               const char* sha256, const char* source,
                                                               const char* error, int use_lexical,
                                                               const char* failed_rows) {
    auto& pending = bridge().pending;
    auto it = pending.find(id);
    if (it == pending.end()) return;
    bank::inference::EmbeddingsCallback callback = std::move(it->second);
    pending.erase(it);
    bank::inference::Embeddings e;
    e.error = error;
    e.use_lexical = use_lexical != 0;
    e.model_sha256 = sha256;
    e.source = source;
    if (e.ok()) {
        e.rows = static_cast<std::size_t>(rows);
        e.dimension = static_cast<std::size_t>(dims);
        e.values.assign(values, values + e.rows * e.dimension);
        e.failed_rows = bank::inference::parse_rows(failed_rows);
    }
    callback(std::move(e));
}
