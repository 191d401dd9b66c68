#include "wasm/platform/browser.h"

#include <emscripten.h>

#include <exception>
#include <map>
#include <utility>

namespace {

struct PendingRequest {
    app::HttpCallback on_done;
    bool needs_session = false;  // a 401 to it means the session ended on the server
};

std::map<int, PendingRequest>& pending_requests() {
    static std::map<int, PendingRequest> requests;
    return requests;
}

void (*g_session_ended)() = nullptr;

// Who is signed in is asked at start (a 401 then just means "not yet"); sign-in and sign-out work
// without a session. Every other API request is made on behalf of a signed-in user.
bool needs_session(const std::string& path) {
    return path.rfind("/api/", 0) == 0 && path != "/api/me" && path != "/api/login" && path != "/api/logout";
}

// The response is handed back through app_http_done with the request's id: fetch is asynchronous
// and the frame loop must never wait for it. The answer goes in as the bytes that came, copied
// once: decoding it into a JS string and encoding that again took 100 ms for a 10,000-customer
// book. Bytes that are not UTF-8 are then the codecs' "not JSON" error, not replaced silently.
EM_JS(void, js_http_request, (int id, const char* method, const char* path, const char* body), {
    const init = {method : UTF8ToString(method), credentials : 'same-origin', headers : {}};
    if (init.method !== 'GET') {
        init.body = UTF8ToString(body);
        init.headers['Content-Type'] = 'application/json';
    }
    fetch(UTF8ToString(path), init)
        .then(async (r) => [r.status, new Uint8Array(await r.arrayBuffer())])
        // fetch says only "TypeError: Failed to fetch"; the user needs what it means for them.
        .catch(() => [0, new TextEncoder().encode(JSON.stringify({error : {code : 'network', message :
            "The bank's server could not be reached. Check your connection; nothing was changed."}}))])
        .then(([status, bytes]) => {
            const p = _malloc(bytes.length + 1);
            HEAPU8.set(bytes, p);
            HEAPU8[p + bytes.length] = 0;
            _app_http_done(id, status, p, bytes.length);
            _free(p);
        });
});

EM_JS(void, js_report_error, (const char* what), {
    console.error('An answer from the server could not be used: ' + UTF8ToString(what));
});

}  // namespace

extern "C" EMSCRIPTEN_KEEPALIVE void app_http_done(int id, int status, const char* body, int length) {
    auto& requests = pending_requests();
    auto it = requests.find(id);
    if (it == requests.end()) return;
    PendingRequest request = std::move(it->second);
    requests.erase(it);
    // The flows catch what they can explain to the user; anything else an odd answer makes a
    // handler throw must not take the whole page down with it.
    try {
        request.on_done(app::HttpResponse{status, body ? std::string(body, static_cast<std::size_t>(length)) : ""});
    } catch (const std::exception& e) {
        js_report_error(e.what());
    }
    if (status == 401 && request.needs_session && g_session_ended) g_session_ended();
    app::request_frames();  // the answer changed what the canvas shows, or its spinner stops
}

namespace app {

void http_request(const char* method, const std::string& path, const std::string& json_body,
                  HttpCallback on_done) {
    static int next_id = 1;
    const int id = next_id++;
    pending_requests().emplace(id, PendingRequest{std::move(on_done), needs_session(path)});
    js_http_request(id, method, path.c_str(), json_body.c_str());
}

void on_session_ended(void (*handler)()) { g_session_ended = handler; }

}  // namespace app
