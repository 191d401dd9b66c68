// The feedback documents: one event (the answer of POST /api/feedback) and a customer's or a book's
// events, newest first (GET /api/feedback). Customers say whether a product interests them; bankers
// record what they offered and what the customer accepted.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "shared/data/load_error.h"
#include "shared/data/model.h"

namespace bank::api {

enum class FeedbackEvent { Interested, NotForMe, Offered, Accepted };
const char* to_string(FeedbackEvent e);  // "interested", "not_for_me", "offered", "accepted"
std::optional<FeedbackEvent> parse_feedback_event(std::string_view text);

struct FeedbackEntry {
    std::int64_t id = 0;
    std::string at;  // UTC ISO 8601, set by the store
    std::int64_t customer_id = 0;
    std::string product_id;
    FeedbackEvent event = FeedbackEvent::Interested;
    Role by = Role::Customer;  // who recorded it
};

struct FeedbackList {
    std::vector<FeedbackEntry> events;  // newest first
};

nlohmann::json write_feedback_entry(const FeedbackEntry& entry);
nlohmann::json write_feedback_list(const FeedbackList& list);
// `source` names where the JSON came from, for the error: "/api/feedback".
Loaded<FeedbackEntry> read_feedback_entry(const nlohmann::json& j, std::string_view source);
Loaded<FeedbackList> read_feedback_list(const nlohmann::json& j, std::string_view source);

}  // namespace bank::api
