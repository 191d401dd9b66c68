// Evaluation protocols: which holdings the ranker may learn from and which it must find.
// - leave-one-out: every customer with >= 2 holdings has one of them hidden (chosen by a seeded
//   hash of the customer id, so the same seed hides the same product whatever the file order);
// - temporal: holdings dated on or after a cutoff are hidden, and so are later transactions.
// Customers with a hidden product are then divided, by the same kind of hash, into a validation
// group (weights are fit there) and a test group (the figures reported); no customer is in both.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "shared/ranking/checked.h"
#include "train/evaluation/eval_data.h"

namespace bank {

struct EvalCase {
    std::size_t customer = 0;           // index into EvalData::customers
    std::vector<std::string> relevant;  // the hidden product ids
};

struct EvalSplit {
    std::string protocol;                                  // "leave-one-out, seed 42"
    std::vector<std::vector<std::string>> train_holdings;  // per customer index, sorted
    std::vector<Transaction> train_transactions;
    std::vector<EvalCase> validation;
    std::vector<EvalCase> test;
};

EvalSplit leave_one_out_split(const EvalData& data, std::uint64_t seed, double validation_share);

// Hides the latest `hidden_share` of dated holdings (the cutoff is the first date in that part).
// Error when no holding has a date.
Checked<EvalSplit> temporal_split(const EvalData& data, double hidden_share, std::uint64_t seed,
                                  double validation_share);

// A well-mixed 64-bit hash (splitmix64): the evaluator's only source of randomness, so results
// do not depend on the standard library's random distributions, which differ between vendors.
std::uint64_t mix64(std::uint64_t x);
// Uniform in [0, 1) from a hash.
double unit_interval(std::uint64_t hash);

}  // namespace bank
