// A made-up bank in the evaluator's shape (EvalData), generated from seeds so that a trainer run
// natively and a ranker built to wasm see exactly the same catalog and customers. Customers come
// from a few latent types (age, income, segment, activity and which products they favour), and a
// product is more likely once its "companion" is held, so there is structure for a model to learn.
// Known fields: age, income, segment, tenure and the activity flag; no transactions, no interests.
// Eligibility uses age and income only (no credit-score or risk rules), so the rules agree
// whichever of the other fields a caller treats as known. For benchmarks only: arithmetic only
// (no libm), so native and wasm builds draw bit-identical values.
#pragma once

#include <cstddef>
#include <cstdint>

#include "train/evaluation/eval_data.h"

namespace bank {

struct SyntheticBankShape {
    std::size_t customers = 1000;
    std::size_t products = 24;
    double holdings_mean = 1.4;        // products held per customer, on average (>= 1; fewer if rules forbid)
    std::uint64_t catalog_seed = 1;    // same seed and product count: the same catalog, whatever the customers
    std::uint64_t customer_seed = 2;
    std::int64_t first_customer_id = 1;
};

// Customers also carry their holdings in Customer::products_held (the app's view; EvalData reads
// `holdings`). Holdings are undated.
EvalData make_synthetic_bank(const SyntheticBankShape& shape);

}  // namespace bank
