#include "shared/api/me.h"

#include <array>

#include "shared/data/json_fields.h"

namespace bank::api {
namespace {

enum Field { kUsername, kRole, kSubjectId, kDisplayName, kFieldCount };
constexpr std::array<std::string_view, kFieldCount> kFields = {"username", "role", "subject_id", "display_name"};

}  // namespace

nlohmann::json write_me(const SignedInUser& user) {
    nlohmann::json j = nlohmann::json::object();
    put(j, kFields[kUsername], user.username);
    put(j, kFields[kRole], to_string(user.role));
    put(j, kFields[kSubjectId], user.subject_id);
    put(j, kFields[kDisplayName], user.display_name);
    return j;
}

Loaded<SignedInUser> read_me(const nlohmann::json& j, std::string_view source) {
    JsonFields fields(j, source, kFields.data());
    SignedInUser user;
    user.username = fields.required_text(kUsername, "the user's sign-in name");
    user.role = fields.choice<Role>(kRole);
    user.subject_id = fields.required_text(kSubjectId, "the customer id or banker id the user acts as");
    user.display_name = fields.required_text(kDisplayName, "the name the user is greeted with");
    if (fields.failed()) return fields.error();
    return user;
}

}  // namespace bank::api
