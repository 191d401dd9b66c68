// What GET /api/ranking-model gives away, attacked the way a signed-in customer could: over HTTP,
// against the real proxy on loopback serving the bundled data (data/), with nothing but what that
// customer may read (their own /api/profile, the model, the public source code).
//
// The attack: a product's holder profile is the holders' summed standardized features divided by
// (holders + shrinkage). One holder of a product with few holders multiplies back, subtracts their
// own features and is left with the other holders' features; with two holders, the other
// customer's exact credit score, income, engagement, sentiment, risk appetite and spending mix.
// The guarantee under test: every published number rests on at least k distinct customers
// (docs/API.md, "What a published model can reveal"), so that subtraction recovers nothing.
#include <catch2/catch.hpp>

#include <sodium.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "proxy/bank_records.h"
#include "proxy_fixture.h"
#include "shared/data/json.h"
#include "shared/profile/spending.h"
#include "shared/ranking/behavior_model_json.h"

using namespace bank::proxy;
using namespace bank::proxy::test;

namespace {

constexpr int kK = 20;  // the proxy's default minimum group size
constexpr double kShrinkage = bank::kProfileShrinkage;  // public, like all of the source
const std::string kSanityProduct = "CARD-TRAVEL";  // 21 holders: just over k

// The bank's real (synthetic) data as the proxy loads it: the ground truth the attacker is after.
struct Truth {
    bank::Dataset data;
    bank::SpendingByCustomer spending;
    std::map<std::string, std::vector<const bank::Customer*>> holders;  // product -> holders, by id

    int count(const std::string& product) const {
        auto it = holders.find(product);
        return it == holders.end() ? 0 : static_cast<int>(it->second.size());
    }
    const std::vector<bank::CategorySpend>& mix(std::int64_t id) const {
        static const std::vector<bank::CategorySpend> none;
        auto it = spending.find(id);
        return it == spending.end() ? none : it->second;
    }
};

const Truth& truth() {
    static const Truth t = [] {
        Truth out;
        auto records = BankRecords::load(default_config().data_dir);
        if (!records) throw std::runtime_error("data/ does not load: " + records.error().message());
        out.data = records.value().dataset();
        out.spending = bank::spending_by_customer(out.data.transactions);
        for (const bank::Customer& c : out.data.customers) {
            const std::set<std::string> held(c.products_held.begin(), c.products_held.end());
            for (const std::string& p : held) out.holders[p].push_back(&c);
        }
        return out;
    }();
    return t;
}

// Products with at least two holders but fewer than k: the ones the subtraction attacks.
std::vector<std::string> small_products() {
    std::vector<std::string> out;
    for (const bank::Product& p : truth().data.catalog) {
        const int n = truth().count(p.id);
        if (n >= 2 && n < kK) out.push_back(p.id);
    }
    return out;
}

std::string username(std::int64_t id) { return "customer" + std::to_string(id); }

// The real data in the proxy's folder, and a sign-in for every holder of a small product (the
// bundled users.csv has none for most of them). Cheapest argon2id: the hash is not under test.
void serve_real_data(ProxyConfig& c) {
    const std::string real = default_config().data_dir;
    for (const char* name : {"catalog.csv", "customerdata.csv", "bankers.csv", "transactions.csv"}) {
        write_file(c.data_dir + "/" + name, read_file(real + "/" + name));
    }
    std::set<std::int64_t> ids = {truth().holders.at(kSanityProduct).front()->id};
    for (const std::string& p : small_products()) {
        for (const bank::Customer* h : truth().holders.at(p)) ids.insert(h->id);
    }
    std::string users = "Username,Role,Subject ID,Password Hash\n";
    for (std::int64_t id : ids) {
        char hash[crypto_pwhash_STRBYTES];
        const std::string pw = password_of(username(id));
        if (crypto_pwhash_str(hash, pw.data(), pw.size(), crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN) != 0)
            throw std::runtime_error("crypto_pwhash_str failed");
        users += username(id) + ",customer," + std::to_string(id) + ",\"" + hash + "\"\n";
    }
    write_file(c.data_dir + "/users.csv", users);
}

// What the attacker sees of themselves: their record and spending mix from /api/profile.
struct OwnView {
    bank::Customer customer;
    std::vector<bank::CategorySpend> mix;
};

OwnView read_own_profile(TestProxy& proxy, const std::string& cookie) {
    const nlohmann::json j = json_of(proxy.get("/api/profile", cookie));
    OwnView own;
    own.customer = bank::customer_from_json(j.at("customer"), "/api/profile").value();
    double out = 0;
    for (const auto& s : j.at("transaction_summary").at("spending")) out += s.at("amount").get<double>();
    for (const auto& s : j.at("transaction_summary").at("spending")) {
        const double amount = s.at("amount").get<double>();
        own.mix.push_back({s.at("category").get<std::string>(), amount, out > 0 ? amount / out : 0});
    }
    return own;
}

bank::BehaviorModel read_model(TestProxy& proxy, const std::string& cookie) {
    auto r = proxy.get("/api/ranking-model", cookie);
    if (!r || r->status != 200) throw std::runtime_error("no ranking model");
    auto model = bank::behavior_model_from_json(json_of(r).at("behavior"), "/api/ranking-model");
    if (!model) throw std::runtime_error(model.error().message);
    return std::move(model).value();
}

// The context features in their model units (behavior_model.h): what the attack recovers.
struct Features {
    double credit = 0;      // score / 850
    double income = 0;      // log(1 + income)
    double engagement = 0;  // score / 100
    double sentiment = 0;
    double risk = 0;        // 0, 0.5, 1
    std::map<std::string, double> shares;  // spending share per merchant category
};

double risk_level(bank::RiskProfile r) {
    return r == bank::RiskProfile::Conservative ? 0.0 : r == bank::RiskProfile::Moderate ? 0.5 : 1.0;
}

// The true mean of `who`'s features: what a perfect reconstruction would give.
Features true_mean(const std::vector<const bank::Customer*>& who, const std::vector<std::string>& categories) {
    Features f;
    for (const bank::Customer* c : who) {
        f.credit += c->credit_score / 850.0;
        f.income += std::log1p(c->annual_income);
        f.engagement += c->engagement / 100.0;
        f.sentiment += c->sentiment;
        f.risk += risk_level(c->risk_profile);
        for (const std::string& cat : categories) f.shares[cat] += bank::share_of(truth().mix(c->id), cat);
    }
    const double n = static_cast<double>(who.size());
    for (double* v : {&f.credit, &f.income, &f.engagement, &f.sentiment, &f.risk}) *v /= n;
    for (auto& [cat, v] : f.shares) v /= n;
    return f;
}

// The subtraction: the sum of all holders' standardized values is lift * (holders + shrinkage);
// minus the attacker's own leaves the others', whose mean is turned back into model units.
double others_value(const bank::HolderProfiles& hp, std::size_t feature, std::size_t product, std::size_t products,
                    double holders, double own_z) {
    const double sum = hp.lift[feature * products + product] * (holders + kShrinkage);
    const double others_z = (sum - own_z) / (holders - 1);
    return others_z * hp.scale[feature] + hp.mean[feature];
}

Features reconstruct(const bank::BehaviorModel& model, const OwnView& own, const std::string& product, int holders) {
    const bank::CustomerFeatures z = bank::customer_features(model, own.customer, own.mix);
    const std::size_t p = static_cast<std::size_t>(model.product_index.at(product));
    const std::size_t n = model.product_ids.size();
    auto context = [&](std::size_t k) { return others_value(model.context, k, p, n, holders, z.context.values[k]); };
    Features f;
    f.credit = context(bank::kContextCreditScore);
    f.income = context(bank::kContextIncome);
    f.engagement = context(bank::kContextEngagement);
    f.sentiment = context(bank::kContextSentiment);
    f.risk = context(bank::kContextRiskAppetite);
    for (std::size_t k = 0; k < model.merchant_categories.size(); ++k) {
        f.shares[model.merchant_categories[k]] = others_value(model.spending, k, p, n, holders, z.spending.values[k]);
    }
    return f;
}

// Which features the reconstruction got right, to within what identifies a person: a credit
// score to the point, income to 1 %, engagement to the point, sentiment to 0.01, each spending share
// to 0.2 percentage points.
struct Recovered {
    bool credit, income, engagement, sentiment, risk, spending;
    int continuous() const { return credit + income + engagement + sentiment; }
    bool all() const { return credit && income && engagement && sentiment && risk && spending; }
};

Recovered compare(const Features& got, const Features& truth_) {
    Recovered r;
    r.credit = std::abs(got.credit - truth_.credit) * 850 < 1;
    r.income = std::abs(got.income - truth_.income) < 0.01;
    r.engagement = std::abs(got.engagement - truth_.engagement) * 100 < 1;
    r.sentiment = std::abs(got.sentiment - truth_.sentiment) < 0.01;
    r.risk = std::abs(got.risk - truth_.risk) < 0.05;
    r.spending = true;
    for (const auto& [cat, share] : truth_.shares) r.spending = r.spending && std::abs(got.shares.at(cat) - share) < 0.002;
    return r;
}

std::string describe(const std::string& product, int n, const Features& got, const Features& t, const Recovered& r) {
    char line[512];
    std::snprintf(line, sizeof line,
                  "%s (%d holders): credit %.1f vs %.1f, income %.0f vs %.0f, engagement %.1f vs %.1f, "
                  "sentiment %.3f vs %.3f, risk %.2f vs %.2f, spending %s -> %d of 4 continuous recovered",
                  product.c_str(), n, got.credit * 850, t.credit * 850, std::expm1(got.income), std::expm1(t.income),
                  got.engagement * 100, t.engagement * 100, got.sentiment, t.sentiment, got.risk, t.risk,
                  r.spending ? "recovered" : "not recovered", r.continuous());
    return line;
}

// How many of a product's published lifts (context and spending) differ from the all-customer
// mean, i.e. say anything about its holders; half_square, their sum of squares, counts too.
int informative_lifts(const bank::BehaviorModel& model, const std::string& product) {
    const std::size_t p = static_cast<std::size_t>(model.product_index.at(product));
    const std::size_t products = model.product_ids.size();
    int informative = 0;
    for (const bank::HolderProfiles* hp : {&model.context, &model.spending}) {
        for (std::size_t k = 0; k < hp->features; ++k) informative += hp->lift[k * products + p] != 0.0f;
        informative += hp->half_square[p] != 0.0f;
    }
    return informative;
}

}  // namespace

TEST_CASE("ranking model: a holder of a small product cannot subtract their way to the other holders",
          "[privacy][ranking-model]") {
    TestProxy proxy(serve_real_data);
    const std::vector<std::string> targets = small_products();
    REQUIRE(targets.size() >= 6);  // CARD-STUDENT (2 holders), CARD-PLATINUM (5), LOAN-GREENHOME (3), ...

    // The attack arithmetic itself is right: on a product with many holders it recovers the mean
    // of the other holders (an aggregate over at least k - 1 customers, which is allowed).
    SECTION("sanity: the subtraction works where it is allowed to") {
        const std::string big = kSanityProduct;
        const auto& holders = truth().holders.at(big);
        REQUIRE(static_cast<int>(holders.size()) >= kK);
        const bank::Customer* attacker = holders.front();
        const std::string cookie = proxy.sign_in(username(attacker->id));
        const bank::BehaviorModel model = read_model(proxy, cookie);
        const OwnView own = read_own_profile(proxy, cookie);
        std::vector<const bank::Customer*> others(holders.begin() + 1, holders.end());
        const Features got = reconstruct(model, own, big, static_cast<int>(holders.size()));
        const Features t = true_mean(others, model.merchant_categories);
        const Recovered r = compare(got, t);
        INFO(describe(big, static_cast<int>(holders.size()), got, t, r));
        CHECK(r.all());
    }

    SECTION("every product with fewer than k holders") {
        for (const std::string& product : targets) {
            const auto& holders = truth().holders.at(product);
            const int n = static_cast<int>(holders.size());
            // The strongest attacker: a holder who also knows exactly how many others there are.
            const bank::Customer* attacker = holders.front();
            const std::string cookie = proxy.sign_in(username(attacker->id));
            const OwnView own = read_own_profile(proxy, cookie);
            REQUIRE(own.customer.id == attacker->id);
            const bank::BehaviorModel model = read_model(proxy, cookie);
            std::vector<const bank::Customer*> others(holders.begin() + 1, holders.end());
            const Features got = reconstruct(model, own, product, n);
            const Features t = true_mean(others, model.merchant_categories);
            const Recovered r = compare(got, t);
            const std::string line = describe(product, n, got, t, r);
            INFO(line);
            WARN(line);
            CHECK_FALSE(r.all());
            // Not even piecemeal: at most one continuous feature lands near the truth, by chance.
            CHECK(r.continuous() <= 1);
            CHECK_FALSE(r.spending);
            // The reason: the product's holder profile says nothing (the all-customer mean).
            CHECK(informative_lifts(model, product) == 0);
        }
    }
}

TEST_CASE("ranking model: every published count and rate rests on at least k customers",
          "[privacy][ranking-model]") {
    TestProxy proxy(serve_real_data);
    const std::string cookie = proxy.sign_in(username(truth().holders.at(small_products().front()).front()->id));
    const bank::BehaviorModel model = read_model(proxy, cookie);
    CHECK(proxy.config().min_group_size == kK);
    CHECK(model.min_group_size == kK);  // the model states the k it was fit with
    const Truth& t = truth();
    const std::size_t n = model.product_ids.size();
    REQUIRE(n == t.data.catalog.size());
    REQUIRE(static_cast<int>(t.data.customers.size()) >= kK);

    // Products under k share one pooled count: the mean over all of them, published only if the
    // customers holding any of them are themselves at least k.
    long pooled_sum = 0;
    int pooled_products = 0;
    std::set<std::int64_t> pool;
    for (const std::string& id : model.product_ids) {
        if (t.count(id) >= kK) continue;
        pooled_sum += t.count(id);
        ++pooled_products;
        if (t.holders.count(id)) {
            for (const bank::Customer* c : t.holders.at(id)) pool.insert(c->id);
        }
    }
    REQUIRE(pooled_products > 0);
    const int pooled = static_cast<int>(pool.size()) >= kK
                           ? static_cast<int>(std::lround(static_cast<double>(pooled_sum) / pooled_products))
                           : 0;

    SECTION("holder counts: the true count when at least k, else the pooled count") {
        for (std::size_t p = 0; p < n; ++p) {
            const std::string& id = model.product_ids[p];
            INFO(id << ": " << t.count(id) << " holders, published " << model.holders[p]);
            CHECK(model.holders[p] == (t.count(id) >= kK ? t.count(id) : pooled));
        }
    }

    SECTION("popularity is the published count over the customer base, nothing finer") {
        const double customers = static_cast<double>(t.data.customers.size());
        for (std::size_t p = 0; p < n; ++p) {
            INFO(model.product_ids[p]);
            CHECK(model.prior[p] == Approx((model.holders[p] + 0.5) / (customers + 1.0)).epsilon(1e-6));
        }
    }

    SECTION("co-ownership: P(p | h) only where h and p-and-h both have at least k holders") {
        for (std::size_t h = 0; h < n; ++h) {
            const std::string& hid = model.product_ids[h];
            for (std::size_t p = 0; p < n; ++p) {
                const std::string& pid = model.product_ids[p];
                int together = 0;
                if (t.holders.count(hid)) {
                    for (const bank::Customer* c : t.holders.at(hid)) {
                        together += std::count(c->products_held.begin(), c->products_held.end(), pid) > 0;
                    }
                }
                INFO(hid << " -> " << pid << ": " << t.count(hid) << " and " << together << " co-holders");
                const float published = model.co_ownership[h * n + p];
                if (t.count(hid) >= kK && together >= kK) {
                    CHECK(published == Approx((together + 2.0 * model.prior[p]) / (t.count(hid) + 2.0)).epsilon(1e-5));
                } else {
                    CHECK(published == model.prior[p]);
                }
            }
        }
    }

    SECTION("spending features: only merchant categories at least k customers spend in") {
        for (const std::string& category : model.merchant_categories) {
            int spenders = 0;
            for (const auto& [id, mix] : t.spending) spenders += bank::share_of(mix, category) > 0;
            INFO(category << ": " << spenders << " customers spend in it");
            CHECK(spenders >= kK);
        }
    }

    SECTION("holder profiles: only for products with at least k holders") {
        for (const std::string& id : model.product_ids) {
            if (t.count(id) >= kK) continue;
            INFO(id << ": " << t.count(id) << " holders");
            CHECK(informative_lifts(model, id) == 0);
        }
    }
}
