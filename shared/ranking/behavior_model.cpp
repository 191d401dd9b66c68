#include "shared/ranking/behavior_model.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

#include "shared/profile/life_stage.h"

namespace bank {

namespace {

// Pseudo-holders of "typical" customers added to every product: a product held by three people
// should not get a strong profile from three data points.
constexpr float kProfileShrinkage = 10.0f;
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

void fit_co_ownership(BehaviorModel& m, const std::vector<std::vector<int>>& holdings) {
    const std::size_t n = m.product_ids.size();
    std::vector<double> together(n * n, 0);
    m.holders.assign(n, 0);
    for (const auto& held : holdings) {
        for (int h : held) {
            ++m.holders[h];
            for (int p : held) together[h * n + p] += 1;
        }
    }
    const double customers = static_cast<double>(holdings.size());
    m.prior.resize(n);
    for (std::size_t p = 0; p < n; ++p) {
        m.prior[p] = static_cast<float>((m.holders[p] + 0.5) / (customers + 1.0));
    }
    m.co_ownership.assign(n * n, 0.0f);
    for (std::size_t h = 0; h < n; ++h) {
        for (std::size_t p = 0; p < n; ++p) {
            m.co_ownership[h * n + p] =
                static_cast<float>((together[h * n + p] + kCoOwnershipSmoothing * m.prior[p]) /
                                   (m.holders[h] + kCoOwnershipSmoothing));
        }
    }
}

}  // namespace

BehaviorModel fit_behavior_model(const std::vector<Product>& catalog, const std::vector<Customer>& customers,
                                 const SpendingByCustomer& spending, const std::vector<KnownFields>& known) {
    BehaviorModel m;
    for (const Product& p : catalog) m.product_ids.push_back(p.id);
    m.product_index = index_by_id(m.product_ids);
    const auto& index = m.product_index;

    std::vector<std::vector<int>> holdings;
    for (const Customer& c : customers) holdings.push_back(held_indices(index, c));
    fit_co_ownership(m, holdings);

    std::set<std::string> categories;
    for (const Customer& c : customers) {
        for (const CategorySpend& s : mix_of(spending, c.id)) categories.insert(s.category);
    }
    m.merchant_categories.assign(categories.begin(), categories.end());

    std::vector<FeatureRow> spend_rows, context_rows;
    for (std::size_t i = 0; i < customers.size(); ++i) {
        spend_rows.push_back(spending_row(m.merchant_categories, mix_of(spending, customers[i].id)));
        context_rows.push_back(context_row(customers[i], i < known.size() ? known[i] : KnownFields{}));
    }
    const std::size_t n = catalog.size();
    m.spending =
        fit_holder_profiles(spend_rows, holdings, n, m.merchant_categories.size(), kProfileShrinkage);
    m.context = fit_holder_profiles(context_rows, holdings, n, kContextFeatureCount, kProfileShrinkage);
    return m;
}

BehaviorModel fit_behavior_model(const Dataset& data) {
    return fit_behavior_model(data.catalog, data.customers, spending_by_customer(data.transactions));
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
