// The bank's domain as the ranker and the dashboards see it. Plain values, no behaviour: loaders
// fill them, the ranking core reads them, the proxy and the app serialize them.
#pragma once

#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <vector>

namespace bank {

enum class RiskProfile { Conservative, Moderate, Aggressive };
enum class RiskLevel { Low, Medium, High };
enum class SocialActivity { Low, Medium, High };

enum class ProductCategory { Account, Card, Loan, Mortgage, Savings, Deposit, Investment, Insurance };

// An upper age limit that is no limit: above every age any file can hold.
inline constexpr int kNoMaximumAge = std::numeric_limits<int>::max();

// Left at its defaults, an Eligibility excludes no one: an empty limit in a catalog is no limit
// (EVALUATION.md, "Input format"). The project's catalog.csv gives every limit explicitly.
struct Eligibility {
    int min_age = 0;
    int max_age = kNoMaximumAge;
    double min_income = 0;       // EUR per year
    int min_credit_score = 0;    // 0 = no credit check
    RiskLevel risk_level = RiskLevel::Low;
};

struct Product {
    std::string id;
    std::string name;
    ProductCategory category = ProductCategory::Account;
    std::string description;
    std::vector<std::string> features;
    Eligibility eligibility;
    double annual_fee = 0;       // EUR
    bool has_rate = false;
    double rate = 0;             // percent per year
    std::string link;            // https official page
    std::string image;           // path relative to data/
};

struct Customer {
    std::int64_t id = 0;
    int age = 0;
    std::string gender;          // measured for exposure only; never a scoring input
    std::vector<std::string> purchase_history;
    std::vector<std::string> interests;
    int engagement = 0;          // 0-100
    double sentiment = 0;        // -1..1
    SocialActivity social_activity = SocialActivity::Low;
    std::string name;
    std::string location;
    std::string occupation;
    double annual_income = 0;    // EUR
    int credit_score = 0;        // 300-850
    RiskProfile risk_profile = RiskProfile::Conservative;
    std::vector<std::string> products_held;  // product ids
    std::string banker_id;
    // Filled only from a public dataset in the evaluator's generic format (customerdata.csv has
    // none of them; KnownFields says whether they are known). Reported, not scored.
    std::string segment;         // the bank's own customer segment, e.g. "02 - PARTICULARES"
    int tenure_months = 0;       // months with the bank
    bool active = false;         // the bank's activity flag
};

struct Transaction {
    std::int64_t customer_id = 0;
    std::string date;            // YYYY-MM-DD
    double amount = 0;           // EUR, negative = money out
    std::string merchant_category;
};

struct Banker {
    std::string id;
    std::string name;
    std::string branch;
};

enum class Role { Customer, Banker };

struct User {
    std::string username;
    Role role = Role::Customer;
    std::string subject_id;      // customer id or banker id
    std::string password_hash;   // libsodium crypto_pwhash_str
};

// Everything the bank knows, after cross-file checks (holdings name real products, customers name
// real bankers, transactions name real customers).
struct Dataset {
    std::vector<Product> catalog;
    std::vector<Customer> customers;
    std::vector<Transaction> transactions;
    std::vector<Banker> bankers;
};

const char* to_string(ProductCategory c);   // "card", "loan", ...
const char* to_string(RiskProfile r);       // "Conservative", ...
const char* to_string(RiskLevel r);         // "Low", ...
const char* to_string(SocialActivity s);    // "Low", ...
const char* to_string(Role r);              // "customer" / "banker"
// The matching parse_* functions, and the other closed word lists: shared/data/vocabulary.h.

}  // namespace bank
