#include "wasm/platform/browser.h"

#include <emscripten.h>

#include <exception>

namespace {

app::BookWorkerEvents g_events;

// While the workers rank, batches come every few dozen milliseconds. Drawing the table after each
// would keep the page drawing every frame (in software, on a thin client: the CPU the workers rank
// on), so the rows they bring are drawn at most this often, and always after the last one.
constexpr int kBatchDrawMs = 125;
bool g_draw_due = false;

void draw_batches() {
    g_draw_due = false;
    app::request_frames();
}

// How many workers this page runs: one per core but the page's own (navigator.hardwareConcurrency
// less one; at least one, at most 4), or the page's ?book-workers=N; 0 with ?book-worker=off or
// without Worker support. On 2 cores a second worker only competed, with the page's thread (it
// reads the batches, draws in software and decodes the book while the workers start) and with
// each other: 10,000 customers ranked 3.0-3.6 s after the data arrived with one worker, 3.6-3.7 s
// with two, whose time in the core added up to 1.6 times one's (tests/e2e/bench_book.mjs).
EM_JS(int, js_book_worker_count, (), {
    if (typeof Worker === 'undefined') return 0;
    const params = new URLSearchParams(self.location.search);
    if (params.get('book-worker') === 'off') return 0;
    const asked = parseInt(params.get('book-workers') || "0", 10);
    const cores = navigator.hardwareConcurrency || 2;
    return Math.max(1, Math.min(4, asked > 0 ? asked : cores - 1));
});

// The workers run app/book_worker.js, next to bank_app.js (locateFile: the page decides where that
// is). Whatever stops one from starting is a false here or a failure later: a CSP that forbids it
// (SecurityError), a missing or refused script (error event).
EM_JS(int, js_book_worker_start, (int slot), {
    Module.bankBookWorkers = Module.bankBookWorkers || [];
    if (Module.bankBookWorkers[slot]) return 1;
    try {
        const worker = new Worker(locateFile('book_worker.js'));
        // A batch comes as the bytes the worker wrote (transferred, not copied), and goes into the
        // page's memory as they are; other messages are short texts.
        const deliverBytes = (kind, bytes) => {
            if (Module.bankBookWorkers[slot] !== worker) return;  // a stopped worker's last words
            const p = _malloc(bytes.length + 1);
            HEAPU8.set(bytes, p);
            HEAPU8[p + bytes.length] = 0;
            try {
                _app_book_worker_message(slot, kind, p, bytes.length);
            } finally {
                _free(p);
            }
        };
        const deliver = (kind, text) => deliverBytes(kind, new TextEncoder().encode(text));
        worker.onmessage = (e) => {
            const m = e.data || {};
            if (m.type === 'ready') deliver(0, "");
            else if (m.type === 'batch' && m.bytes instanceof ArrayBuffer) {
                // When the worker had it ready, for benchmarks: the page may take it later.
                if (typeof m.at === 'number') performance.mark('book-worker-batch', {detail : {ready_at : m.at - performance.timeOrigin}});
                deliverBytes(1, new Uint8Array(m.bytes));
            }
            else if (m.type === 'failed') deliver(2, String(m.message || 'it reported a problem'));
            else deliver(2, 'it sent a message the page does not understand');
        };
        worker.onerror = (e) => {
            e.preventDefault();
            deliver(2, e.message ? 'it stopped (' + e.message + ')' : 'it could not be loaded');
        };
        worker.onmessageerror = () => deliver(2, 'a message from it could not be read');
        Module.bankBookWorkers[slot] = worker;
        return 1;
    } catch (e) {
        return 0;
    }
});

EM_JS(void, js_book_worker_post, (int slot, const char* type, int generation, const char* text), {
    const worker = (Module.bankBookWorkers || [])[slot];
    if (worker) worker.postMessage({type : UTF8ToString(type), generation : generation, text : UTF8ToString(text)});
});

// The answer's bytes as they are in the page's memory, copied once per worker and transferred
// (no re-encoding, no copy on the way): the worker decodes them itself.
EM_JS(void, js_book_worker_post_book, (int slot, const char* text, int length, int generation, int workers), {
    const worker = (Module.bankBookWorkers || [])[slot];
    if (!worker) return;
    const bytes = HEAPU8.slice(text, text + length);
    worker.postMessage({type : 'book', bytes : bytes.buffer, generation : generation, slot : slot, workers : workers},
                       [bytes.buffer]);
});

// An answer the worker builds its ranker from, as it came: copied once per worker and transferred.
EM_JS(void, js_book_worker_post_answer, (int slot, const char* path, const char* text, int length), {
    const worker = (Module.bankBookWorkers || [])[slot];
    if (!worker) return;
    const bytes = HEAPU8.slice(text, text + length);
    worker.postMessage({type : 'answer', path : UTF8ToString(path), bytes : bytes.buffer}, [bytes.buffer]);
});

EM_JS(void, js_book_worker_stop, (int slot), {
    const workers = Module.bankBookWorkers || [];
    if (workers[slot]) workers[slot].terminate();
    workers[slot] = null;
});

EM_JS(void, js_mark_performance, (const char* name, const char* detail), {
    try {
        performance.mark(UTF8ToString(name), {detail : JSON.parse(UTF8ToString(detail))});
    } catch (e) {
        /* marks are for measuring; never a reason to stop */
    }
});

EM_JS(void, js_report_worker_error, (const char* what), {
    console.error("The book worker's answer could not be used: " + UTF8ToString(what));
});

}  // namespace

extern "C" EMSCRIPTEN_KEEPALIVE void app_book_worker_message(int slot, int kind, const char* text, int length) {
    const std::string body = text ? std::string(text, static_cast<std::size_t>(length)) : "";
    try {
        if (kind == 0 && g_events.ready) g_events.ready(slot);
        if (kind == 1 && g_events.batch) g_events.batch(slot, body);
        if (kind == 2 && g_events.failed) g_events.failed(slot, body);
    } catch (const std::exception& e) {
        js_report_worker_error(e.what());
    }
    if (kind != 1) return app::request_frames();
    if (!g_draw_due) {  // the table shows the new rows soon
        g_draw_due = true;
        app::call_later(kBatchDrawMs, draw_batches);
    }
}

namespace app {

int book_worker_count() { return js_book_worker_count(); }

bool start_book_worker(int slot, BookWorkerEvents events) {
    g_events = events;
    return js_book_worker_start(slot) != 0;
}

void post_book_worker_answer(int slot, const char* path, const std::string& answer) {
    js_book_worker_post_answer(slot, path, answer.data(), static_cast<int>(answer.size()));
}

void post_book_worker_forget(int slot) { js_book_worker_post(slot, "forget", 0, ""); }

void post_book_worker_book(int slot, const std::string& book_answer, int generation, int workers) {
    js_book_worker_post_book(slot, book_answer.data(), static_cast<int>(book_answer.size()), generation, workers);
}

void post_book_worker_job(int slot, int generation, const std::string& document) {
    js_book_worker_post(slot, "job", generation, document.c_str());
}

void cancel_book_worker_jobs(int slot, int below_generation) { js_book_worker_post(slot, "cancel", below_generation, ""); }

void stop_book_worker(int slot) { js_book_worker_stop(slot); }

void mark_performance(const char* name, const std::string& detail_json) { js_mark_performance(name, detail_json.c_str()); }

void call_later(int milliseconds, void (*callback)()) {
    emscripten_async_call([](void* f) { reinterpret_cast<void (*)()>(f)(); }, reinterpret_cast<void*>(callback),
                          milliseconds);
}

}  // namespace app
