#include <catch2/catch.hpp>

#include <limits>

#include "test_rank_fixture.h"

using namespace bank;
using namespace bank::testing;

namespace {

struct Book {
    std::vector<Customer> customers;
    BankerBook book;
};

void fill(Book& b, const SmallBank& bank) {
    b.customers = {customer(1, 30, {"ACC-BASIC", "CARD-TRAVEL"}), customer(2, 45, {"INS-PET"}, 30000),
                   customer(3, 40, {}, 200000, RiskProfile::Aggressive), customer(4, 16, {})};
    const char* texts[] = {"travel abroad", "dogs and savings", "stock market growth", "gaming"};
    std::vector<float> rows;
    for (const char* t : texts) {
        const auto v = bank.embed(t);
        rows.insert(rows.end(), v.begin(), v.end());
    }
    b.book.profile_text = make_embedding_matrix("lexical", bank.encoder.dimension(), rows, {}).value();
    for (const Customer& c : b.customers) b.book.customers.push_back({&c, nullptr, {}});
}

}  // namespace

TEST_CASE("banker book: every customer's list equals rank_customer's", "[rank][book]") {
    const SmallBank bank = small_bank();
    Book b;
    fill(b, bank);
    RankingWeights w;
    w.top_k = 4;
    auto book = rank_book(bank.catalog, bank.model, w, b.book);
    REQUIRE(book.ok());
    REQUIRE(book.value().top_k == 4);
    for (std::size_t i = 0; i < b.customers.size(); ++i) {
        CustomerToRank one;
        one.customer = &b.customers[i];
        const float* row = b.book.profile_text.row(i);
        one.profile.text.assign(row, row + b.book.profile_text.dimension);
        auto single = rank_customer(bank.catalog, bank.model, w, one);
        REQUIRE(single.ok());
        std::vector<int> expected(4, -1);
        for (std::size_t k = 0; k < single.value().recommendations.size(); ++k) {
            expected[k] = single.value().recommendations[k].product_index;
        }
        const int* got = book.value().products_of(i);
        CHECK(std::vector<int>(got, got + 4) == expected);
    }
    CHECK(book.value().products_of(3)[0] == -1);  // the minor: nothing eligible
}

TEST_CASE("banker book: bad vectors are errors and an empty book is empty", "[rank][book][bad-input]") {
    const SmallBank bank = small_bank();
    Book b;
    fill(b, bank);
    b.book.profile_text.values[5] = std::numeric_limits<float>::quiet_NaN();
    auto nan = rank_book(bank.catalog, bank.model, {}, b.book);
    REQUIRE_FALSE(nan.ok());
    CHECK_THAT(nan.error().message, Catch::Contains("customer 1 contains NaN"));

    b.book.profile_text.values.resize(3 * b.book.profile_text.dimension);
    auto rows = rank_book(bank.catalog, bank.model, {}, b.book);
    REQUIRE_FALSE(rows.ok());
    CHECK_THAT(rows.error().message, Catch::Contains("3 rows for 4 customers"));

    b.book.profile_text = make_embedding_matrix("other", 3, std::vector<float>(12, 1.0f), {}).value();
    auto dims = rank_book(bank.catalog, bank.model, {}, b.book);
    REQUIRE_FALSE(dims.ok());
    CHECK_THAT(dims.error().message, Catch::Contains("have 3 values"));

    auto empty = rank_book(bank.catalog, bank.model, {}, BankerBook{});
    REQUIRE(empty.ok());
    CHECK(empty.value().product_index.empty());
}

TEST_CASE("banker book and scorer: impossible settings are errors", "[rank][book][bad-input]") {
    const SmallBank bank = small_bank();
    RankingWeights none;
    none.top_k = 0;
    CHECK_THAT(rank_book(bank.catalog, bank.model, none, BankerBook{}).error().message,
               Catch::Contains("top_k"));
    const Customer c = customer(1, 30, {});
    CustomerToRank input;
    input.customer = &c;
    CHECK_FALSE(rank_customer(bank.catalog, bank.model, none, input).ok());
    CHECK_FALSE(rank_customer(bank.catalog, bank.model, {}, CustomerToRank{}).ok());
    BankerBook missing;
    missing.customers.push_back({nullptr, nullptr, {}});
    CHECK_THAT(rank_book(bank.catalog, bank.model, {}, missing).error().message,
               Catch::Contains("book entry 1"));
}
