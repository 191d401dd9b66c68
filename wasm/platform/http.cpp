#include "wasm/platform/browser.h"

#include <emscripten.h>

#include <exception>
#include <map>
#include <utility>

namespace {

std::map<int, app::HttpCallback>& pending_requests() {
    static std::map<int, app::HttpCallback> requests;
    return requests;
}

// The response is handed back through app_http_done with the request's id: fetch is asynchronous
// and the frame loop must never wait for it.
EM_JS(void, js_http_request, (int id, const char* method, const char* path, const char* body), {
    const init = {method : UTF8ToString(method), credentials : 'same-origin', headers : {}};
    if (init.method !== 'GET') {
        init.body = UTF8ToString(body);
        init.headers['Content-Type'] = 'application/json';
    }
    fetch(UTF8ToString(path), init)
        .then(async (r) => [r.status, await r.text()])
        .catch((e) => [0, JSON.stringify({error : {code : 'network', message : String(e)}})])
        .then(([status, text]) => {
            const n = lengthBytesUTF8(text) + 1;
            const p = _malloc(n);
            stringToUTF8(text, p, n);
            _app_http_done(id, status, p);
            _free(p);
        });
});

EM_JS(void, js_report_error, (const char* what), {
    console.error('An answer from the server could not be used: ' + UTF8ToString(what));
});

}  // namespace

extern "C" EMSCRIPTEN_KEEPALIVE void app_http_done(int id, int status, const char* body) {
    auto& requests = pending_requests();
    auto it = requests.find(id);
    if (it == requests.end()) return;
    app::HttpCallback callback = std::move(it->second);
    requests.erase(it);
    // The flows catch what they can explain to the user; anything else an odd answer makes a
    // handler throw must not take the whole page down with it.
    try {
        callback(app::HttpResponse{status, body ? body : ""});
    } catch (const std::exception& e) {
        js_report_error(e.what());
    }
}

namespace app {

void http_request(const char* method, const std::string& path, const std::string& json_body,
                  HttpCallback on_done) {
    static int next_id = 1;
    const int id = next_id++;
    pending_requests().emplace(id, std::move(on_done));
    js_http_request(id, method, path.c_str(), json_body.c_str());
}

}  // namespace app
