// The browser platform layer of the app: everything it needs from the page, and everything the page
// calls in it, in one place (as Dear ImGui's imgui_impl_glfw.h binds ImGui to GLFW). The views
// (wasm/views/) and flows (wasm/flows/) call only the C++ functions below; no other file of wasm/
// holds an EM_JS block or an emscripten call. This layer knows nothing of the app: what the page
// asks of the app arrives through the PageRequests that main.cpp installs.
//
// Implemented in wasm/platform/*.cpp. The JS side: web/shell.js (the page shell), the emscripten
// output app/bank_app.js, app/book_worker.js (the book worker, wasm/book_worker/),
// web/inference/embedder.js (the on-device models). The inference section
// alone is also built into tests/inference/bridge, whose browser test pins that part of the contract.
//
// Index of this file:
// [SECTION] The JS contract: what JS calls in C++, what C++ calls in JS
// [SECTION] Page requests (sign-in form, demo chooser, accessible mirror)
// [SECTION] Requests to our proxy
// [SECTION] The page around the canvas
// [SECTION] Frame loop, input, product pictures
// [SECTION] The book worker (app/book_worker.js)
// [SECTION] On-device SBERT and CLIP (window.bankInference)

//-------------------------------------------------------------------------------------------------
// [SECTION] The JS contract
//-------------------------------------------------------------------------------------------------
// Start-up: app/bank_app.js (emscripten's output, -sMODULARIZE, wasm/CMakeLists.txt) defines
//   createBankApp({canvas, locateFile}) -> Promise<Module>, which web/shell.js calls once the page
//   has loaded; main() then starts the frame loop. The module also exports ccall, UTF8ToString,
//   stringToUTF8 and lengthBytesUTF8, which this layer's JS uses with _malloc/_free and HEAP views.
//
// JS calls C++: functions exported with EMSCRIPTEN_KEEPALIVE, reached as Module._name(...) or
// Module.ccall('name', ...). Strings are NUL-terminated UTF-8 in the wasm heap (ccall's 'string');
// customer ids are JS numbers (double), exact for every id below 2^53.
//
//   Called by web/shell.js, on the user's actions (the canvas buttons do the same in C++):
//   void   app_on_signed_in()                      POST /api/login answered 200: load the user
//   void   app_start_demo(int banker)              demo chooser: 1 banker view, 0 customer view
//   void   app_feedback(double customer_id, const char* product_id, const char* event)
//                                                  event: interested | not_for_me | offered |
//                                                  accepted; any other is ignored
//   void   app_more_links(double customer_id, const char* product_id)   the search provider's links
//   void   app_open_customer(double customer_id)   banker: open a customer, or ask the proxy
//   void   app_export_next_best_actions()          banker: ignored until the whole book is ranked
//   void   app_set_interests(const char* comma_separated)   for this visit, on this device only
//   void   app_set_dark_theme(int dark)
//   void   app_sign_out()
//   void   app_undo_decline()                      puts back the product just marked "Not for me"
//   void   app_sort_book(const char* sort, int descending)   banker: sort the book's table by
//                                                  "opportunity" | "name" | "id" | "segment" |
//                                                  "product" | "feedback"; any other is ignored
//   void   app_toggle_segment(const char* segment) banker: a segment chip of the book's table
//   void   app_clear_segments()                    banker: every segment again
//   void   app_publish_whole_state()               publish everything again, the whole book too
//                                                  (the page lost track of what it was sent)
//   void   app_text_input(const char* utf8)        text typed into #text-input without a keypress
//                                                  (on-screen keyboards, IMEs)
//   void   app_paste(const char* utf8)             the paste event's text/plain, for ImGui's Ctrl+V
//   double app_frame_time_percentile(double p, int reset)   p in 0..100, ms of CPU per frame over
//                                                  the last 600 frames; reset = 1 clears, returns 0
//   int    app_frames_run(), app_frames_drawn()    frames the loop ran since the start, and those of
//                                                  them that drew (a picture unchanged is not drawn)
//
//   Called by this layer's own JS on the user's input (pointer, keys, focus, resize):
//   void app_request_frames()                      draw again until ImGui has settled
//
//   Called back by this layer's own JS with the answer to a request it made (never by page code):
//   void app_http_done(int id, int status, const char* body, int length)   the answer's bytes;
//                                                  status 0: no answer (network)
//   void app_image_loaded(int id, int width, int height, const uint8_t* rgba)   rgba null: failed
//   void inference_status_changed(int model, int state, double bytes_done, double bytes_total,
//            int from_cache, int dims, const char* label, const char* phase, const char* message,
//            const char* sha256)               model: Model index; state: ModelState value
//   void inference_general_problem(const char* message)            "" when there is none
//   void inference_embeddings_done(int id, const float* values, int rows, int dims,
//            const char* sha256, const char* source, const char* error, int use_lexical,
//            const char* failed_rows)          values: rows x dims; failed_rows: "2,5" (images)
//   void app_book_worker_message(int slot, int kind, const char* text, int length)   a book worker's messages:
//                                                  0 ready, 1 a batch document, 2 failed (why)
//
// C++ calls JS:
//   window.bankShell (web/shell.js); each call is skipped while it is absent:
//       showSignIn(visible: boolean, message: string)   the HTML sign-in form
//       offerDemo()                                     the demo chooser instead of the form
//       showUnreachable()                               no answer from the proxy: a page saying
//                                                       so, retrying with back-off, then reloading
//       signedOut()                                     forget page-side state (the password field)
//       updateMirror(text: string)                      the JSON of flows/dom_mirror.cpp, whose
//                                                       book may be changes to merge: the
//                                                       accessible mirror, and what tests read
//       wantTextInput(wanted: boolean)                  focus the hidden #text-input or let it go
//   window.bankInference (web/inference/embedder.js, whose header documents it): start(options),
//       status(), onStatus(listener), embedTokens(model, batch), embedImages(model, urls),
//       catalogEmbeddings(model, batch | urls). Absent: every model falls back to the lexical encoder.
//   Module.bankInferenceBridge: helpers this layer installs on the module once (ids, withStrings,
//       deliver, api, missing), shared by the inference JS blocks.
//   Module.bankBookWorkers: the book workers, Workers on locateFile('book_worker.js') (the
//       emscripten output of wasm/book_worker/, next to bank_app.js), one per core but the page's
//       own, 1 to 4 (navigator.hardwareConcurrency; ?book-workers=N in the page's URL), none with
//       ?book-worker=off (a switch for tests and for comparing with the page's own path). Each is
//       posted {type: 'forget' | 'job' | 'cancel', generation, text}, {type: 'answer', path, bytes}
//       (the /api/catalog and /api/ranking-model answers as they came, its ranker's inputs) and
//       {type: 'book', bytes, ...} (the /api/book answer as it came, which it ranks at once) and
//       answers {type: 'ready'} (its ranker is built), {type: 'batch', bytes, at} or
//       {type: 'failed', message} (wasm/book_worker/worker_messages.js).
//       performance.mark('book-ranking-started' | 'book-worker-ready' | 'book-worker-batch' |
//       'book-ranked', {detail}) tells benchmarks when the book's rows were listed, when the
//       workers were set up, when each batch was ready in a worker and when the page had them all.
//   Browser APIs: fetch (same-origin, credentials 'same-origin'), window.open (https only,
//       noopener), Blob downloads, matchMedia('(prefers-color-scheme: dark)'),
//       document.documentElement.dataset.theme, navigator.clipboard.writeText, createImageBitmap +
//       OffscreenCanvas, console.error, the canvas #canvas's CSS size and devicePixelRatio, and
//       Intl.Collator (the browser's locale order of names, platform/collation.cpp).
#pragma once

#include <imgui.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

struct GLFWwindow;

namespace app {

//-------------------------------------------------------------------------------------------------
// [SECTION] Page requests
//-------------------------------------------------------------------------------------------------
// What the page's exports ask of the app (see the contract above), as plain function pointers (the
// way GLFW takes its callbacks). Installed once by main.cpp; a request that arrives before, or that
// has no handler, is ignored. Strings are valid for the duration of the call only.
struct PageRequests {
    void (*signed_in)() = nullptr;
    void (*start_demo)(bool banker) = nullptr;
    void (*feedback)(std::int64_t customer_id, const char* product_id, const char* event) = nullptr;
    void (*more_links)(std::int64_t customer_id, const char* product_id) = nullptr;
    void (*open_customer)(std::int64_t customer_id) = nullptr;
    void (*export_next_best_actions)() = nullptr;
    void (*set_interests)(const char* comma_separated) = nullptr;
    void (*set_dark_theme)(bool dark) = nullptr;
    void (*sign_out)() = nullptr;
    void (*undo_decline)() = nullptr;
    void (*sort_book)(const char* sort, bool descending) = nullptr;
    void (*toggle_segment)(const char* segment) = nullptr;
    void (*clear_segments)() = nullptr;
    void (*publish_whole_state)() = nullptr;
};
void listen_to_page(PageRequests requests);

//-------------------------------------------------------------------------------------------------
// [SECTION] Requests to our proxy
//-------------------------------------------------------------------------------------------------
struct HttpResponse {
    int status = 0;  // 0 = the request never reached the proxy (network error)
    std::string body;
};
using HttpCallback = std::function<void(const HttpResponse&)>;

// Same-origin request to our own proxy; the session cookie goes with it. JSON bodies only. Returns
// at once; `on_done` runs later on the main thread. An exception it throws is logged to the
// console, never taken further.
void http_request(const char* method, const std::string& path, const std::string& json_body,
                  HttpCallback on_done);
// `handler` runs after the callback of a request that needs a session (any /api/ path but me,
// login and logout) when the proxy answers 401: the session ended on the server (it expired, or
// the proxy restarted without it). A network failure answers status 0 with an error document whose
// message says so in plain words.
void on_session_ended(void (*handler)());

//-------------------------------------------------------------------------------------------------
// [SECTION] The page around the canvas
//-------------------------------------------------------------------------------------------------
void show_sign_in(bool visible, const std::string& message);  // the HTML sign-in form
void sign_out_page();                                         // clears page-side state
void offer_demo_page();                                       // the demo chooser instead of sign-in
void show_server_unreachable();  // the page that says so, retries with back-off and reloads
void open_link(const std::string& https_url);                 // new tab, noopener; https only
void publish_mirror(const std::string& json);                 // accessible DOM mirror + test hook
// Saves `content` as a file the user downloads (a Blob URL; nothing leaves the device).
void download_text(const std::string& file_name, const std::string& mime, const std::string& content);
// Each name's place in the order of the browser's locale (Intl.Collator): "Élodie" among the E's
// in English. Names the collator holds equal share a place. Asked once per book, not per frame.
std::vector<int> locale_order_of_names(const std::vector<std::string>& names);
bool prefers_dark_theme();                                    // the browser's colour-scheme setting
void set_page_theme(bool dark);                               // the HTML around the canvas follows
double device_pixel_ratio();
void canvas_css_size(double& width, double& height);
// The canvas's drawing buffer in device pixels; GLFW's window follows it. Not glfwSetWindowSize:
// Emscripten's GLFW takes a window the size of the screen (a kiosk, a maximised browser in full
// screen) as a request for full screen, which moves the canvas over the page and fails every frame.
void resize_canvas(int width, int height);

//-------------------------------------------------------------------------------------------------
// [SECTION] Frame loop, input, product pictures
//-------------------------------------------------------------------------------------------------
// Calls `frame` on browser animation frames while there is something to draw, and records the CPU
// time each takes (app_frame_time_percentile). Returns at once. `frame` returns true while work is
// in progress that needs the next frame (ranking a book a few customers per frame, a progress bar);
// when it returns false for a few frames in a row, the loop pauses until request_frames().
void run_frame_loop(bool (*frame)());
// Something changed that the canvas must show: draws the next few frames. This layer calls it on
// the user's input, on every answer of http_request, on a decoded picture and on publish_mirror;
// a view that animates on its own (a timer, a fade) calls it while it animates.
void request_frames();
// The frame drew on the canvas (main.cpp draws only a picture that changed, views/canvas_picture.h).
void count_frame_drawn();

// Text entry beyond desktop keyboards. A canvas cannot raise a phone's on-screen keyboard, so while
// ImGui edits text the page focuses a hidden <input> (#text-input) whose typed text comes back
// through app_text_input. Copy and paste use the system clipboard instead of GLFW's in-page one.
void install_clipboard();           // once, after ImGui::CreateContext and the GLFW backend
void sync_text_input(bool wanted);  // every frame: io.WantTextInput

// ImGui 1.86 reads keys as up/down state once per frame, so keys that come between two frames
// (on-screen keyboards, automated input, fast typists) would be lost or read together: a key
// pressed and released would never be down, and Enter pressed after an arrow key in the same frame
// would press the control the arrow was leaving. Keys and typed characters are queued as they come
// and given to ImGui in order, one key press per frame, each released no sooner than the next
// frame. Keys reach the app only while the canvas (or #text-input) has the focus, and never Tab,
// which moves the focus on through the page; Enter uses the focused control as Space does, except
// in a text field.
void install_key_queue(GLFWwindow* window);  // once, after the ImGui GLFW backend
void feed_keys();                            // every frame, before ImGui::NewFrame

// Emscripten's GLFW (Debian's 3.1.6) hands the scroll callback the browser's raw WheelEvent deltas:
// pixels, positive = down, where GLFW and ImGui expect steps, positive = up. Unconverted, every
// wheel notch scrolls 100 steps the wrong way.
void install_wheel_fix(GLFWwindow* window);  // once, after the ImGui GLFW backend

// Texture of a picture served by our proxy (e.g. "/images/CARD-CASHBACK.png"), loaded lazily: the
// first call asks the browser to decode it; nullptr while it loads or if it failed to load, when
// callers draw a placeholder.
ImTextureID product_texture(const std::string& url);

// Runs `callback` once, `milliseconds` from now (a timer: it runs in a background tab too, where
// animation frames stop, if less often).
void call_later(int milliseconds, void (*callback)());
// The page is in a background tab, or otherwise not shown (document.hidden).
bool page_hidden();

//-------------------------------------------------------------------------------------------------
// [SECTION] The book worker (app/book_worker.js)
//-------------------------------------------------------------------------------------------------
// Small modules in Web Workers: the ranking core alone (no ImGui), so a banker's whole book is
// ranked off the page's main thread, and on in a background tab. Each worker has a slot number
// (0 ... book_worker_count() - 1). The documents are those of shared/api/book_ranking.h. Every
// answer arrives later on the main thread, like http_request's.
struct BookWorkerEvents {
    void (*ready)(int slot) = nullptr;                             // its ranker is built
    void (*batch)(int slot, const std::string& document) = nullptr;  // one job's rankings
    void (*failed)(int slot, const std::string& why) = nullptr;    // it could not start, refused an input or stopped
};
// How many workers to run: one per core but the page's own, 1 to 4 (?book-workers=N in the page's
// URL to choose); 0 where the page cannot have any (no Worker, ?book-worker=off).
int book_worker_count();
// Starts the worker in `slot` (once; again after stop_book_worker). False when it cannot start:
// a Content-Security-Policy that forbids it, for instance.
bool start_book_worker(int slot, BookWorkerEvents events);
void post_book_worker_forget(int slot);  // the user signed out, or another's data is coming: drop all
void post_book_worker_answer(int slot, const char* path, const std::string& answer);  // /api/catalog or /api/ranking-model as it came
void post_book_worker_book(int slot, const std::string& book_answer, int generation, int workers);  // /api/book as it came; ranking starts
void post_book_worker_job(int slot, int generation, const std::string& document);
void cancel_book_worker_jobs(int slot, int below_generation);  // jobs of older generations still queued
void stop_book_worker(int slot);
// performance.mark(name, {detail}) for benchmarks and real-user monitoring.
void mark_performance(const char* name, const std::string& detail_json);

}  // namespace app

//-------------------------------------------------------------------------------------------------
// [SECTION] On-device SBERT and CLIP (window.bankInference)
//-------------------------------------------------------------------------------------------------
// The models of models/manifest.json run in ONNX Runtime Web in a Web Worker. Every request
// returns at once; its callback runs later on the main thread, like http_request. Model status is
// a plain struct the frame loop reads every frame.
//
//   bank::inference::start();                                    // once, e.g. after sign-in
//   const auto& s = bank::inference::status(Model::MiniLm);      // every frame: progress / fallback
//   bank::inference::request_text_embeddings(Model::MiniLm, tokens, [](Embeddings e) { ... });
//
// When a model cannot be used (no weights, wrong hash, offline) its status is Fallback with a
// message for the user, and requests answer use_lexical = true: rank with the lexical encoder.
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
