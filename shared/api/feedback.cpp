#include "shared/api/feedback.h"

#include <array>
#include <limits>

#include "shared/data/json.h"
#include "shared/data/json_fields.h"

namespace bank::api {
namespace {

constexpr std::array<std::string_view, 4> kEventNames = {"interested", "not_for_me", "offered", "accepted"};

enum Field { kId, kAt, kCustomerId, kProductId, kEvent, kBy, kFieldCount };
constexpr std::array<std::string_view, kFieldCount> kFields = {"id", "at", "customer_id", "product_id", "event", "by"};
constexpr std::array<std::string_view, 1> kListFields = {"events"};

constexpr WholeRange kIds{1, std::numeric_limits<std::int64_t>::max()};

}  // namespace

const char* to_string(FeedbackEvent e) { return kEventNames[static_cast<std::size_t>(e)].data(); }

std::optional<FeedbackEvent> parse_feedback_event(std::string_view text) {
    for (std::size_t i = 0; i < kEventNames.size(); ++i) {
        if (text == kEventNames[i]) return static_cast<FeedbackEvent>(i);
    }
    return std::nullopt;
}

nlohmann::json write_feedback_entry(const FeedbackEntry& entry) {
    nlohmann::json j = nlohmann::json::object();
    put(j, kFields[kId], entry.id);
    put(j, kFields[kAt], entry.at);
    put(j, kFields[kCustomerId], entry.customer_id);
    put(j, kFields[kProductId], entry.product_id);
    put(j, kFields[kEvent], to_string(entry.event));
    put(j, kFields[kBy], to_string(entry.by));
    return j;
}

nlohmann::json write_feedback_list(const FeedbackList& list) {
    nlohmann::json events = nlohmann::json::array();
    for (const FeedbackEntry& entry : list.events) events.push_back(write_feedback_entry(entry));
    nlohmann::json j = nlohmann::json::object();
    put(j, kListFields[0], std::move(events));
    return j;
}

Loaded<FeedbackEntry> read_feedback_entry(const nlohmann::json& j, std::string_view source) {
    JsonFields fields(j, source, kFields.data());
    FeedbackEntry entry;
    entry.id = fields.whole_number(kId, kIds);
    entry.at = fields.required_text(kAt, "when the store recorded it (UTC ISO 8601)");
    entry.customer_id = fields.whole_number(kCustomerId, kIds);
    entry.product_id = fields.required_text(kProductId, "the id of a product of the catalog");
    const std::string event = fields.required_text(kEvent, "one of interested, not_for_me, offered, accepted");
    entry.by = fields.choice<Role>(kBy);
    if (fields.failed()) return fields.error();
    const auto parsed = parse_feedback_event(event);
    if (!parsed) {
        fields.fail(kEvent, event, {"is not a feedback event", "one of interested, not_for_me, offered, accepted"});
        return fields.error();
    }
    entry.event = *parsed;
    return entry;
}

Loaded<FeedbackList> read_feedback_list(const nlohmann::json& j, std::string_view source) {
    JsonFields fields(j, source, kListFields.data());
    const nlohmann::json& events = fields.array(0);
    if (fields.failed()) return fields.error();
    auto entries = list_from_json<FeedbackEntry>(events, source, read_feedback_entry);
    if (!entries) return nested(entries.error(), kListFields[0]);
    return FeedbackList{std::move(entries).value()};
}

}  // namespace bank::api
