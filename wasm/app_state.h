// Everything the app shows, in one place. Immediate-mode UI: the views draw this every frame and
// never own state of their own; async work (fetches) updates it from callbacks.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

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
    std::string propensity_model;                 // XGBoost JSON text of the learned model; "" if none
    std::optional<bank::DeviceRanker> ranker;
    std::optional<RankedCustomer> profile;     // a customer's own record
    std::vector<RankedCustomer> book;          // a banker's assigned customers
    int selected_customer = -1;                // index into book, banker view
    int book_ranked = 0;                       // customers of the book ranked so far
    int loads_pending = 0;
    ModelUse models;  // text: SBERT
    ModelUse images;  // pictures: CLIP text and vision
};

}  // namespace app
