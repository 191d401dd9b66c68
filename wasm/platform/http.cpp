#include "browser.h"

#include <emscripten.h>
#include <emscripten/html5.h>

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

EM_JS(void, js_show_sign_in, (int visible, const char* message), {
    if (window.bankShell) window.bankShell.showSignIn(!!visible, UTF8ToString(message));
});
EM_JS(void, js_offer_demo_page, (), {
    if (window.bankShell) window.bankShell.offerDemo();
});
EM_JS(void, js_sign_out_page, (), {
    if (window.bankShell) window.bankShell.signedOut();
});
EM_JS(void, js_open_link, (const char* url), {
    const u = UTF8ToString(url);
    if (u.startsWith('https://')) window.open(u, '_blank', 'noopener,noreferrer');
});
EM_JS(void, js_publish_mirror, (const char* json), {
    if (window.bankShell) window.bankShell.updateMirror(JSON.parse(UTF8ToString(json)));
});

EM_JS(void, js_download_text, (const char* name, const char* mime, const char* content), {
    const blob = new Blob([UTF8ToString(content)], {type : UTF8ToString(mime)});
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = UTF8ToString(name);
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
});
EM_JS(int, js_prefers_dark, (), {
    return window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches ? 1 : 0;
});
EM_JS(void, js_set_page_theme, (int dark), {
    document.documentElement.dataset.theme = dark ? 'dark' : 'light';
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

void show_sign_in(bool visible, const std::string& message) { js_show_sign_in(visible, message.c_str()); }
void sign_out_page() { js_sign_out_page(); }
void offer_demo_page() { js_offer_demo_page(); }
void open_link(const std::string& https_url) { js_open_link(https_url.c_str()); }
void publish_mirror(const std::string& json) { js_publish_mirror(json.c_str()); }
void download_text(const std::string& file_name, const std::string& mime, const std::string& content) {
    js_download_text(file_name.c_str(), mime.c_str(), content.c_str());
}
bool prefers_dark_theme() { return js_prefers_dark() != 0; }
void set_page_theme(bool dark) { js_set_page_theme(dark ? 1 : 0); }
double device_pixel_ratio() { return emscripten_get_device_pixel_ratio(); }
void canvas_css_size(double& width, double& height) {
    emscripten_get_element_css_size("#canvas", &width, &height);
}

}  // namespace app
