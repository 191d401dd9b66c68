// On-device SBERT and CLIP embeddings for the app: the C++ face of window.bankInference
// (web/inference/embedder.js), which loads the models of models/manifest.json into ONNX Runtime Web
// in a Web Worker. Every request returns at once; its callback runs later on the main thread, like
// app::http_request. Model status is a plain struct the frame loop reads every frame.
//
//   bank::inference::start();                                    // once, e.g. after sign-in
//   const auto& s = bank::inference::status(Model::MiniLm);      // every frame: progress / fallback
//   bank::inference::request_text_embeddings(Model::MiniLm, tokens, [](Embeddings e) { ... });
//
// When a model cannot be used (no weights, wrong hash, offline) its status is Fallback with a
// message for the user, and requests answer use_lexical = true: rank with the lexical encoder.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace bank::inference {

enum class Model { MiniLm, ClipText, ClipVision };
constexpr int kModelCount = 3;
const char* model_id(Model model);  // the id in models/manifest.json: "minilm", "clip-text", "clip-vision"

enum class ModelState {
    NotStarted,  // start() not called yet
    Loading,     // reading the manifest, downloading, verifying or starting the model
    Ready,       // embeddings available
    Fallback,    // unavailable; `message` says why; use the lexical encoder
};

struct ModelStatus {
    ModelState state = ModelState::NotStarted;
    std::string phase;         // waiting, downloading, verifying, starting, ready, failed
    double bytes_done = 0;     // of the model file, for a progress bar
    double bytes_total = 0;
    bool from_cache = false;   // loaded from this device's Cache Storage, no download
    std::size_t dimension = 0;
    std::string label;         // e.g. "Text matching (MiniLM)", for the UI
    std::string message;       // why it fell back, or a note such as a repaired cache entry
    std::string sha256;        // the model file's pinned hash: catalog vectors are versioned by it
};

struct StartOptions {
    std::string manifest_url = "/models/manifest.json";
    std::string runtime_url = "/vendor/onnxruntime-web/";  // ONNX Runtime Web's dist/ folder
    bool show_panel = true;  // the page's own progress panel and fallback notice (accessible DOM)
};

// Starts loading every model of the manifest in the background. Calling it again does nothing.
void start(const StartOptions& options = {});
const ModelStatus& status(Model model);
// A problem that concerns every model (no manifest, no worker support); empty when there is none.
const std::string& general_problem();

// Tokenized text as the tokenizers produce it: rows x seq ids, row-major, right-padded.
// attention_mask and token_type_ids may be left empty (all ones / all zeros).
struct TokenBatch {
    std::size_t rows = 0;
    std::size_t seq = 0;
    std::vector<std::int64_t> input_ids;
    std::vector<std::int64_t> attention_mask;
    std::vector<std::int64_t> token_type_ids;
};

struct Embeddings {
    std::string error;           // empty on success
    bool use_lexical = false;    // the model is unavailable: rank with the lexical encoder instead
    std::size_t rows = 0;
    std::size_t dimension = 0;
    std::vector<float> values;   // rows * dimension, each row L2-normalized
    std::vector<std::size_t> failed_rows;  // images that could not be loaded: their rows are all zero
    std::string model_sha256;
    std::string source;          // catalog requests: "cache", "build" or "computed"
    bool ok() const { return error.empty(); }
};
using EmbeddingsCallback = std::function<void(Embeddings)>;

// MiniLM (mean pooled) or CLIP text; the batch is checked here and refused with an error if its
// arrays do not match rows x seq.
void request_text_embeddings(Model model, const TokenBatch& batch, EmbeddingsCallback on_done);
// CLIP vision on product images (same-origin URLs such as "/images/CARD-CASHBACK.png").
void request_image_embeddings(const std::vector<std::string>& image_urls, EmbeddingsCallback on_done);

// The same for the product catalog: the vectors are kept on the device (and may come from the
// build) for as long as the model file and the embedded tokens or image URLs stay the same.
void request_catalog_text_embeddings(Model model, const TokenBatch& batch, EmbeddingsCallback on_done);
void request_catalog_image_embeddings(const std::vector<std::string>& image_urls, EmbeddingsCallback on_done);

}  // namespace bank::inference
