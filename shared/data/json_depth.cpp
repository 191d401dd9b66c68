#include "shared/data/json_depth.h"

namespace bank {

nlohmann::json parse_json_within_depth(std::string_view text, int max_depth) {
    bool too_deep = false;
    auto value = nlohmann::json::parse(
        text,
        [&too_deep, max_depth](int depth, nlohmann::json::parse_event_t event, nlohmann::json&) {
            // A container starts at the depth of the containers around it: 0 for the outermost.
            const bool opens = event == nlohmann::json::parse_event_t::object_start ||
                               event == nlohmann::json::parse_event_t::array_start;
            too_deep = too_deep || (opens && depth >= max_depth);
            return !too_deep;
        },
        false);
    return too_deep ? nlohmann::json(nlohmann::json::value_t::discarded) : value;
}

}  // namespace bank
