// Everything the app shows, in one place. Immediate-mode UI: the views draw this every frame and
// never own state of their own; async work (fetches) updates it from callbacks.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "shared/ai/product_links.h"
#include "shared/api/me.h"
#include "shared/data/model.h"
#include "shared/profile/spending.h"
#include "shared/ranking/device_ranker.h"

namespace app {

enum class Phase {
    Starting,   // asking the proxy who is signed in
    SignedOut,  // the sign-in form is showing
    Loading,    // fetching the catalog and the user's own data
    Ready,
    Failed,     // the proxy answered with an error we cannot recover from; message says why
};

using SignedInUser = bank::api::SignedInUser;

enum class Progress { Idle, Loading, Ready, Failed };

// Where to apply for one product: the catalog's official page first, then what the search
// provider found on the bank's own domains (the proxy checks every link).
struct ApplyLinks {
    Progress progress = Progress::Idle;
    std::vector<bank::ai::ProductLink> links;
    std::string provider;  // "catalog", "vertex-ai-search"
};

// What the AI features said about one customer's shortlist: a personal explanation per product
// (Gemini, or the offline provider) and a short digest (the summarizer, or an extractive summary).
struct AiInsight {
    Progress explanations_progress = Progress::Idle;
    std::map<std::string, std::string> explanations;  // product id -> text
    std::string explanations_provider;                // "gemini", "offline", ...
    Progress digest_progress = Progress::Idle;
    std::string digest;
    std::string digest_provider;
    std::string note;  // why a real provider was not used, or why the request failed
    std::map<std::string, ApplyLinks> links;  // product id -> links, fetched when asked for
};

// A customer as the app holds them: the record, their spending mix, and — once ranked on this
// device — their best next products.
struct RankedCustomer {
    bank::Customer customer;
    std::vector<bank::CategorySpend> spending;
    std::optional<bank::RankingResult> ranking;
    std::string ranking_error;  // why ranking failed, shown instead of cards
    AiInsight insight;
    std::map<std::string, std::string> feedback;  // product id -> latest event ("offered", ...)
    std::string last_feedback;                    // "Offered: Easy Access Saver", for the book table
};

// An on-device model channel as the ranking uses it: text (SBERT) or pictures (CLIP). Until the
// text model is active the lexical encoder serves; without CLIP there is no picture signal; the
// screens say why.
struct ModelUse {
    enum class Stage { Off, Loading, Embedding, Active, Fallback };
    Stage stage = Stage::Off;
    std::string note;        // why the lexical encoder is in use, or which model is
    double bytes_done = 0;   // download progress of the model file
    double bytes_total = 0;
    std::map<std::int64_t, std::vector<float>> profiles;  // customer id -> profile vector
};

// What the banker's book table is sorted by: the best product's likelihood (the opportunity), or
// one of its columns.
enum class BookSort { Opportunity, Name, Id, Segment, Product, Feedback };

// Where one of the book table's controls is drawn, in CSS pixels from the canvas's top left:
// published with the state so that browser tests click it where a banker would.
struct CanvasRect {
    float x = 0, y = 0, width = 0, height = 0;
    bool operator==(const CanvasRect& o) const { return x == o.x && y == o.y && width == o.width && height == o.height; }
};

// The banker's book table as shown (wasm/flows/book_order.h). Its row order is made when the book
// arrives, when ranking completes and when the banker sorts; never on every batch of results, so
// rows do not jump under the banker's pointer while results stream in.
struct BookView {
    BookSort sort = BookSort::Opportunity;
    bool descending = true;
    std::vector<int> order;                  // indices into book, sorted, before any filter
    std::vector<std::int64_t> order_ids;     // the book's ids when the order was made
    int ranked_when_sorted = 0;              // book_ranked when the order was made
    int sorts = 0;                           // how many times the order was made
    std::vector<int> name_places;            // per book index: place in the browser's locale order
    std::set<std::string> segments;          // segment chips switched on; none: every segment
    std::string search;                      // the search box: name, id or product
    std::map<std::string, CanvasRect> controls;  // "segment:Retired", "sort:name", "sort-now", ...
};

// "Not for me" just pressed: the product left the list at once and can come back with Undo for a
// few seconds. The proxy's feedback API has no revoke, so the event is sent when the window closes.
struct PendingDecline {
    std::int64_t customer_id = 0;
    std::string product_id;
    std::string product_name;
    int ticket = 0;  // the timer that closes this window (a newer decline has a newer ticket)
};

struct AppState {
    Phase phase = Phase::Starting;
    bool demo = false;         // served by a static file server: bundled synthetic data, offline AI
    bool dark = false;         // colour theme; follows the browser's preference at start
    std::string notice;        // a short confirmation ("Export recorded ..."), shown until replaced
    bool notice_problem = false;  // the notice reports a refusal or failure
    std::string status;        // what is happening now, for the loading and error screens
    SignedInUser user;
    std::vector<bank::Product> catalog;
    std::optional<bank::BehaviorModel> behavior;   // aggregate model from the proxy
    std::optional<bank::RankingWeights> weights;
    nlohmann::json propensity_model;              // the learned model's XGBoost JSON; null if none
    std::optional<bank::DeviceRanker> ranker;
    std::optional<RankedCustomer> profile;     // a customer's own record
    std::vector<RankedCustomer> book;          // a banker's assigned customers
    int selected_customer = -1;                // index into book, banker view
    int book_ranked = 0;                       // customers of the book ranked so far
    BookView book_view;                        // the banker's book table
    std::optional<PendingDecline> pending_decline;
    int decline_tickets = 0;
    // Where the customer's view drew its controls ("undo", "adjust-interests", ...), in CSS pixels:
    // published with the state so that browser tests click them where a customer would.
    std::map<std::string, CanvasRect> card_controls;
    int loads_pending = 0;
    ModelUse models;  // text: SBERT
    ModelUse images;  // pictures: CLIP text and vision
};

}  // namespace app
