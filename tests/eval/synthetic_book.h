// A banker book of made-up customers and products with the shapes of production (SBERT 384-d text,
// CLIP 512-d image vectors, catalog eligibility fields, holdings, spending mixes), generated from a
// seed so native and wasm runs score exactly the same inputs. For benchmarks only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "tests/eval/banker_book.h"

namespace bank {

struct SyntheticBook {
    std::vector<Customer> customers;
    std::vector<std::vector<CategorySpend>> spending;  // per customer
    RankingCatalog catalog;
    BehaviorModel model;
    BankerBook book;  // points into customers and spending
};

// `out` is filled in place because the book points into its own vectors.
void make_synthetic_book(std::size_t customers, std::size_t products, std::uint64_t seed, SyntheticBook& out);

}  // namespace bank
