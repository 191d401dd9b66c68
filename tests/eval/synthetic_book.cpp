#include "synthetic_book.h"

#include <string>

#include "train/evaluation/protocol.h"

namespace bank {

namespace {

constexpr std::size_t kTextDimension = 384;   // all-MiniLM-L6-v2
constexpr std::size_t kImageDimension = 512;  // clip-vit-base-patch32
const char* const kMerchantCategories[] = {"Groceries", "Dining",  "Travel",    "Fuel",       "Electronics",
                                           "Gaming",    "Fashion", "Education", "Healthcare", "Rent"};

struct Draw {
    std::uint64_t state;
    double unit() { return unit_interval(state = mix64(state)); }
    int below(int n) { return static_cast<int>(unit() * n); }
};

EmbeddingMatrix random_unit_rows(Draw& d, std::size_t rows, std::size_t dim, const char* label) {
    std::vector<float> values(rows * dim);
    for (float& v : values) v = static_cast<float>(d.unit() - 0.5);
    return make_embedding_matrix(label, dim, std::move(values), {}).value();
}

Product random_product(Draw& d, std::size_t i) {
    Product p;
    p.id = "PRD-" + std::to_string(1000 + i);
    p.name = "Product " + std::to_string(i);
    p.category = static_cast<ProductCategory>(d.below(8));
    p.eligibility.min_age = d.unit() < 0.2 ? 25 : 18;
    p.eligibility.max_age = d.unit() < 0.1 ? 30 : 120;
    p.eligibility.min_income = d.unit() < 0.3 ? 20000.0 * (1 + d.below(4)) : 0.0;
    p.eligibility.min_credit_score = d.unit() < 0.3 ? 600 + 20 * d.below(6) : 0;
    p.eligibility.risk_level = static_cast<RiskLevel>(d.below(3));
    return p;
}

Customer random_customer(Draw& d, std::size_t i, std::size_t products) {
    Customer c;
    c.id = static_cast<std::int64_t>(i + 1);
    c.age = 18 + d.below(70);
    c.annual_income = 15000 + 120000 * d.unit();
    c.credit_score = 450 + d.below(400);
    c.risk_profile = static_cast<RiskProfile>(d.below(3));
    c.engagement = d.below(101);
    c.sentiment = 2 * d.unit() - 1;
    c.social_activity = static_cast<SocialActivity>(d.below(3));
    const int held = 1 + d.below(4);
    for (int h = 0; h < held; ++h)
        c.products_held.push_back("PRD-" + std::to_string(1000 + d.below(static_cast<int>(products))));
    return c;
}

std::vector<CategorySpend> random_spending(Draw& d) {
    std::vector<CategorySpend> mix;
    double total = 0;
    for (const char* category : kMerchantCategories) {
        const double amount = 100 + 900 * d.unit();
        mix.push_back({category, amount, 0});
        total += amount;
    }
    for (CategorySpend& s : mix) s.share = s.amount / total;
    return mix;
}

}  // namespace

void make_synthetic_book(std::size_t customers, std::size_t products, std::uint64_t seed,
                         SyntheticBook& out) {
    Draw d{seed};
    std::vector<Product> catalog;
    for (std::size_t p = 0; p < products; ++p) catalog.push_back(random_product(d, p));
    out.customers.clear();
    out.spending.clear();
    SpendingByCustomer by_customer;
    for (std::size_t c = 0; c < customers; ++c) {
        out.customers.push_back(random_customer(d, c, products));
        out.spending.push_back(random_spending(d));
        by_customer[out.customers.back().id] = out.spending.back();
    }
    out.model = fit_behavior_model(catalog, out.customers, by_customer);
    // Drawn in separate statements: the order of function arguments' evaluation differs between
    // GCC and Clang, and native and wasm must see the same vectors.
    EmbeddingMatrix text = random_unit_rows(d, products, kTextDimension, "sbert");
    EmbeddingMatrix image = random_unit_rows(d, products, kImageDimension, "clip image");
    out.catalog = make_ranking_catalog(std::move(catalog), std::move(text), std::move(image)).value();
    out.book = BankerBook{};
    for (std::size_t c = 0; c < customers; ++c)
        out.book.customers.push_back({&out.customers[c], &out.spending[c], {}});
    out.book.profile_text = random_unit_rows(d, customers, kTextDimension, "sbert");
    out.book.profile_image = random_unit_rows(d, customers, kImageDimension, "clip text");
}

}  // namespace bank
