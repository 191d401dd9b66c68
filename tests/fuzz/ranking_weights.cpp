// config/ranking.json (and the weights the browser gets from /api/ranking-model): accepted
// weights are within their documented ranges, survive a write and read back unchanged, and rank
// the test bank with the model fitted on it.
#include <cmath>

#include "ranking_support.h"
#include "shared/ranking/behavior_model.h"
#include "shared/ranking/ranking_weights.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace bank;
    const auto parsed = parse_ranking_weights(std::string(fuzz::as_text(data, size)));
    if (!parsed) {
        fuzz::require(parsed.error().message.rfind("config/ranking.json: ", 0) == 0, "errors name the file");
        return 0;
    }
    const RankingWeights& w = parsed.value();
    for (double v : {w.semantic, w.image, w.behavioral, w.co_ownership, w.spending, w.context}) {
        fuzz::require(std::isfinite(v) && v >= 0, "weights are finite and >= 0");
    }
    fuzz::require(w.diversity >= 0 && w.diversity <= 1, "diversity within 0..1");
    fuzz::require(w.top_k >= 1 && w.top_k <= 50, "top_k within 1..50");
    const auto again = parse_ranking_weights(ranking_weights_json(w, "fuzz"));
    fuzz::require(again.ok(), "written weights read back");
    const RankingWeights& r = again.value();
    fuzz::require(r.semantic == w.semantic && r.image == w.image && r.behavioral == w.behavioral &&
                      r.co_ownership == w.co_ownership && r.spending == w.spending && r.context == w.context &&
                      r.diversity == w.diversity && r.top_k == w.top_k,
                  "weights survive a round trip");
    static const BehaviorModel fitted = fit_behavior_model(fuzz::test_bank());
    fuzz::rank_test_bank(fitted, w);
    return 0;
}
