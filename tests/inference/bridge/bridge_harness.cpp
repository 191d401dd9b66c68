// A minimal wasm program around the inference bridge of wasm/platform (built with emcc by
// tests/inference/CMakeLists.txt): the browser test hands it token batches and image URLs through
// the exported bridge_* functions, it calls the C++ API exactly as the app does, and publishes what
// comes back, and every status change it sees while polling like a frame loop, to
// window.bridgeResults / window.bridgeStatusLog.
#include <emscripten.h>

#include <string>
#include <vector>

#include "wasm/platform/browser.h"

namespace inference = bank::inference;

namespace {

EM_JS(void, js_publish, (const char* name, const float* values, int count, int rows, int dims, const char* error,
                         int use_lexical, const char* source, const char* sha256, const char* failed), {
    window.bridgeResults = window.bridgeResults || {};
    window.bridgeResults[UTF8ToString(name)] = {
        values : Array.from(HEAPF32.subarray(values >> 2, (values >> 2) + count)),
        rows : rows, dims : dims, error : UTF8ToString(error), useLexical : !!use_lexical,
        source : UTF8ToString(source), sha256 : UTF8ToString(sha256), failed : UTF8ToString(failed),
    };
});

EM_JS(void, js_log_status, (const char* model, int state, double done, double total, int from_cache,
                            const char* phase, const char* message, const char* label), {
    (window.bridgeStatusLog = window.bridgeStatusLog || []).push({
        model : UTF8ToString(model), state : state, done : done, total : total, fromCache : !!from_cache,
        phase : UTF8ToString(phase), message : UTF8ToString(message), label : UTF8ToString(label)});
});

inference::EmbeddingsCallback publisher(std::string name) {
    return [name](inference::Embeddings e) {
        std::string failed;
        for (std::size_t r : e.failed_rows) failed += std::to_string(r) + " ";
        js_publish(name.c_str(), e.values.data(), static_cast<int>(e.values.size()), static_cast<int>(e.rows),
                   static_cast<int>(e.dimension), e.error.c_str(), e.use_lexical ? 1 : 0, e.source.c_str(),
                   e.model_sha256.c_str(), failed.c_str());
    };
}

std::vector<std::int64_t> column(const int* values, int count) {
    return values ? std::vector<std::int64_t>(values, values + count) : std::vector<std::int64_t>{};
}

// What a frame loop does: read the status of every model each frame; log only the changes.
void poll_status() {
    static inference::ModelStatus last[inference::kModelCount];
    for (int i = 0; i < inference::kModelCount; i++) {
        const auto model = static_cast<inference::Model>(i);
        const auto& s = inference::status(model);
        if (s.state == last[i].state && s.bytes_done == last[i].bytes_done && s.phase == last[i].phase) continue;
        last[i] = s;
        js_log_status(inference::model_id(model), static_cast<int>(s.state), s.bytes_done, s.bytes_total,
                      s.from_cache ? 1 : 0, s.phase.c_str(), s.message.c_str(), s.label.c_str());
    }
}

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE void bridge_start(const char* manifest_url) {
    inference::StartOptions options;
    options.manifest_url = manifest_url;
    inference::start(options);
}

// id_count may differ from rows * seq, to check that the bridge refuses such a batch.
EMSCRIPTEN_KEEPALIVE void bridge_request_tokens(const char* name, int model, int catalog, int rows, int seq,
                                                const int* ids, int id_count, const int* mask, const int* types) {
    inference::TokenBatch batch;
    batch.rows = static_cast<std::size_t>(rows);
    batch.seq = static_cast<std::size_t>(seq);
    batch.input_ids = column(ids, id_count);
    batch.attention_mask = column(mask, rows * seq);
    batch.token_type_ids = column(types, rows * seq);
    const auto m = static_cast<inference::Model>(model);
    if (catalog) inference::request_catalog_text_embeddings(m, batch, publisher(name));
    else inference::request_text_embeddings(m, batch, publisher(name));
}

EMSCRIPTEN_KEEPALIVE void bridge_request_images(const char* name, int catalog, const char* newline_separated_urls) {
    std::vector<std::string> urls;
    std::string all = newline_separated_urls;
    for (std::size_t start = 0, end; start < all.size(); start = end + 1) {
        end = all.find('\n', start);
        if (end == std::string::npos) end = all.size();
        urls.push_back(all.substr(start, end - start));
    }
    if (catalog) inference::request_catalog_image_embeddings(urls, publisher(name));
    else inference::request_image_embeddings(urls, publisher(name));
}

EMSCRIPTEN_KEEPALIVE const char* bridge_general_problem() { return inference::general_problem().c_str(); }

}  // extern "C"

int main() {
    emscripten_set_main_loop(poll_status, 0, 0);
    return 0;
}
