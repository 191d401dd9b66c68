#include "wasm/platform/browser.h"

#include <emscripten.h>

namespace {

app::PageRequests& requests() {
    static app::PageRequests installed;
    return installed;
}

}  // namespace

namespace app {

void listen_to_page(PageRequests installed) { requests() = installed; }

}  // namespace app

// The page calls these: its sign-in form, the demo chooser, and the accessible mirror's buttons,
// which do exactly what the canvas buttons do (web/shell.js).
extern "C" {
EMSCRIPTEN_KEEPALIVE void app_on_signed_in() {
    if (requests().signed_in) requests().signed_in();
}
EMSCRIPTEN_KEEPALIVE void app_start_demo(int banker) {
    if (requests().start_demo) requests().start_demo(banker != 0);
}
EMSCRIPTEN_KEEPALIVE void app_feedback(double customer_id, const char* product_id, const char* event) {
    if (requests().feedback) requests().feedback(static_cast<std::int64_t>(customer_id), product_id, event);
}
EMSCRIPTEN_KEEPALIVE void app_more_links(double customer_id, const char* product_id) {
    if (requests().more_links) requests().more_links(static_cast<std::int64_t>(customer_id), product_id);
}
EMSCRIPTEN_KEEPALIVE void app_open_customer(double customer_id) {
    if (requests().open_customer) requests().open_customer(static_cast<std::int64_t>(customer_id));
}
EMSCRIPTEN_KEEPALIVE void app_export_next_best_actions() {
    if (requests().export_next_best_actions) requests().export_next_best_actions();
}
EMSCRIPTEN_KEEPALIVE void app_set_interests(const char* comma_separated) {
    if (requests().set_interests) requests().set_interests(comma_separated);
}
EMSCRIPTEN_KEEPALIVE void app_set_dark_theme(int dark) {
    if (requests().set_dark_theme) requests().set_dark_theme(dark != 0);
}
EMSCRIPTEN_KEEPALIVE void app_sign_out() {
    if (requests().sign_out) requests().sign_out();
}
}
