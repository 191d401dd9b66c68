#include "wasm/flows/dom_mirror.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

#include "shared/data/json_text.h"
#include "shared/ranking/card_reasons.h"
#include "wasm/flows/book_order.h"
#include "wasm/flows/fingerprint.h"
#include "wasm/labels.h"
#include "wasm/platform/browser.h"

namespace app {
namespace {

using bank::JsonText;

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

const char* progress_name(Progress p) {
    switch (p) {
        case Progress::Idle: return "idle";
        case Progress::Loading: return "loading";
        case Progress::Ready: return "ready";
        case Progress::Failed: return "failed";
    }
    return "idle";
}

void recommendation_entry(JsonText& j, const bank::Recommendation& r, bank::Voice voice) {
    j.begin('{');
    j.key("category").value(bank::to_string(r.category));
    j.key("headline").value(bank::headline(r) != nullptr);
    j.key("id").value(r.product_id);
    j.key("likelihood").value(static_cast<double>(r.likelihood));
    j.key("likelihood_percent").value(likelihood_percent(r.likelihood));
    j.key("likelihood_text").value(likelihood_words(r.likelihood, voice));
    j.key("moved_for_interest").value(r.moved_for_interest);
    j.key("name").value(r.product_name);
    j.key("reasons").begin('[');
    for (const bank::Reason& reason : r.reasons) j.value(bank::reason_text(reason, voice));
    j.end(']');
    j.key("score").value(static_cast<double>(r.score));
    j.end('}');
}

void insight_entry(JsonText& j, const AiInsight& ai) {
    j.begin('{');
    j.key("digest").value(ai.digest);
    j.key("digest_provider").value(ai.digest_provider);
    j.key("digest_status").value(progress_name(ai.digest_progress));
    j.key("explanations").value(ai.explanations);
    j.key("explanations_provider").value(ai.explanations_provider);
    j.key("explanations_status").value(progress_name(ai.explanations_progress));
    j.key("links").begin('{');
    for (const auto& [product, set] : ai.links) {
        j.key(product).begin('{');
        j.key("links").begin('[');
        for (const auto& l : set.links) {
            j.begin('{').key("link").value(l.link).key("site").value(l.display_link).key("title").value(l.title).end('}');
        }
        j.end(']');
        j.key("provider").value(set.provider);
        j.key("status").value(progress_name(set.progress));
        j.end('}');
    }
    j.end('}');
    j.key("note").value(ai.note);
    j.end('}');
}

// `voice`: the customer reads their own cards ("your"), a banker their customers' ("their", and
// the eligibility thresholds the customer is not shown).
void customer_entry(JsonText& j, const RankedCustomer& who, bank::Voice voice) {
    const bank::Customer& c = who.customer;
    const std::optional<bank::RankingResult>& ranking = who.ranking;
    j.begin('{');
    j.key("feedback").value(who.feedback);
    j.key("id").value(static_cast<std::int64_t>(c.id));
    j.key("insight");
    insight_entry(j, who.insight);
    j.key("interests").value(c.interests);
    if (ranking) j.key("interests_note").value(ranking->interests_note);
    j.key("last_feedback").value(who.last_feedback);
    j.key("name").value(c.name);
    j.key("occupation").value(c.occupation);
    j.key("products_held").value(c.products_held);
    if (!who.ranking_error.empty()) j.key("ranking_error").value(who.ranking_error);
    if (ranking) {
        j.key("recommendations").begin('[');
        for (const bank::Recommendation& r : ranking->recommendations) recommendation_entry(j, r, voice);
        j.end(']');
    }
    j.key("segment").value(segment_of(who));
    if (ranking) {
        j.key("signals").value(ranking->signals_used);
        j.key("why_not").begin('[');
        for (const bank::Exclusion& e : ranking->exclusions) {
            const std::string& text = voice == bank::Voice::Banker ? e.text : e.customer_text;
            if (!text.empty()) j.value(text);
        }
        j.end(']');
    }
    j.end('}');
}

// A customer of the book whose cards are not shown: what their row of the accessible table and the
// tests read (who they are, their ranked products with the likelihoods, the feedback given), not
// the cards (reasons, likelihood sentences, why-not sentences, AI insight). Less than half of a
// whole entry: the page takes in all 10,000 of a book just ranked, so this is most of what
// publishing costs it while the workers rank (BENCHMARKS.md).
void row_entry(JsonText& j, const RankedCustomer& who) {
    j.begin('{');
    j.key("feedback").value(who.feedback);
    j.key("id").value(static_cast<std::int64_t>(who.customer.id));
    j.key("last_feedback").value(who.last_feedback);
    j.key("name").value(who.customer.name);
    if (!who.ranking_error.empty()) j.key("ranking_error").value(who.ranking_error);
    if (who.ranking) {
        j.key("recommendations").begin('[');
        for (const bank::Recommendation& r : who.ranking->recommendations) {
            j.begin('{');
            j.key("category").value(bank::to_string(r.category));
            j.key("id").value(r.product_id);
            j.key("likelihood").value(static_cast<double>(r.likelihood));
            j.key("likelihood_percent").value(likelihood_percent(r.likelihood));
            j.key("name").value(r.product_name);
            j.key("score").value(static_cast<double>(r.score));
            j.end('}');
        }
        j.end(']');
    }
    j.key("segment").value(segment_of(who));
    j.end('}');
}

// What row_entry publishes, as a fingerprint (the same rule as customer_fingerprint's below).
std::uint64_t row_fingerprint(const RankedCustomer& who) {
    Fingerprint f;
    f.add(std::uint64_t{0x524f57});  // never equal to a whole entry's
    f.add(who.feedback);
    f.add(static_cast<std::uint64_t>(who.customer.id));
    f.add(std::string_view(who.last_feedback));
    f.add(std::string_view(who.customer.name));
    f.add(std::string_view(who.ranking_error));
    f.add(static_cast<std::uint64_t>(who.ranking.has_value()));
    if (who.ranking) {
        f.add(static_cast<std::uint64_t>(who.ranking->recommendations.size()));
        for (const bank::Recommendation& r : who.ranking->recommendations) {
            f.add(static_cast<std::uint64_t>(r.category));
            f.add(std::string_view(r.product_id));
            f.add(static_cast<double>(r.likelihood));
            f.add(std::string_view(r.product_name));
            f.add(static_cast<double>(r.score));
        }
    }
    f.add(std::string_view(segment_of(who)));
    return f.value();
}

// What customer_entry would publish for `who`, as a fingerprint, without building it: the page is
// sent a customer again only when this changed. It MUST read exactly the fields customer_entry
// serializes (or what they are computed from: likelihood_words and likelihood_percent from the
// likelihood and voice, "headline" from the reasons): a field added there and not here would
// reach the page only with the next whole book (tests/e2e/mirror_changes.test.mjs compares).
std::uint64_t customer_fingerprint(const RankedCustomer& who, bank::Voice voice) {
    const bank::Customer& c = who.customer;
    Fingerprint f;
    f.add(static_cast<std::uint64_t>(voice));
    f.add(static_cast<std::uint64_t>(c.id));
    f.add(std::string_view(c.name));
    f.add(std::string_view(c.occupation));
    f.add(c.interests);
    f.add(c.products_held);
    f.add(std::string_view(segment_of(who)));
    f.add(static_cast<std::uint64_t>(who.ranking.has_value()));
    if (who.ranking) {
        f.add(who.ranking->signals_used);
        f.add(static_cast<std::uint64_t>(who.ranking->recommendations.size()));
        for (const bank::Recommendation& r : who.ranking->recommendations) {
            f.add(std::string_view(r.product_id));
            f.add(std::string_view(r.product_name));
            f.add(static_cast<std::uint64_t>(r.category));
            f.add(static_cast<double>(r.score));
            f.add(static_cast<double>(r.likelihood));
            f.add(static_cast<std::uint64_t>(bank::headline(r) != nullptr));
            f.add(std::string_view(r.moved_for_interest));
            f.add(static_cast<std::uint64_t>(r.reasons.size()));
            for (const bank::Reason& reason : r.reasons) f.add(std::string_view(bank::reason_text(reason, voice)));
        }
        f.add(std::string_view(who.ranking->interests_note));
        f.add(static_cast<std::uint64_t>(who.ranking->exclusions.size()));
        for (const bank::Exclusion& e : who.ranking->exclusions) {
            f.add(std::string_view(voice == bank::Voice::Banker ? e.text : e.customer_text));
        }
    }
    f.add(std::string_view(who.ranking_error));
    const AiInsight& ai = who.insight;
    f.add(ai.explanations);
    f.add(std::string_view(progress_name(ai.explanations_progress)));
    f.add(std::string_view(ai.explanations_provider));
    f.add(std::string_view(ai.digest));
    f.add(std::string_view(progress_name(ai.digest_progress)));
    f.add(std::string_view(ai.digest_provider));
    f.add(std::string_view(ai.note));
    f.add(static_cast<std::uint64_t>(ai.links.size()));
    for (const auto& [product, set] : ai.links) {
        f.add(std::string_view(product));
        f.add(std::string_view(progress_name(set.progress)));
        f.add(std::string_view(set.provider));
        f.add(static_cast<std::uint64_t>(set.links.size()));
        for (const auto& l : set.links) {
            f.add(std::string_view(l.title));
            f.add(std::string_view(l.link));
            f.add(std::string_view(l.display_link));
        }
    }
    f.add(who.feedback);
    f.add(std::string_view(who.last_feedback));
    return f.value();
}

// What the page holds from earlier publishes, so that a publish sends only what changed (web/shell.js
// merges it into its own copy): the whole book it was last sent (its generation and ids), what each
// customer's entry was then (a fingerprint), and the table's order and rows.
struct Published {
    int generation = 0;  // of the whole book the page holds; 0: it holds none
    std::vector<std::int64_t> ids;
    std::vector<std::uint64_t> fingerprints;
    std::optional<std::vector<std::int64_t>> order;  // nullopt: not sent since the whole book
    std::optional<std::vector<std::int64_t>> shown;
};

Published& published() {
    static Published sent;
    return sent;
}

bool same_customers(const std::vector<std::int64_t>& ids, const std::vector<RankedCustomer>& book) {
    if (ids.size() != book.size()) return false;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        if (ids[i] != book[i].customer.id) return false;
    }
    return true;
}

// Set by publish_state_soon until its publish runs, or another comes first.
const AppState* g_publish_due = nullptr;

// At most this many customers' entries in one publish of changes; the rest follow in publishes
// made right after it (ask_to_catch_up). A ranked customer's entry is 2.6 kB of JSON: the 10,000 of a book
// just ranked would hold the page's thread for half a second in one go.
constexpr std::size_t kChangesPerPublish = 100;
std::size_t g_changes_per_publish = kChangesPerPublish;

const AppState* g_catching_up = nullptr;

void ask_to_catch_up(const AppState& state) {
    if (g_catching_up) return;
    g_catching_up = &state;
    call_later(0, [] {
        const AppState* state = g_catching_up;
        g_catching_up = nullptr;
        if (!state) return;
        // In a background tab timers come a second apart or rarer, and nobody sees the page stall
        // there: everything that is left goes at once. (Not "when the timer came late": a busy
        // page delays timers too, and is where the split matters.)
        if (page_hidden()) g_changes_per_publish = static_cast<std::size_t>(-1);
        publish_state(*state);
        g_changes_per_publish = kChangesPerPublish;
    });
}

// The customer whose cards the banker has open: their whole entry; every other customer's row.
bool cards_shown(const AppState& state, std::size_t index) {
    return state.selected_customer >= 0 && static_cast<std::size_t>(state.selected_customer) == index;
}

void book_entry(JsonText& j, const AppState& state, std::size_t index) {
    if (cards_shown(state, index)) customer_entry(j, state.book[index], bank::Voice::Banker);
    else row_entry(j, state.book[index]);
}

// The book as "book" (every entry) when the page holds another book or none, else as
// "book_changes": [{at, entry}] for the customers whose entry changed since the last publish (at
// most g_changes_per_publish; the opened customer's first, so their cards never wait behind a
// book being ranked). Written as text (`book`), beside the rest of the message (`m`). Returns how
// many changed entries are left for the next publish.
int add_book(const AppState& state, nlohmann::json& m, JsonText& book) {
    static int generations = 0;
    Published& sent = published();
    std::vector<std::uint64_t> prints;
    prints.reserve(state.book.size());
    for (std::size_t i = 0; i < state.book.size(); ++i) {
        prints.push_back(cards_shown(state, i) ? customer_fingerprint(state.book[i], bank::Voice::Banker)
                                               : row_fingerprint(state.book[i]));
    }
    std::size_t written = 0;
    int left = 0;
    if (sent.generation == 0 || !same_customers(sent.ids, state.book)) {
        sent = Published{++generations, {}, {}, {}, {}};
        book.key("book").begin('[');
        for (std::size_t i = 0; i < state.book.size(); ++i) {
            book_entry(book, state, i);
            sent.ids.push_back(state.book[i].customer.id);
        }
        sent.fingerprints = std::move(prints);
    } else {
        book.key("book_changes").begin('[');
        const auto write_change = [&](std::size_t i) {
            if (prints[i] == sent.fingerprints[i]) return;
            if (written == g_changes_per_publish) {
                ++left;  // its old fingerprint stays: still a change next time
                return;
            }
            book.begin('{').key("at").value(static_cast<std::int64_t>(i)).key("entry");
            book_entry(book, state, i);
            book.end('}');
            sent.fingerprints[i] = prints[i];
            ++written;
        };
        const std::size_t opened = static_cast<std::size_t>(state.selected_customer);  // -1: none, past the end
        if (opened < prints.size()) write_change(opened);
        for (std::size_t i = 0; i < prints.size(); ++i) {
            if (i != opened) write_change(i);
        }
    }
    book.end(']');
    m["book_generation"] = sent.generation;
    return left;
}

// The table's view; its order and rows (10,000 ids each in a large book) only when they changed.
nlohmann::json book_view_changes(const AppState& state) {
    Published& sent = published();
    nlohmann::json view = book_view_json(state);
    std::vector<std::int64_t> order = ordered_ids(state);
    std::vector<std::int64_t> shown = shown_ids(state);
    if (order != sent.order) view["order"] = *(sent.order = std::move(order));
    if (shown != sent.shown) view["shown"] = *(sent.shown = std::move(shown));
    return view;
}

}  // namespace

void publish_state(const AppState& state) {
    g_publish_due = nullptr;  // a publish asked for soon has nothing more to send
    nlohmann::json m;
    JsonText entries;  // the customers' entries, written as text: the profile, the book
    entries.begin('{');
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
        if (state.profile) customer_entry(entries.key("profile"), *state.profile, bank::Voice::Customer);
        // While changed entries wait, the page's book is not yet the app's: it is not said to be
        // fully ranked before it holds every result.
        const int left = add_book(state, m, entries);
        m["book_ranked"] = std::max(0, state.book_ranked - left);
        if (left > 0) ask_to_catch_up(state);
        m["book_view"] = book_view_changes(state);
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
    } else {
        published() = Published{};  // signed out, failed: the page forgets the book
    }
    // One object: the rest of the message, then the entries' keys.
    std::string text = m.dump();
    std::string& more = entries.end('}').text();
    if (more.size() > 2) {
        text.back() = ',';
        text.append(more, 1, std::string::npos);
    }
    publish_mirror(text);
}

void publish_state_soon(const AppState& state) {
    if (g_publish_due) return;
    g_publish_due = &state;
    call_later(0, [] {
        if (const AppState* due = std::exchange(g_publish_due, nullptr)) publish_state(*due);
    });
}

void publish_whole_state(const AppState& state) {
    published() = Published{};
    publish_state(state);
}

}  // namespace app
