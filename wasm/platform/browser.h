// The few things the app needs from the page, behind plain C++ calls. Everything that touches the
// DOM or fetch lives in browser.cpp, so the views stay pure functions of AppState.
#pragma once

#include <functional>
#include <string>

namespace app {

struct HttpResponse {
    int status = 0;  // 0 = the request never reached the proxy (network error)
    std::string body;
};
using HttpCallback = std::function<void(const HttpResponse&)>;

// Same-origin request to our own proxy; the session cookie goes with it. JSON bodies only.
void http_request(const char* method, const std::string& path, const std::string& json_body,
                  HttpCallback on_done);

void show_sign_in(bool visible, const std::string& message);  // the HTML sign-in form
void sign_out_page();                                         // clears page-side state
void offer_demo_page();                                       // the demo chooser instead of sign-in
void open_link(const std::string& https_url);                 // new tab, noopener
void publish_mirror(const std::string& json);                 // accessible DOM mirror + test hook
// Saves `content` as a file the user downloads (a Blob URL; nothing leaves the device).
void download_text(const std::string& file_name, const std::string& mime, const std::string& content);
bool prefers_dark_theme();                                    // the browser's colour-scheme setting
void set_page_theme(bool dark);                               // the HTML around the canvas follows
double device_pixel_ratio();
void canvas_css_size(double& width, double& height);

}  // namespace app
