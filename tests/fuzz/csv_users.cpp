// users.csv, alone and checked against the test bank (every user signs in as one of its customers
// or bankers). A password hash must never appear in an error message.
#include <set>

#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace bank;
    const std::string_view text = fuzz::as_text(data, size);
    const auto alone = parse_users(text, kUsersFile);
    fuzz::check_loaded(alone, text);
    const auto checked = parse_users(text, kUsersFile, fuzz::test_bank());
    fuzz::check_loaded(checked, text);
    fuzz::require(!checked.ok() || alone.ok(), "cross-checking never accepts what the file alone rejects");
    if (!alone) {
        const LoadError& e = alone.error();
        fuzz::require(e.column != "Password Hash" || e.value.empty(), "a password field is never shown");
        fuzz::require(e.message().find("$argon2id$v=") == std::string::npos, "no password hash in a message");
        return 0;
    }
    if (!checked) {
        // The file parsed: its hashes are known, and the cross-check's message shows none of them
        // beyond the Subject ID it quotes (which could contain anything, a hash's text included).
        LoadError rest = checked.error();
        fuzz::require(rest.column == "Subject ID", "the cross-check names the Subject ID");
        rest.value.clear();
        for (const User& u : alone.value()) {
            fuzz::require(u.password_hash.size() < 12 || rest.message().find(u.password_hash) == std::string::npos,
                          "no user's password hash in a cross-check message");
        }
    }
    std::set<std::string> names;
    for (const User& u : alone.value()) {
        fuzz::require(names.insert(u.username).second, "usernames are unique");
        fuzz::require(u.password_hash.rfind("$argon2id$", 0) == 0, "hashes are argon2id");
    }
    return 0;
}
