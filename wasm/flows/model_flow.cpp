#include "wasm/flows/model_flow.h"

#include <string>
#include <vector>

#include "shared/text/clip_tokenizer.h"
#include "shared/text/wordpiece_tokenizer.h"
#include "wasm/flows/ai_flow.h"
#include "wasm/flows/dom_mirror.h"
#include "wasm/flows/ranking_flow.h"
#include "wasm/platform/browser.h"

namespace app {
namespace {

namespace inference = bank::inference;
using Stage = ModelUse::Stage;

// The two channels differ in model, tokenizer and what the products contribute (their text or
// their picture); everything else is shared.
enum class Channel { Text, Pictures };

constexpr const char* kWordPiece = "/models/tokenizers/all-MiniLM-L6-v2/tokenizer.json";
constexpr const char* kClipTokenizer = "/models/tokenizers/clip-vit-base-patch32/tokenizer.json";

ModelUse& use(AppState& state, Channel c) { return c == Channel::Text ? state.models : state.images; }
inference::Model profile_model(Channel c) {
    return c == Channel::Text ? inference::Model::MiniLm : inference::Model::ClipText;
}

// The encoder's name as the manifest labels it (test models say so), shown with every result.
std::string encoder_label(Channel c) {
    const std::string& label = inference::status(profile_model(c)).label;
    return (label.empty() ? std::string(c == Channel::Text ? "MiniLM" : "CLIP") : label) + ", on this device";
}

// The tokenizers outlive the first embedding: edited interests are embedded with them later.
std::optional<bank::WordPieceTokenizer>& wordpiece() {
    static std::optional<bank::WordPieceTokenizer> t;
    return t;
}
std::optional<bank::ClipTokenizer>& clip_tokenizer() {
    static std::optional<bank::ClipTokenizer> t;
    return t;
}

inference::TokenBatch token_batch(Channel c, const std::vector<std::string>& texts) {
    const bank::TokenizedBatch t =
        c == Channel::Text ? wordpiece()->encode_batch(texts) : clip_tokenizer()->encode_batch(texts);
    inference::TokenBatch batch;
    batch.rows = t.batch;
    batch.seq = t.seq_len;
    batch.input_ids = t.input_ids;
    batch.attention_mask = t.attention_mask;
    batch.token_type_ids = t.token_type_ids;
    return batch;
}

void fall_back(AppState& state, Channel c, const std::string& why) {
    use(state, c).stage = Stage::Fallback;
    use(state, c).note = why;
    publish_state_soon(state);
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

// Embeds the profile texts of `ids` in one batch, then ranks each of them again with its vector.
void embed_profiles(AppState& state, Channel c, const std::vector<std::int64_t>& ids) {
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
    inference::request_text_embeddings(profile_model(c), token_batch(c, texts), [s, c, found](inference::Embeddings e) {
        if (!e.ok() || e.use_lexical || e.rows != found.size()) {
            return fall_back(*s, c, e.error.empty() ? "the model stopped answering" : e.error);
        }
        for (std::size_t i = 0; i < found.size(); ++i) {
            use(*s, c).profiles[found[i]].assign(e.values.begin() + i * e.dimension,
                                                 e.values.begin() + (i + 1) * e.dimension);
        }
        use(*s, c).stage = Stage::Active;
        use(*s, c).note = encoder_label(c);
        for (RankedCustomer* who : everyone(*s)) {
            for (std::int64_t id : found) {
                if (who->customer.id == id) rerank_and_refresh(*s, *who);
            }
        }
        publish_state(*s);
    });
}

// The products' side: SBERT of their text, or CLIP of their picture.
void embed_catalog(AppState& state, Channel c) {
    AppState* s = &state;
    auto done = [s, c](inference::Embeddings e) {
        if (!e.ok() || e.use_lexical) return fall_back(*s, c, e.error.empty() ? "the model is not available" : e.error);
        std::vector<std::string> names;
        for (const bank::Product& p : s->catalog) names.push_back(p.id);
        // A picture that failed to load is an all-zero row: that product simply has no picture signal.
        auto matrix = bank::make_embedding_matrix(encoder_label(c), e.dimension, std::move(e.values), names);
        if (!matrix) return fall_back(*s, c, "the product vectors were not usable: " + matrix.error().message);
        auto ranker = c == Channel::Text ? bank::with_model_vectors(*s->ranker, std::move(matrix).value(), {})
                                         : bank::with_model_vectors(*s->ranker, {}, std::move(matrix).value());
        if (!ranker) return fall_back(*s, c, "the product vectors were not usable: " + ranker.error().message);
        s->ranker = std::move(ranker).value();
        std::vector<std::int64_t> ids;
        for (RankedCustomer* who : everyone(*s)) ids.push_back(who->customer.id);
        embed_profiles(*s, c, ids);
    };
    if (c == Channel::Text) {
        inference::request_catalog_text_embeddings(inference::Model::MiniLm,
                                                   token_batch(c, bank::product_texts(*state.ranker)), done);
    } else {
        std::vector<std::string> urls;
        for (const bank::Product& p : state.catalog) urls.push_back("/" + p.image);
        inference::request_catalog_image_embeddings(urls, done);
    }
}

void load_tokenizer(AppState& state, Channel c) {
    AppState* s = &state;
    const char* path = c == Channel::Text ? kWordPiece : kClipTokenizer;
    http_request("GET", path, "", [s, c, path](const HttpResponse& r) {
        if (r.status != 200) return fall_back(*s, c, std::string("the tokenizer ") + path + " could not be loaded");
        std::string problem;
        if (c == Channel::Text) {
            auto loaded = bank::WordPieceTokenizer::from_files(r.body);
            if (loaded) wordpiece() = std::move(loaded).value();
            else problem = loaded.error().message();
        } else {
            auto loaded = bank::ClipTokenizer::from_files(r.body);
            if (loaded) clip_tokenizer() = std::move(loaded).value();
            else problem = loaded.error().message();
        }
        if (!problem.empty()) return fall_back(*s, c, "the tokenizer is not usable: " + problem);
        embed_catalog(*s, c);
    });
}

// Follows one channel's models while they load.
void follow(AppState& state, Channel c, std::initializer_list<inference::Model> needed) {
    ModelUse& u = use(state, c);
    if (u.stage != Stage::Loading) return;
    u.bytes_done = u.bytes_total = 0;
    bool ready = true;
    for (inference::Model m : needed) {
        const inference::ModelStatus& st = inference::status(m);
        u.bytes_done += st.bytes_done;
        u.bytes_total += st.bytes_total;
        if (st.state == inference::ModelState::Fallback) return fall_back(state, c, st.message);
        ready = ready && st.state == inference::ModelState::Ready;
    }
    if (!ready) return;
    u.stage = Stage::Embedding;
    u.note = "preparing product vectors";
    publish_state_soon(state);
    load_tokenizer(state, c);
}

}  // namespace

void start_models(AppState& state) {
    if (state.demo || state.models.stage != Stage::Off) return;
    inference::StartOptions options;
    options.show_panel = false;  // the app shows progress and fallback itself
    inference::start(options);
    state.models.stage = state.images.stage = Stage::Loading;
    state.models.note = "loading the text-matching model";
    state.images.note = "loading the picture-matching model";
}

void continue_models(AppState& state) {
    if (!state.ranker) return;
    follow(state, Channel::Text, {inference::Model::MiniLm});
    follow(state, Channel::Pictures, {inference::Model::ClipText, inference::Model::ClipVision});
}

void rerank_with_models(AppState& state, RankedCustomer& who) {
    // Each active channel embeds the new profile text; each answer ranks again.
    bool async = false;
    if (state.models.stage == Stage::Active && wordpiece()) {
        embed_profiles(state, Channel::Text, {who.customer.id});
        async = true;
    }
    if (state.images.stage == Stage::Active && clip_tokenizer()) {
        embed_profiles(state, Channel::Pictures, {who.customer.id});
        async = true;
    }
    if (!async) rerank_and_refresh(state, who);
}

}  // namespace app
