#include "model_flow.h"

#include <string>
#include <vector>

#include "ai_flow.h"
#include "browser.h"
#include "dom_mirror.h"
#include "inference/embeddings.h"
#include "ranking_flow.h"
#include "shared/text/wordpiece_tokenizer.h"

namespace app {
namespace {

namespace inference = bank::inference;
using Stage = ModelUse::Stage;

constexpr const char* kTokenizer = "/models/tokenizers/all-MiniLM-L6-v2/tokenizer.json";
// The encoder's name as the manifest labels it (test models say so), shown with every result.
std::string encoder_label() {
    const std::string& label = inference::status(inference::Model::MiniLm).label;
    return (label.empty() ? std::string("MiniLM") : label) + ", on this device";
}

// The tokenizer outlives the first embedding: edited interests are embedded with it later.
std::optional<bank::WordPieceTokenizer>& tokenizer() {
    static std::optional<bank::WordPieceTokenizer> t;
    return t;
}

inference::TokenBatch token_batch(const std::vector<std::string>& texts) {
    const bank::TokenizedBatch t = tokenizer()->encode_batch(texts);
    inference::TokenBatch batch;
    batch.rows = t.batch;
    batch.seq = t.seq_len;
    batch.input_ids = t.input_ids;
    batch.attention_mask = t.attention_mask;
    batch.token_type_ids = t.token_type_ids;
    return batch;
}

void fall_back(AppState& state, const std::string& why) {
    state.models.stage = Stage::Fallback;
    state.models.note = why;
    publish_state(state);
}

std::vector<RankedCustomer*> everyone(AppState& state) {
    std::vector<RankedCustomer*> all;
    if (state.profile) all.push_back(&*state.profile);
    for (RankedCustomer& who : state.book) all.push_back(&who);
    return all;
}

std::vector<std::string> shortlist_of(const RankedCustomer& who) {
    std::vector<std::string> ids;
    if (who.ranking) {
        for (const bank::Recommendation& r : who.ranking->recommendations) ids.push_back(r.product_id);
    }
    return ids;
}

// Ranks again; explanations written for another shortlist are dropped and, for the customer on
// screen, asked for again.
void rerank_and_refresh(AppState& state, RankedCustomer& who) {
    const auto before = shortlist_of(who);
    rank_customer_now(state, who);
    if (shortlist_of(who) == before && who.insight.explanations_progress != Progress::Idle) return;
    reset_insight(who);
    const bool on_screen = state.profile ? &*state.profile == &who
                                         : state.selected_customer >= 0 && &state.book[state.selected_customer] == &who;
    if (on_screen) request_insight(state, who);
}

// Embeds the profiles of `ids` in one batch, then ranks each of them again with its vector.
void embed_profiles(AppState& state, const std::vector<std::int64_t>& ids) {
    std::vector<std::string> texts;
    std::vector<std::int64_t> found;
    for (RankedCustomer* who : everyone(state)) {
        for (std::int64_t id : ids) {
            if (who->customer.id == id) {
                texts.push_back(bank::profile_text_for(*state.ranker, who->customer, who->spending));
                found.push_back(id);
            }
        }
    }
    if (texts.empty()) return;
    AppState* s = &state;
    inference::request_text_embeddings(inference::Model::MiniLm, token_batch(texts), [s, found](inference::Embeddings e) {
        if (!e.ok() || e.use_lexical || e.rows != found.size()) {
            return fall_back(*s, e.error.empty() ? "the text model stopped answering" : e.error);
        }
        for (std::size_t i = 0; i < found.size(); ++i) {
            s->models.profiles[found[i]].assign(e.values.begin() + i * e.dimension,
                                                e.values.begin() + (i + 1) * e.dimension);
        }
        for (RankedCustomer* who : everyone(*s)) {
            for (std::int64_t id : found) {
                if (who->customer.id == id) rerank_and_refresh(*s, *who);
            }
        }
        s->models.stage = Stage::Active;
        s->models.note = encoder_label();
        publish_state(*s);
    });
}

void embed_catalog(AppState& state) {
    AppState* s = &state;
    const std::vector<std::string> texts = bank::product_texts(*state.ranker);
    inference::request_catalog_text_embeddings(inference::Model::MiniLm, token_batch(texts), [s](inference::Embeddings e) {
        if (!e.ok() || e.use_lexical) return fall_back(*s, e.error.empty() ? "the text model is not available" : e.error);
        std::vector<std::string> names;
        for (const bank::Product& p : s->catalog) names.push_back(p.id);
        auto matrix = bank::make_embedding_matrix(encoder_label(), e.dimension, std::move(e.values), names);
        if (!matrix) return fall_back(*s, "the product vectors were not usable: " + matrix.error().message);
        auto ranker = bank::with_model_vectors(*s->ranker, std::move(matrix).value(), {});
        if (!ranker) return fall_back(*s, "the product vectors were not usable: " + ranker.error().message);
        s->ranker = std::move(ranker).value();
        std::vector<std::int64_t> ids;
        for (RankedCustomer* who : everyone(*s)) ids.push_back(who->customer.id);
        embed_profiles(*s, ids);
    });
}

void load_tokenizer(AppState& state) {
    AppState* s = &state;
    http_request("GET", kTokenizer, "", [s](const HttpResponse& r) {
        if (r.status != 200) return fall_back(*s, std::string("the tokenizer ") + kTokenizer + " could not be loaded");
        auto loaded = bank::WordPieceTokenizer::from_files(r.body);
        if (!loaded) return fall_back(*s, "the tokenizer is not usable: " + loaded.error().message());
        tokenizer() = std::move(loaded).value();
        embed_catalog(*s);
    });
}

}  // namespace

void start_models(AppState& state) {
    if (state.demo || state.models.stage != Stage::Off) return;
    inference::StartOptions options;
    options.show_panel = false;  // the app shows progress and fallback itself
    inference::start(options);
    state.models.stage = Stage::Loading;
    state.models.note = "loading the text-matching model";
}

void continue_models(AppState& state) {
    if (state.models.stage != Stage::Loading || !state.ranker) return;
    const inference::ModelStatus& st = inference::status(inference::Model::MiniLm);
    state.models.bytes_done = st.bytes_done;
    state.models.bytes_total = st.bytes_total;
    if (st.state == inference::ModelState::Fallback) return fall_back(state, st.message);
    if (st.state != inference::ModelState::Ready) return;
    state.models.stage = Stage::Embedding;
    state.models.note = "preparing product vectors";
    publish_state(state);
    load_tokenizer(state);
}

void rerank_with_models(AppState& state, RankedCustomer& who) {
    if (state.models.stage == Stage::Active && tokenizer()) {
        embed_profiles(state, {who.customer.id});  // ranks when the vector arrives
    } else {
        rerank_and_refresh(state, who);
    }
}

}  // namespace app
