#include "shared/ranking/behavior_model.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

#include "shared/profile/life_stage.h"

namespace bank {

namespace {

// Pseudo-count pulling P(p | h) toward P(p) when few customers hold h.
constexpr double kCoOwnershipSmoothing = 2.0;

std::unordered_map<std::string, int> index_by_id(const std::vector<std::string>& ids) {
    std::unordered_map<std::string, int> index;
    for (std::size_t i = 0; i < ids.size(); ++i) index.emplace(ids[i], static_cast<int>(i));
    return index;
}

std::vector<int> held_indices(const std::unordered_map<std::string, int>& index, const Customer& c) {
    std::vector<int> held;
    held.reserve(c.products_held.size());
    for (const std::string& id : c.products_held) {
        auto it = index.find(id);
        if (it != index.end()) held.push_back(it->second);
    }
    std::sort(held.begin(), held.end());
    held.erase(std::unique(held.begin(), held.end()), held.end());
    return held;
}

float social_level(SocialActivity s) {
    switch (s) {
        case SocialActivity::Low:
            return 0.0f;
        case SocialActivity::Medium:
            return 0.5f;
        case SocialActivity::High:
            return 1.0f;
    }
    return 0.0f;
}

float risk_appetite(RiskProfile r) {
    switch (r) {
        case RiskProfile::Conservative:
            return 0.0f;
        case RiskProfile::Moderate:
            return 0.5f;
        case RiskProfile::Aggressive:
            return 1.0f;
    }
    return 0.0f;
}

FeatureRow context_row(const Customer& c, const KnownFields& known) {
    FeatureRow row{std::vector<float>(kContextFeatureCount, 0.0f),
                   std::vector<unsigned char>(kContextFeatureCount, 0)};
    const LifeStage stage = life_stage_for_age(c.age);
    if (known.age && stage != LifeStage::Unknown) {
        for (std::size_t k = 0; k < 5; ++k) row.known[kContextLifeStageFirst + k] = 1;
        row.values[kContextLifeStageFirst + static_cast<std::size_t>(stage) - 1] = 1.0f;
    }
    if (known.engagement) {
        row.values[kContextEngagement] = static_cast<float>(c.engagement) / 100.0f;
        row.known[kContextEngagement] = 1;
    }
    if (known.sentiment) {
        row.values[kContextSentiment] = static_cast<float>(c.sentiment);
        row.known[kContextSentiment] = 1;
    }
    if (known.social_activity) {
        row.values[kContextSocialActivity] = social_level(c.social_activity);
        row.known[kContextSocialActivity] = 1;
    }
    if (known.income && c.annual_income >= 0) {
        // Log scale: the step from 20k to 40k matters as much as from 80k to 160k.
        row.values[kContextIncome] = static_cast<float>(std::log1p(c.annual_income));
        row.known[kContextIncome] = 1;
    }
    if (known.credit_score) {
        row.values[kContextCreditScore] = static_cast<float>(c.credit_score) / 850.0f;
        row.known[kContextCreditScore] = 1;
    }
    if (known.risk_profile) {
        row.values[kContextRiskAppetite] = risk_appetite(c.risk_profile);
        row.known[kContextRiskAppetite] = 1;
    }
    return row;
}

FeatureRow spending_row(const std::vector<std::string>& categories, const std::vector<CategorySpend>& mix) {
    FeatureRow row{std::vector<float>(categories.size(), 0.0f),
                   std::vector<unsigned char>(categories.size(), mix.empty() ? 0 : 1)};
    for (const CategorySpend& spend : mix) {
        auto it = std::lower_bound(categories.begin(), categories.end(), spend.category);
        if (it != categories.end() && *it == spend.category) {
            row.values[static_cast<std::size_t>(it - categories.begin())] = static_cast<float>(spend.share);
        }
    }
    return row;
}

const std::vector<CategorySpend>& mix_of(const SpendingByCustomer& spending, std::int64_t id) {
    static const std::vector<CategorySpend> none;
    auto it = spending.find(id);
    return it == spending.end() ? none : it->second;
}

// How many customers hold each product, and each pair of products, in the data itself. These
// true counts never leave the proxy; the model gets only what publish_counts lets through.
struct TrueCounts {
    std::vector<int> holders;       // per product
    std::vector<int> together;      // products x products: customers holding both
    std::size_t customers = 0;
    std::size_t pooled_customers = 0;  // customers holding at least one product under k
};

TrueCounts count_holdings(const std::vector<std::vector<int>>& holdings, std::size_t n, int min_group) {
    TrueCounts t;
    t.holders.assign(n, 0);
    t.together.assign(n * n, 0);
    t.customers = holdings.size();
    for (const auto& held : holdings) {
        for (int h : held) {
            ++t.holders[h];
            for (int p : held) ++t.together[h * n + p];
        }
    }
    for (const auto& held : holdings) {
        const bool in_pool = std::any_of(held.begin(), held.end(), [&](int p) { return t.holders[p] < min_group; });
        t.pooled_customers += in_pool ? 1 : 0;
    }
    return t;
}

// Counts of at least k as they are; every product under k gets one pooled count, their mean, which
// rests on the customers holding any of them (0 if those are fewer than k too).
std::vector<int> publish_counts(const TrueCounts& t, int min_group) {
    long small_sum = 0, small_products = 0;
    for (int c : t.holders) {
        if (c >= min_group) continue;
        small_sum += c;
        ++small_products;
    }
    const bool pool_ok = small_products > 0 && t.pooled_customers >= static_cast<std::size_t>(min_group);
    const double mean = small_products > 0 ? static_cast<double>(small_sum) / static_cast<double>(small_products) : 0;
    const int pooled = pool_ok ? static_cast<int>(std::lround(mean)) : 0;
    std::vector<int> out;
    for (int c : t.holders) out.push_back(c >= min_group ? c : pooled);
    return out;
}

void fit_co_ownership(BehaviorModel& m, const std::vector<std::vector<int>>& holdings, int min_group) {
    const std::size_t n = m.product_ids.size();
    const TrueCounts t = count_holdings(holdings, n, min_group);
    m.holders = publish_counts(t, min_group);
    // The customer base is a count too: below k it is not used, and popularity says 1/2 for all.
    const bool base_ok = t.customers >= static_cast<std::size_t>(min_group);
    const double customers = base_ok ? static_cast<double>(t.customers) : 0;
    m.prior.resize(n);
    for (std::size_t p = 0; p < n; ++p) {
        m.prior[p] = static_cast<float>((m.holders[p] + 0.5) / (customers + 1.0));
    }
    m.co_ownership.assign(n * n, 0.0f);
    for (std::size_t h = 0; h < n; ++h) {
        for (std::size_t p = 0; p < n; ++p) {
            const int both = t.together[h * n + p];
            // P(p | h) = both / holders[h]: both counts must rest on k customers, else "holding h"
            // would single out fewer than k people; then the cell falls back to popularity.
            const bool publish = t.holders[h] >= min_group && both >= min_group;
            m.co_ownership[h * n + p] =
                publish ? static_cast<float>((both + kCoOwnershipSmoothing * m.prior[p]) /
                                             (t.holders[h] + kCoOwnershipSmoothing))
                        : m.prior[p];
        }
    }
}

// The merchant categories at least k customers spend in, sorted. The list itself is published: a
// category only a few customers use would tell everyone that somebody spends there, and its
// all-customer average would be those few customers' spending.
std::vector<std::string> shared_categories(const std::vector<Customer>& customers, const SpendingByCustomer& spending,
                                           int min_group) {
    std::map<std::string, int> spenders;
    for (const Customer& c : customers) {
        for (const CategorySpend& s : mix_of(spending, c.id)) ++spenders[s.category];
    }
    std::vector<std::string> out;
    for (const auto& [category, count] : spenders) {
        if (count >= min_group) out.push_back(category);
    }
    return out;
}

}  // namespace

BehaviorModel fit_behavior_model(const std::vector<Product>& catalog, const std::vector<Customer>& customers,
                                 const SpendingByCustomer& spending, const std::vector<KnownFields>& known,
                                 int min_group_size) {
    const int k = std::max(1, min_group_size);
    BehaviorModel m;
    m.min_group_size = k;
    for (const Product& p : catalog) m.product_ids.push_back(p.id);
    m.product_index = index_by_id(m.product_ids);
    const auto& index = m.product_index;

    std::vector<std::vector<int>> holdings;
    for (const Customer& c : customers) holdings.push_back(held_indices(index, c));
    fit_co_ownership(m, holdings, k);

    m.merchant_categories = shared_categories(customers, spending, k);

    std::vector<FeatureRow> spend_rows, context_rows;
    for (std::size_t i = 0; i < customers.size(); ++i) {
        spend_rows.push_back(spending_row(m.merchant_categories, mix_of(spending, customers[i].id)));
        context_rows.push_back(context_row(customers[i], i < known.size() ? known[i] : KnownFields{}));
    }
    const std::size_t n = catalog.size();
    m.spending =
        fit_holder_profiles(spend_rows, holdings, n, m.merchant_categories.size(), kProfileShrinkage, k);
    m.context = fit_holder_profiles(context_rows, holdings, n, kContextFeatureCount, kProfileShrinkage, k);
    return m;
}

BehaviorModel fit_behavior_model(const Dataset& data, int min_group_size) {
    return fit_behavior_model(data.catalog, data.customers, spending_by_customer(data.transactions), {},
                              min_group_size);
}

CustomerFeatures customer_features(const BehaviorModel& model, const Customer& customer,
                                   const std::vector<CategorySpend>& spending, const KnownFields& known) {
    CustomerFeatures f;
    f.held = held_indices(model.product_index, customer);
    f.spending = model.spending.standardize(spending_row(model.merchant_categories, spending));
    f.context = model.context.standardize(context_row(customer, known));
    return f;
}

void co_ownership_scores(const BehaviorModel& model, const std::vector<int>& held, float* out) {
    const std::size_t n = model.product_ids.size();
    if (held.empty()) {
        for (std::size_t p = 0; p < n; ++p) out[p] = std::log(model.prior[p]);
        return;
    }
    std::fill(out, out + n, 0.0f);
    for (int h : held) {
        const float* row = model.co_ownership.data() + static_cast<std::size_t>(h) * n;
        for (std::size_t p = 0; p < n; ++p) out[p] += row[p];
    }
    const float inv = 1.0f / static_cast<float>(held.size());
    for (std::size_t p = 0; p < n; ++p) out[p] = std::log(out[p] * inv);
}

int strongest_co_owned(const BehaviorModel& model, const std::vector<int>& held, int product) {
    const std::size_t n = model.product_ids.size();
    int best = -1;
    float best_lift = 1.0f;
    for (int h : held) {
        const float lift =
            model.co_ownership[static_cast<std::size_t>(h) * n + product] / model.prior[product];
        if (lift > best_lift) {
            best_lift = lift;
            best = h;
        }
    }
    return best;
}

}  // namespace bank
