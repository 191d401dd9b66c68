#include "wasm/flows/dom_mirror.h"

#include <nlohmann/json.hpp>

#include "shared/ranking/card_reasons.h"
#include "wasm/flows/book_order.h"
#include "wasm/labels.h"
#include "wasm/platform/browser.h"

namespace app {
namespace {

const char* phase_name(Phase p) {
    switch (p) {
        case Phase::Starting: return "starting";
        case Phase::SignedOut: return "signed-out";
        case Phase::Loading: return "loading";
        case Phase::Ready: return "ready";
        case Phase::Failed: return "failed";
    }
    return "unknown";
}

nlohmann::json product_entry(const bank::Product& p) {
    return {{"id", p.id}, {"name", p.name}, {"category", bank::to_string(p.category)}, {"link", p.link},
            {"facts", key_facts(p)}};
}

// `voice`: the customer reads their own cards ("your"), a banker their customers' ("their", and
// the eligibility thresholds the customer is not shown).
nlohmann::json customer_entry(const RankedCustomer& who, bank::Voice voice) {
    const bank::Customer& c = who.customer;
    nlohmann::json entry = {{"id", c.id},
                            {"name", c.name},
                            {"occupation", c.occupation},
                            {"interests", c.interests},
                            {"products_held", c.products_held}};
    entry["segment"] = segment_of(who);
    if (who.ranking) {
        entry["signals"] = who.ranking->signals_used;
        entry["recommendations"] = nlohmann::json::array();
        for (const bank::Recommendation& r : who.ranking->recommendations) {
            nlohmann::json reasons = nlohmann::json::array();
            for (const bank::Reason& reason : r.reasons) reasons.push_back(bank::reason_text(reason, voice));
            entry["recommendations"].push_back({{"id", r.product_id}, {"name", r.product_name},
                                                {"category", bank::to_string(r.category)},
                                                {"score", r.score}, {"likelihood", r.likelihood},
                                                {"likelihood_text", likelihood_words(r.likelihood, voice)},
                                                {"likelihood_percent", likelihood_percent(r.likelihood)},
                                                {"headline", bank::headline(r) != nullptr},
                                                {"moved_for_interest", r.moved_for_interest}, {"reasons", reasons}});
        }
        entry["interests_note"] = who.ranking->interests_note;
        entry["why_not"] = nlohmann::json::array();
        for (const bank::Exclusion& e : who.ranking->exclusions) {
            const std::string& text = voice == bank::Voice::Banker ? e.text : e.customer_text;
            if (!text.empty()) entry["why_not"].push_back(text);
        }
    }
    if (!who.ranking_error.empty()) entry["ranking_error"] = who.ranking_error;
    const AiInsight& ai = who.insight;
    auto progress = [](Progress p) {
        switch (p) {
            case Progress::Idle: return "idle";
            case Progress::Loading: return "loading";
            case Progress::Ready: return "ready";
            case Progress::Failed: return "failed";
        }
        return "idle";
    };
    entry["insight"] = {{"explanations", ai.explanations},
                        {"explanations_status", progress(ai.explanations_progress)},
                        {"explanations_provider", ai.explanations_provider},
                        {"digest", ai.digest},
                        {"digest_status", progress(ai.digest_progress)},
                        {"digest_provider", ai.digest_provider},
                        {"note", ai.note}};
    nlohmann::json links = nlohmann::json::object();
    for (const auto& [product, set] : ai.links) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& l : set.links) list.push_back({{"title", l.title}, {"link", l.link}, {"site", l.display_link}});
        links[product] = {{"status", progress(set.progress)}, {"provider", set.provider}, {"links", list}};
    }
    entry["insight"]["links"] = links;
    entry["feedback"] = who.feedback;
    entry["last_feedback"] = who.last_feedback;
    return entry;
}

}  // namespace

void publish_state(const AppState& state) {
    nlohmann::json m;
    m["phase"] = phase_name(state.phase);
    m["status"] = state.status;
    m["demo"] = state.demo;
    m["theme"] = state.dark ? "dark" : "light";
    m["notice"] = state.notice;
    m["notice_problem"] = state.notice_problem;
    const char* stages[] = {"off", "loading", "embedding", "active", "fallback"};
    m["text_model"] = {{"stage", stages[static_cast<int>(state.models.stage)]}, {"note", state.models.note}};
    m["picture_model"] = {{"stage", stages[static_cast<int>(state.images.stage)]}, {"note", state.images.note}};
    if (state.phase == Phase::Ready || state.phase == Phase::Loading) {
        m["user"] = {{"role", bank::to_string(state.user.role)}, {"display_name", state.user.display_name}};
        m["catalog"] = nlohmann::json::array();
        for (const auto& p : state.catalog) m["catalog"].push_back(product_entry(p));
        if (state.profile) m["profile"] = customer_entry(*state.profile, bank::Voice::Customer);
        m["book"] = nlohmann::json::array();
        for (const auto& c : state.book) m["book"].push_back(customer_entry(c, bank::Voice::Banker));
        m["book_ranked"] = state.book_ranked;
        m["book_view"] = book_view_json(state);
        if (state.pending_decline) {
            const PendingDecline& d = *state.pending_decline;
            m["undo"] = {{"customer_id", d.customer_id}, {"product_id", d.product_id}, {"product_name", d.product_name}};
        }
        nlohmann::json controls = nlohmann::json::object();
        for (const auto& [name, r] : state.card_controls)
            controls[name] = {{"x", r.x}, {"y", r.y}, {"width", r.width}, {"height", r.height}};
        m["card_controls"] = controls;
        m["selected_customer"] = state.selected_customer >= 0 && state.selected_customer < static_cast<int>(state.book.size())
                                     ? nlohmann::json(state.book[state.selected_customer].customer.id)
                                     : nlohmann::json(nullptr);
    }
    publish_mirror(m.dump());
}

}  // namespace app
