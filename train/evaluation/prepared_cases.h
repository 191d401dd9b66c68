// Everything fitted on a split's training part, and every evaluated customer's signals computed
// once: the rankers compared (and the weight search, which tries hundreds of weightings) then only
// re-weight these tables. What is learned comes from training holdings and transactions only.
#pragma once

#include <string>
#include <vector>

#include "train/evaluation/protocol.h"
#include "shared/ranking/signals.h"

namespace bank {

struct PreparedCase {
    std::size_t customer = 0;  // index into EvalData::customers
    std::vector<std::string> relevant;
    SignalTable signals;
    std::vector<unsigned char> candidate;  // eligible and not held (training holdings)
    std::vector<float> peer_popularity;    // share holding each product in the customer's segment x age band
    std::vector<float> learned;            // the propensity model's likelihoods; empty when not evaluated
};

struct EvalContext {
    RankingCatalog catalog;  // product text vectors from the lexical encoder
    BehaviorModel model;     // fit on training holdings and transactions
    std::vector<float> popularity;  // share of customers holding each product (training holdings)
    std::vector<PreparedCase> validation;
    std::vector<PreparedCase> test;
};

Checked<EvalContext> prepare_evaluation(const EvalData& data, const EvalSplit& split);

}  // namespace bank
