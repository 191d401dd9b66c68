#include "wasm/platform/browser.h"

#include <emscripten.h>

namespace {

app::PageRequests& requests() {
    static app::PageRequests installed;
    return installed;
}

// What the page asks changes what the canvas shows, so the next frames are drawn (the page may ask
// without any input event: an assistive technology's action, a test).
const app::PageRequests& asked() {
    app::request_frames();
    return requests();
}

}  // namespace

namespace app {

void listen_to_page(PageRequests installed) { requests() = installed; }

}  // namespace app

// The page calls these: its sign-in form, the demo chooser, and the accessible mirror's buttons,
// which do exactly what the canvas buttons do (web/shell.js).
extern "C" {
EMSCRIPTEN_KEEPALIVE void app_on_signed_in() {
    if (const auto& r = asked(); r.signed_in) r.signed_in();
}
EMSCRIPTEN_KEEPALIVE void app_start_demo(int banker) {
    if (const auto& r = asked(); r.start_demo) r.start_demo(banker != 0);
}
EMSCRIPTEN_KEEPALIVE void app_feedback(double customer_id, const char* product_id, const char* event) {
    if (const auto& r = asked(); r.feedback) r.feedback(static_cast<std::int64_t>(customer_id), product_id, event);
}
EMSCRIPTEN_KEEPALIVE void app_more_links(double customer_id, const char* product_id) {
    if (const auto& r = asked(); r.more_links) r.more_links(static_cast<std::int64_t>(customer_id), product_id);
}
EMSCRIPTEN_KEEPALIVE void app_open_customer(double customer_id) {
    if (const auto& r = asked(); r.open_customer) r.open_customer(static_cast<std::int64_t>(customer_id));
}
EMSCRIPTEN_KEEPALIVE void app_export_next_best_actions() {
    if (const auto& r = asked(); r.export_next_best_actions) r.export_next_best_actions();
}
EMSCRIPTEN_KEEPALIVE void app_set_interests(const char* comma_separated) {
    if (const auto& r = asked(); r.set_interests) r.set_interests(comma_separated);
}
EMSCRIPTEN_KEEPALIVE void app_set_dark_theme(int dark) {
    if (const auto& r = asked(); r.set_dark_theme) r.set_dark_theme(dark != 0);
}
EMSCRIPTEN_KEEPALIVE void app_sign_out() {
    if (const auto& r = asked(); r.sign_out) r.sign_out();
}
EMSCRIPTEN_KEEPALIVE void app_undo_decline() {
    if (const auto& r = asked(); r.undo_decline) r.undo_decline();
}
EMSCRIPTEN_KEEPALIVE void app_sort_book(const char* sort, int descending) {
    if (const auto& r = asked(); r.sort_book) r.sort_book(sort, descending != 0);
}
EMSCRIPTEN_KEEPALIVE void app_toggle_segment(const char* segment) {
    if (const auto& r = asked(); r.toggle_segment) r.toggle_segment(segment);
}
EMSCRIPTEN_KEEPALIVE void app_clear_segments() {
    if (const auto& r = asked(); r.clear_segments) r.clear_segments();
}
EMSCRIPTEN_KEEPALIVE void app_publish_whole_state() {
    if (const auto& r = asked(); r.publish_whole_state) r.publish_whole_state();
}
}
