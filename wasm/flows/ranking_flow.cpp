#include "wasm/flows/ranking_flow.h"

#include <algorithm>

#include "wasm/flows/dom_mirror.h"

namespace app {

RankedCustomer* customer_by_id(AppState& state, std::int64_t id) {
    if (state.profile && state.profile->customer.id == id) return &*state.profile;
    for (RankedCustomer& who : state.book) {
        if (who.customer.id == id) return &who;
    }
    return nullptr;
}

RankedCustomer ranked_customer(bank::api::CustomerRecord record) {
    RankedCustomer who;
    who.customer = std::move(record.customer);
    who.spending = std::move(record.transaction_summary.spending);
    return who;
}

bool prepare_ranker(AppState& state) {
    auto ranker = bank::make_device_ranker(state.catalog, *state.behavior, *state.weights);
    if (!ranker) {
        state.phase = Phase::Failed;
        state.status = "Recommendations cannot be computed: " + ranker.error().message;
        return false;
    }
    state.ranker = std::move(ranker).value();
    if (!state.propensity_model.empty()) {
        auto learned = bank::with_propensity_model(*state.ranker, state.propensity_model, "the learned ranking model");
        if (learned) {
            state.ranker = std::move(learned).value();
        } else {
            state.notice = "Recommendations use the standard ranking: " + learned.error().message + ".";
            state.notice_problem = true;
        }
    }
    return true;
}

void rank_customer_now(const AppState& state, RankedCustomer& who) {
    // With on-device models active, the customer's profile vectors from the same models
    // (model_flow.cpp); the device ranker leaves out any signal whose vector is missing.
    bank::ProfileVectors profile;
    auto text = state.models.profiles.find(who.customer.id);
    if (text != state.models.profiles.end()) profile.text = text->second;
    auto picture = state.images.profiles.find(who.customer.id);
    if (picture != state.images.profiles.end()) profile.image = picture->second;
    const bool any = !profile.text.empty() || !profile.image.empty();
    auto result = bank::rank_on_device(*state.ranker, who.customer, who.spending, any ? &profile : nullptr);
    if (result) {
        who.ranking = std::move(result).value();
        who.ranking_error.clear();
    } else {
        who.ranking.reset();
        who.ranking_error = result.error().message;
    }
}

void start_book_ranking(AppState& state) {
    state.book_ranked = 0;
    for (RankedCustomer& who : state.book) who.ranking.reset();
}

void continue_book_ranking(AppState& state) {
    if (!state.ranker || state.book_ranked >= static_cast<int>(state.book.size())) return;
    // A handful per frame keeps each frame well under 16 ms on a slow phone.
    constexpr int kPerFrame = 8;
    const int end = std::min<int>(state.book_ranked + kPerFrame, static_cast<int>(state.book.size()));
    for (int i = state.book_ranked; i < end; ++i) rank_customer_now(state, state.book[i]);
    state.book_ranked = end;
    if (state.book_ranked == static_cast<int>(state.book.size())) publish_state(state);
}

}  // namespace app
