// Reasons on demand: a banker's book is ranked with Reasons::Later (no TreeSHAP, no hybrid signal
// work on the learned path) and a customer's reasons are worked out when their cards are shown.
// Customer by customer on a generated book, with the shipped learned model and with the hybrid,
// the fast path must give exactly the full path's lists, scores and likelihoods, and explaining
// it must give exactly the full path's reasons.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "shared/data/loaders.h"
#include "shared/profile/spending.h"
#include "shared/ranking/device_ranker.h"
#include "tests/unit/test_bundled_bank.h"

namespace {

struct Bank {
    bank::Dataset data;
    bank::SpendingByCustomer spending;
    bank::DeviceRanker hybrid;
    bank::DeviceRanker learned;  // with config/propensity-model.json, as the proxy ships it
};

const Bank& bank_with_model() {
    static const Bank b = [] {
        Bank out{bank::testing::bundled_dataset(), bank::testing::bundled_spending(), {}, {}};
        out.hybrid = bank::make_device_ranker(out.data.catalog, bank::fit_behavior_model(out.data), bank::RankingWeights{})
                         .value();
        const std::string model = bank::testing::project_file("config/propensity-model.json");
        auto learned = bank::with_propensity_model(out.hybrid, model, "config/propensity-model.json");
        if (!learned) FAIL(learned.error().message);
        out.learned = std::move(learned).value();
        return out;
    }();
    return b;
}

// A book of 4 variants of every bundled customer: older, richer, holding fewer or more products,
// with or without their spending, so the rules, holdings and features vary across it.
struct BookEntry {
    bank::Customer customer;
    std::vector<bank::CategorySpend> spending;
};

std::vector<BookEntry> generated_book(const Bank& b) {
    std::vector<BookEntry> book;
    for (int variant = 0; variant < 4; ++variant) {
        for (const bank::Customer& original : b.data.customers) {
            BookEntry e{original, {}};
            e.customer.id = original.id + 100000 * (variant + 1);
            e.customer.age = 18 + (original.age - 18 + 11 * variant) % 70;
            e.customer.annual_income = original.annual_income * (1.0 + 0.35 * variant);
            if (variant == 1 && !e.customer.products_held.empty()) e.customer.products_held.pop_back();
            if (variant == 3) {
                for (std::size_t p = 0; p < b.data.catalog.size(); p += 9) {
                    const std::string& id = b.data.catalog[(p + original.id) % b.data.catalog.size()].id;
                    auto& held = e.customer.products_held;
                    if (std::find(held.begin(), held.end(), id) == held.end()) held.push_back(id);
                }
            }
            const auto spend = b.spending.find(original.id);
            if (variant % 2 == 0 && spend != b.spending.end()) e.spending = spend->second;
            book.push_back(std::move(e));
        }
    }
    return book;
}

// Bit-for-bit: the fast path runs the same trees on the same rows.
void check_same_list(const bank::RankingResult& fast, const bank::RankingResult& full, std::int64_t id) {
    INFO("customer " << id);
    REQUIRE(fast.recommendations.size() == full.recommendations.size());
    for (std::size_t i = 0; i < full.recommendations.size(); ++i) {
        const bank::Recommendation& f = fast.recommendations[i];
        const bank::Recommendation& r = full.recommendations[i];
        CHECK(f.product_id == r.product_id);
        CHECK(f.product_index == r.product_index);
        CHECK(f.score == r.score);
        CHECK(f.likelihood == r.likelihood);
    }
    CHECK(fast.note == full.note);
    CHECK(fast.signals_used == full.signals_used);
    REQUIRE(fast.exclusions.size() == full.exclusions.size());
    for (std::size_t i = 0; i < full.exclusions.size(); ++i) CHECK(fast.exclusions[i].text == full.exclusions[i].text);
}

void check_same_reasons(const bank::RankingResult& explained, const bank::RankingResult& full, std::int64_t id) {
    INFO("customer " << id);
    CHECK(explained.explained);
    REQUIRE(explained.recommendations.size() == full.recommendations.size());
    for (std::size_t i = 0; i < full.recommendations.size(); ++i) {
        const auto& got = explained.recommendations[i].reasons;
        const auto& want = full.recommendations[i].reasons;
        REQUIRE(got.size() == want.size());
        for (std::size_t k = 0; k < want.size(); ++k) {
            CHECK(got[k].code == want[k].code);
            CHECK(got[k].text == want[k].text);
            CHECK(got[k].contribution == want[k].contribution);
        }
    }
}

// Ranks the whole book both ways and returns how many customers had a non-empty list.
int compare_book(const bank::DeviceRanker& ranker, const std::vector<BookEntry>& book, std::size_t explain_every) {
    int listed = 0;
    for (std::size_t i = 0; i < book.size(); ++i) {
        const BookEntry& e = book[i];
        auto full = bank::rank_on_device(ranker, e.customer, e.spending);
        auto fast = bank::rank_on_device(ranker, e.customer, e.spending, nullptr, bank::Reasons::Later);
        REQUIRE(full.ok());
        REQUIRE(fast.ok());
        check_same_list(fast.value(), full.value(), e.customer.id);
        if (fast.value().recommendations.empty()) continue;
        ++listed;
        CHECK_FALSE(fast.value().explained);
        for (const bank::Recommendation& r : fast.value().recommendations) CHECK(r.reasons.empty());
        if (i % explain_every != 0) continue;
        auto explained = bank::explain_on_device(ranker, e.customer, e.spending, nullptr, fast.value());
        REQUIRE(explained.ok());
        check_same_reasons(explained.value(), full.value(), e.customer.id);
    }
    return listed;
}

}  // namespace

TEST_CASE("reasons on demand: the learned model's fast book equals the full path, customer by customer",
          "[ranking][device][book]") {
    const Bank& b = bank_with_model();
    const std::vector<BookEntry> book = generated_book(b);
    REQUIRE(book.size() == 4 * b.data.customers.size());
    // Every 3rd customer's reasons too: TreeSHAP is the slow part this path leaves out.
    const int listed = compare_book(b.learned, book, 3);
    CHECK(listed > static_cast<int>(book.size()) * 9 / 10);
    auto probe = bank::rank_on_device(b.learned, book.front().customer, book.front().spending);
    REQUIRE(probe.ok());
    CHECK(probe.value().recommendations.front().likelihood >= 0);  // the learned model ranked it
}

TEST_CASE("reasons on demand: the hybrid's fast book equals the full path, customer by customer",
          "[ranking][device][book]") {
    const Bank& b = bank_with_model();
    const std::vector<BookEntry> book = generated_book(b);
    compare_book(b.hybrid, book, 1);
}

TEST_CASE("reasons on demand: unusable profile vectors are refused on the fast learned path too",
          "[ranking][device][book]") {
    const Bank& b = bank_with_model();
    // Model text vectors (as SBERT would give them), so a profile text vector is checked.
    std::vector<std::string> ids;
    for (const bank::Product& p : b.data.catalog) ids.push_back(p.id);
    std::vector<float> values(b.data.catalog.size() * 4, 0.5f);
    auto matrix = bank::make_embedding_matrix("test vectors", 4, values, ids);
    REQUIRE(matrix.ok());
    auto ranker = bank::with_model_vectors(b.learned, std::move(matrix).value(), {});
    REQUIRE(ranker.ok());
    bank::ProfileVectors bad;
    bad.text = {1.0f, std::numeric_limits<float>::quiet_NaN(), 0.0f, 0.0f};
    const bank::Customer& c = b.data.customers.front();
    auto full = bank::rank_on_device(ranker.value(), c, {}, &bad);
    auto fast = bank::rank_on_device(ranker.value(), c, {}, &bad, bank::Reasons::Later);
    REQUIRE_FALSE(full.ok());
    REQUIRE_FALSE(fast.ok());
    CHECK(fast.error().message == full.error().message);
    CHECK_THAT(fast.error().message, Catch::Contains("NaN or infinity"));

    bank::ProfileVectors good;
    good.text = {0.1f, 0.2f, 0.3f, 0.4f};
    auto listed = bank::rank_on_device(ranker.value(), c, {}, &good, bank::Reasons::Later);
    REQUIRE(listed.ok());
    auto explained = bank::explain_on_device(ranker.value(), c, {}, &bad, listed.value());
    REQUIRE_FALSE(explained.ok());
    CHECK(explained.error().message == full.error().message);
}

TEST_CASE("reasons on demand: a list naming a product the catalog lacks is refused, not explained",
          "[ranking][device][book]") {
    const Bank& b = bank_with_model();
    const bank::Customer& c = b.data.customers.front();
    auto listed = bank::rank_on_device(b.learned, c, {}, nullptr, bank::Reasons::Later);
    REQUIRE(listed.ok());
    REQUIRE_FALSE(listed.value().recommendations.empty());
    bank::RankingResult tampered = listed.value();
    tampered.recommendations.back().product_index = static_cast<int>(b.data.catalog.size());
    auto explained = bank::explain_on_device(b.learned, c, {}, nullptr, tampered);
    REQUIRE_FALSE(explained.ok());
    CHECK_THAT(explained.error().message, Catch::Contains("the catalog does not have"));
}
