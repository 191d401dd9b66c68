#include "synthetic_bank.h"

#include <algorithm>
#include <string>
#include <vector>

#include "shared/ranking/eligibility.h"
#include "train/evaluation/protocol.h"

namespace bank {

namespace {

struct Draw {
    std::uint64_t state;
    double unit() { return unit_interval(state = mix64(state)); }
    int below(int n) { return std::min(n - 1, static_cast<int>(unit() * n)); }
    // Roughly normal, mean 0, sd 1 (sum of three uniforms): arithmetic only, same in every build.
    double bell() {
        const double a = unit(), b = unit(), c = unit();
        return (a + b + c - 1.5) * 2.0;
    }
};

const char* const kSegments[] = {"01 - TOP", "02 - PARTICULARES", "03 - UNIVERSITARIO"};

struct CustomerType {
    double share;         // of all customers
    double age, age_sd;   // years
    int min_age, max_age;
    double income;        // EUR per year, centre
    double segment[3];    // probabilities of kSegments
    double active;        // probability of the activity flag
};

// Students, young professionals, families, the affluent, retirees, juniors.
const CustomerType kTypes[] = {
    {0.18, 22, 3, 18, 95, 12000, {0.00, 0.25, 0.75}, 0.50},
    {0.22, 31, 5, 18, 95, 36000, {0.10, 0.90, 0.00}, 0.70},
    {0.22, 43, 6, 18, 95, 52000, {0.20, 0.80, 0.00}, 0.60},
    {0.12, 52, 9, 18, 95, 110000, {0.70, 0.30, 0.00}, 0.80},
    {0.20, 70, 6, 18, 95, 28000, {0.05, 0.95, 0.00}, 0.35},
    {0.06, 14, 2, 10, 17, 0, {0.00, 1.00, 0.00}, 0.20},
};
constexpr std::size_t kTypeCount = sizeof kTypes / sizeof kTypes[0];

const char* const kCategoryWords[8][4] = {
    {"current", "everyday", "payments", "debit"},       // account
    {"credit", "cashback", "contactless", "rewards"},    // card
    {"personal", "instalment", "borrow", "flexible"},   // loan
    {"home", "property", "fixed-rate", "purchase"},     // mortgage
    {"savings", "interest", "goal", "instant-access"},  // savings
    {"term", "deposit", "guaranteed", "maturity"},      // deposit
    {"fund", "portfolio", "equity", "growth"},          // investment
    {"cover", "protection", "insurance", "claim"}};     // insurance
const char* const kAdjectives[] = {"Flex", "Plus", "Select", "Smart", "Prime", "Easy", "Green", "Classic",
                                   "Young", "Family", "Gold", "Direct"};
const char* const kCommonWords[] = {"online", "branch", "monthly", "annual", "low-fee", "digital", "travel",
                                    "family", "student", "senior", "secure", "simple", "premium", "mobile"};

std::string product_id(std::size_t p) {
    std::string n = std::to_string(p);
    while (n.size() < 3) n.insert(n.begin(), '0');
    return "SYN-" + n;
}

struct Catalog {
    std::vector<Product> products;
    std::vector<double> base_weight;               // popularity before type and companion
    std::vector<int> companion;                    // holding p makes companion[p] likelier
    std::vector<std::vector<double>> type_factor;  // per type, per product
};

Catalog make_catalog(std::size_t count, std::uint64_t seed) {
    Draw d{mix64(seed ^ 0x5eedca7a106ull)};
    Catalog c;
    for (std::size_t p = 0; p < count; ++p) {
        Product product;
        product.id = product_id(p);
        const int category = p == 0 ? 0 : d.below(8);
        product.category = static_cast<ProductCategory>(category);
        const char* adjective = kAdjectives[d.below(12)];
        product.name = std::string(adjective) + " " + kCategoryWords[category][d.below(4)] + " " + std::to_string(p);
        product.description = "A " + std::string(kCategoryWords[category][d.below(4)]) + " product";
        for (int w = 0; w < 6; ++w) {
            product.description += ' ';
            product.description += d.unit() < 0.5 ? kCategoryWords[category][d.below(4)] : kCommonWords[d.below(14)];
        }
        product.description += '.';
        product.features = {std::string(kCommonWords[d.below(14)]) + " access",
                            std::string(kCategoryWords[category][d.below(4)]) + " options"};
        Eligibility& e = product.eligibility;
        const double rule = d.unit();
        if (p == 0) {
            // the current account: open to everyone
        } else if (rule < 0.10) {
            e.max_age = 17;  // a junior product
        } else if (rule < 0.35) {
            e.min_age = 18;
            e.min_income = 20000.0 * (1 + d.below(3));
        } else if (rule < 0.45) {
            e.min_age = 25;
        } else {
            e.min_age = 18;
        }
        c.products.push_back(std::move(product));
        // A long tail, the current account far ahead (as in retail banks' holdings).
        c.base_weight.push_back(p == 0 ? 6.0 : 1.0 / (1.0 + 0.5 * static_cast<double>(p)));
    }
    for (std::size_t p = 0; p < count; ++p) {
        int other = d.below(static_cast<int>(count));
        if (count > 1 && other == static_cast<int>(p)) other = static_cast<int>((p + 1) % count);
        c.companion.push_back(other);
    }
    const std::size_t favourites = std::max<std::size_t>(2, count / 6);
    for (std::size_t t = 0; t < kTypeCount; ++t) {
        std::vector<double> factor(count, 1.0);
        for (std::size_t f = 0; f < favourites; ++f) factor[d.below(static_cast<int>(count))] = 6.0;
        c.type_factor.push_back(std::move(factor));
    }
    return c;
}

std::size_t draw_type(Draw& d) {
    double u = d.unit();
    for (std::size_t t = 0; t + 1 < kTypeCount; ++t) {
        if (u < kTypes[t].share) return t;
        u -= kTypes[t].share;
    }
    return kTypeCount - 1;
}

int clamp_round(double x, int lo, int hi) {
    const int v = static_cast<int>(x < 0 ? x - 0.5 : x + 0.5);
    return std::max(lo, std::min(hi, v));
}

}  // namespace

EvalData make_synthetic_bank(const SyntheticBankShape& shape) {
    EvalData data;
    Catalog catalog = make_catalog(shape.products, shape.catalog_seed);
    const std::size_t P = catalog.products.size();
    KnownFields known = KnownFields::none();
    known.age = known.income = known.segment = known.tenure = known.activity = true;
    // Extra holdings beyond the first: geometric with mean holdings_mean - 1.
    const double extra = std::max(0.0, shape.holdings_mean - 1.0);
    const double more = extra / (1.0 + extra);

    Draw d{mix64(shape.customer_seed ^ 0xc0570e25ull)};
    data.customers.reserve(shape.customers);
    data.known.assign(shape.customers, known);
    std::vector<double> weight(P);
    std::vector<unsigned char> held(P);
    for (std::size_t i = 0; i < shape.customers; ++i) {
        const CustomerType& type = kTypes[draw_type(d)];
        Customer c;
        c.id = shape.first_customer_id + static_cast<std::int64_t>(i);
        c.age = clamp_round(type.age + type.age_sd * d.bell(), type.min_age, type.max_age);
        c.annual_income = type.income * (0.4 + 1.2 * d.unit());
        double s = d.unit();
        c.segment = kSegments[s < type.segment[0] ? 0 : s < type.segment[0] + type.segment[1] ? 1 : 2];
        c.tenure_months = static_cast<int>(std::max(0, c.age - 16) * 12 * d.unit());
        const std::size_t t = static_cast<std::size_t>(&type - kTypes);

        int wanted = 1;
        while (wanted < static_cast<int>(P) && d.unit() < more) ++wanted;
        std::fill(held.begin(), held.end(), 0);
        for (int k = 0; k < wanted; ++k) {
            double total = 0;
            for (std::size_t p = 0; p < P; ++p) {
                weight[p] = 0;
                if (held[p] || failed_rule(c, catalog.products[p], known)) continue;
                weight[p] = catalog.base_weight[p] * catalog.type_factor[t][p];
                total += weight[p];
            }
            for (std::size_t q = 0; q < P; ++q) {
                const int p = catalog.companion[q];
                if (held[q] && weight[p] > 0) {
                    total += 4 * weight[p];
                    weight[p] *= 5;
                }
            }
            if (total <= 0) break;
            double u = d.unit() * total;
            std::size_t pick = P;
            for (std::size_t p = 0; p < P; ++p) {
                if (weight[p] <= 0) continue;
                pick = p;
                if (u < weight[p]) break;
                u -= weight[p];
            }
            held[pick] = 1;
            c.products_held.push_back(catalog.products[pick].id);
            data.holdings.push_back({c.id, catalog.products[pick].id, ""});
        }
        c.active = d.unit() < std::min(0.95, type.active + 0.15 * (static_cast<double>(c.products_held.size()) - 1));
        data.customers.push_back(std::move(c));
    }
    data.catalog = std::move(catalog.products);
    AvailableSignals& a = data.available;
    a.age = a.income = a.segment = a.tenure = a.activity = a.product_descriptions = true;
    return data;
}

}  // namespace bank
