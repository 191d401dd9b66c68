// users.csv: demo sign-in accounts. Only the proxy reads it; hashes never leave the machine.
#include <unordered_set>

#include "shared/data/loaders.h"
#include "shared/data/schema_rules.h"
#include "shared/data/table_readers.h"

namespace bank {
namespace {

// Positions in kShape.columns, in the same order.
enum Column { kUsername, kRole, kSubjectId, kPasswordHash };

// No accounts is a valid demo setup: nobody can sign in, and the app says so.
const TableShape kShape{{"Username", "Role", "Subject ID", "Password Hash"}, "user", true};

// Whether the customer or banker a user signs in as exists; the problem if not.
std::optional<Problem> check_subject(const User& user, const std::unordered_set<std::int64_t>& customer_ids,
                                     const std::unordered_set<std::string>& banker_ids, const Dataset& bank) {
    if (user.role == Role::Banker) {
        if (banker_ids.count(user.subject_id)) return std::nullopt;
        return Problem{"is not the Banker ID of any banker", one_of_ids(bank.bankers)};
    }
    std::int64_t id = 0;
    if (parse_whole_number(user.subject_id, schema::kCustomerId, id) || !customer_ids.count(id)) {
        return Problem{"is not the Customer ID of any customer",
                       "the Customer ID of the customer who signs in"};
    }
    return std::nullopt;
}

// Every stretch of `text` from "$argon2" to the next quote (or the end) replaced.
std::string hide_hashes(std::string text) {
    constexpr std::string_view kHidden = "(a password hash, not shown)";
    for (std::size_t at = text.find("$argon2"); at != std::string::npos; at = text.find("$argon2", at)) {
        const std::size_t quote = text.find('\'', at);  // where a quoted name ends
        text.replace(at, (quote == std::string::npos ? text.size() : quote) - at, kHidden);
        at += kHidden.size();
    }
    return text;
}

// The CSV reader quotes the bytes around a syntax or encoding error, which in this file may be a
// password hash (or a field whose unclosed quote runs into one), and names header columns, which
// are a user's row when the header line itself is missing. None of it shows a hash.
LoadError without_password_hash(LoadError e) {
    if (!e.value.empty() && (e.column == "Password Hash" || e.value.find("$argon2") != std::string::npos)) {
        e.value.clear();
        e.problem = "the value (not shown) " + e.problem;
    }
    e.column = hide_hashes(std::move(e.column));
    e.problem = hide_hashes(std::move(e.problem));
    return e;
}

}  // namespace

Loaded<NumberedRows<User>> read_users(std::string_view text, std::string_view file_name) {
    FirstSeen<std::string> usernames;
    auto table = read_table<User>(text, file_name, kShape, [&usernames](RowReader& row) {
        User u;
        u.username = row.required_text(kUsername, "a username");
        check_unique(row, kUsername, usernames, u.username, "a username no other user has");
        u.role = row.choice<Role>(kRole);
        u.subject_id = row.required_text(kSubjectId, "the Customer ID or Banker ID the user signs in as");
        u.password_hash = row.text(kPasswordHash);
        // The hash is checked but never echoed: error messages end up in logs.
        if (const auto problem = schema::check_password_hash(u.password_hash))
            row.fail(kPasswordHash, "", *problem);
        return u;
    });
    if (!table) return without_password_hash(table.error());
    return table;
}

Loaded<std::vector<User>> parse_users(std::string_view text, std::string_view file_name) {
    return rows_of(read_users(text, file_name));
}

Loaded<std::vector<User>> parse_users(std::string_view text, std::string_view file_name,
                                      const Dataset& bank) {
    auto table = read_users(text, file_name);
    if (!table) return table.error();
    std::unordered_set<std::int64_t> customer_ids;
    for (const Customer& c : bank.customers) customer_ids.insert(c.id);
    std::unordered_set<std::string> banker_ids;
    for (const Banker& b : bank.bankers) banker_ids.insert(b.id);

    const NumberedRows<User>& users = table.value();
    for (std::size_t i = 0; i < users.rows.size(); ++i) {
        const User& user = users.rows[i];
        if (auto problem = check_subject(user, customer_ids, banker_ids, bank)) {
            return load_error(file_name, users.lines[i], "Subject ID", user.subject_id,
                              std::move(problem->what), std::move(problem->expected));
        }
    }
    return Loaded<std::vector<User>>(std::move(table).value().rows);
}

}  // namespace bank
