#include <catch2/catch.hpp>

#include <cmath>

#include "train/evaluation/bootstrap.h"
#include "train/evaluation/metrics.h"

using namespace bank;

using List = std::vector<std::string>;

TEST_CASE("MAP@k term: Kaggle definition, divided by min(|relevant|, k)", "[eval][metrics]") {
    // Hits at ranks 1 and 3 of two relevant: (1/1 + 2/3) / 2.
    CHECK(average_precision_at_k({"a", "x", "b"}, {"a", "b"}, 7) == Approx((1.0 + 2.0 / 3.0) / 2.0));
    // One relevant found at rank 4: (1/4) / 1.
    CHECK(average_precision_at_k({"x", "y", "z", "a"}, {"a"}, 7) == Approx(0.25));
    // Three relevant, k = 2, both slots hit: divided by min(3, 2) = 2, so a perfect 1.
    CHECK(average_precision_at_k({"a", "b", "c"}, {"a", "b", "c"}, 2) == Approx(1.0));
    // Relevant beyond k does not count.
    CHECK(average_precision_at_k({"x", "y", "a"}, {"a"}, 2) == 0.0);
    CHECK(average_precision_at_k({"a"}, {}, 7) == 0.0);
    CHECK(average_precision_at_k({}, {"a"}, 7) == 0.0);
    // A repeated product counts once.
    CHECK(average_precision_at_k({"a", "a"}, {"a", "b"}, 7) == Approx(0.5));
}

TEST_CASE("NDCG@k with binary gains", "[eval][metrics]") {
    // Hit at rank 2 of one relevant: (1/log2 3) / 1.
    CHECK(ndcg_at_k({"x", "a"}, {"a"}, 7) == Approx(1.0 / std::log2(3.0)));
    // Hits at ranks 1 and 3 of two relevant: (1 + 1/2) / (1 + 1/log2 3).
    CHECK(ndcg_at_k({"a", "x", "b"}, {"a", "b"}, 7) == Approx(1.5 / (1.0 + 1.0 / std::log2(3.0))));
    CHECK(ndcg_at_k({"a", "b"}, {"a", "b"}, 7) == Approx(1.0));
    CHECK(ndcg_at_k({"x"}, {"a"}, 7) == 0.0);
}

TEST_CASE("recall@k and hit rate", "[eval][metrics]") {
    CHECK(recall_at_k({"a", "x", "b"}, {"a", "b", "c", "d"}, 7) == Approx(0.5));
    CHECK(recall_at_k({"a", "x", "b"}, {"a", "b"}, 2) == Approx(0.5));
    CHECK(hit_at_k({"x", "a"}, {"a"}, 2) == 1.0);
    CHECK(hit_at_k({"x", "a"}, {"a"}, 1) == 0.0);
}

TEST_CASE("catalog coverage counts distinct recommended products", "[eval][metrics]") {
    CHECK(catalog_coverage({{"a", "b"}, {"b", "c"}}, 10) == Approx(0.3));
    CHECK(catalog_coverage({}, 0) == 0.0);
}

TEST_CASE("exposure ratio compares category shares between groups", "[eval][metrics]") {
    // Group F sees cards in 1 of 2 slots, group M in 2 of 2; loans: F 1/2, M 0.
    // card: min/max = 0.5/1 with weight 3/4; loan: 0/0.5 = 0 with weight 1/4.
    const auto e = exposure_ratio({"F", "M"}, {{"card", "loan"}, {"card", "card"}}, 1);
    CHECK(e.ratio == Approx(0.375));
    CHECK(e.groups == List{"F", "M"});
    CHECK(e.least_even_category == "loan");
    CHECK(exposure_ratio({"F", "M"}, {{"card"}, {"card"}}, 1).ratio == Approx(1.0));
    // Groups below the minimum size are left out: one group left, nothing to compare.
    CHECK(exposure_ratio({"F", "M", "M"}, {{"loan"}, {"card"}, {"card"}}, 2).ratio == 1.0);
}

TEST_CASE("bootstrap intervals are seeded, paired and contain the mean", "[eval][bootstrap]") {
    const std::vector<double> a = {0, 1, 0, 1, 1, 0, 1, 1, 0, 1};
    const std::vector<double> b = {0, 0, 0, 1, 0, 0, 1, 0, 0, 1};
    const Interval i = bootstrap_mean(a, 500, 7);
    CHECK(i.mean == Approx(0.6));
    CHECK(i.low <= i.mean);
    CHECK(i.high >= i.mean);
    CHECK(i.low < i.high);
    const Interval again = bootstrap_mean(a, 500, 7);
    CHECK(again.low == i.low);
    CHECK(again.high == i.high);
    const Interval d = bootstrap_mean_difference(a, b, 500, 7);
    CHECK(d.mean == Approx(0.3));
    CHECK(d.low >= 0.0);  // a is never below b, so no resample can make the difference negative
    CHECK(bootstrap_mean({}, 100, 1).mean == 0.0);
}
