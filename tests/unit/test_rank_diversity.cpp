#include <catch2/catch.hpp>

#include "shared/ranking/diversity.h"

using namespace bank;

namespace {

std::vector<int> pick(const std::vector<float>& rel, const std::vector<int>& category,
                      std::vector<unsigned char> candidate, const std::vector<int>& id_order, int k,
                      double diversity) {
    const DiversityInput in{&rel, &candidate, &category, &id_order};
    return select_diverse(in, k, diversity);
}

}  // namespace

TEST_CASE("diversity 0 ranks by relevance alone", "[rank][mmr]") {
    CHECK(pick({0.1f, 0.9f, 0.5f, 0.7f}, {0, 0, 0, 1}, {1, 1, 1, 1}, {0, 1, 2, 3}, 4, 0.0) ==
          std::vector<int>{1, 3, 2, 0});
}

TEST_CASE("MMR moves a second product of the same category below another category", "[rank][mmr]") {
    // Two cards lead; with diversity the runner-up card yields to the best savings product.
    const std::vector<float> rel = {1.0f, 0.9f, 0.6f, 0.0f};
    const std::vector<int> category = {1, 1, 4, 4};
    CHECK(pick(rel, category, {1, 1, 1, 1}, {0, 1, 2, 3}, 3, 0.0) == std::vector<int>{0, 1, 2});
    CHECK(pick(rel, category, {1, 1, 1, 1}, {0, 1, 2, 3}, 3, 0.5) == std::vector<int>{0, 2, 1});
}

TEST_CASE("MMR with full diversity takes one per category before repeating", "[rank][mmr]") {
    const std::vector<float> rel = {1.0f, 0.9f, 0.8f, 0.1f, 0.05f};
    const std::vector<int> category = {0, 0, 0, 1, 2};
    CHECK(pick(rel, category, {1, 1, 1, 1, 1}, {0, 1, 2, 3, 4}, 5, 1.0) == std::vector<int>{0, 3, 4, 1, 2});
}

TEST_CASE("equal scores are ordered by product id, whatever the catalog order", "[rank][mmr][ties]") {
    // id_order gives product 2 the smallest id, then 0, then 1.
    CHECK(pick({0.5f, 0.5f, 0.5f}, {0, 1, 2}, {1, 1, 1}, {1, 2, 0}, 3, 0.0) == std::vector<int>{2, 0, 1});
    CHECK(pick({0.5f, 0.5f, 0.5f}, {0, 1, 2}, {1, 1, 1}, {1, 2, 0}, 3, 0.3) == std::vector<int>{2, 0, 1});
    CHECK(pick({0.0f, -0.0f}, {0, 0}, {1, 1}, {1, 0}, 2, 0.0) == std::vector<int>{1, 0});
}

TEST_CASE("only candidates are picked, and a short list stays short", "[rank][mmr]") {
    CHECK(pick({0.9f, 0.8f, 0.7f}, {0, 1, 2}, {0, 1, 0}, {0, 1, 2}, 7, 0.1) == std::vector<int>{1});
    CHECK(pick({0.9f, 0.8f}, {0, 1}, {0, 0}, {0, 1}, 7, 0.1).empty());
    CHECK(pick({0.9f}, {0}, {1}, {0}, 0, 0.1).empty());
}

TEST_CASE("a negative category code is treated as category 0, not an index out of range",
          "[rank][mmr][bad-input]") {
    CHECK(pick({0.9f, 0.8f, 0.1f}, {-5, 0, 3}, {1, 1, 1}, {0, 1, 2}, 3, 1.0) == std::vector<int>{0, 2, 1});
}
