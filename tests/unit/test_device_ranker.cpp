// The browser's ranking path on the bundled data: the behavioral model crosses the wire as JSON,
// the catalog gets lexical vectors on the device, and the result must equal ranking with the
// model that never left the proxy.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

#include "shared/data/loaders.h"
#include "shared/profile/spending.h"
#include "shared/ranking/behavior_model_json.h"
#include "shared/ranking/device_ranker.h"
#include "tests/unit/test_bundled_bank.h"

namespace {

const bank::Dataset& bundled() { return bank::testing::bundled_dataset(); }

}  // namespace

TEST_CASE("device ranker: ranks a customer from the model as shipped over the wire", "[ranking][device]") {
    const bank::Dataset& data = bundled();
    const bank::BehaviorModel fitted = bank::fit_behavior_model(data);
    auto shipped = bank::behavior_model_from_json(bank::behavior_model_to_json(fitted), "/api/ranking-model");
    REQUIRE(shipped.ok());
    auto ranker = bank::make_device_ranker(data.catalog, std::move(shipped).value(), bank::RankingWeights{});
    REQUIRE(ranker.ok());

    const bank::SpendingByCustomer spending = bank::spending_by_customer(data.transactions);
    const bank::Customer& daan = data.customers.front();
    REQUIRE(daan.id == 101);
    auto result = bank::rank_on_device(ranker.value(), daan, spending.at(101));
    REQUIRE(result.ok());
    const auto& recs = result.value().recommendations;
    REQUIRE(recs.size() == static_cast<std::size_t>(bank::RankingWeights{}.top_k));
    for (const bank::Recommendation& r : recs) {
        CHECK(std::find(daan.products_held.begin(), daan.products_held.end(), r.product_id) ==
              daan.products_held.end());
        CHECK_FALSE(r.reasons.empty());
    }
    auto signals = result.value().signals_used;
    CHECK(std::any_of(signals.begin(), signals.end(),
                      [](const std::string& s) { return s.find(bank::kLexicalEncoderLabel) != std::string::npos; }));

    auto local = bank::make_device_ranker(data.catalog, fitted, bank::RankingWeights{});
    auto same = bank::rank_on_device(local.value(), daan, spending.at(101));
    REQUIRE(same.ok());
    for (std::size_t i = 0; i < recs.size(); ++i) CHECK(same.value().recommendations[i].product_id == recs[i].product_id);
}

TEST_CASE("device ranker: a model learned on another catalog is refused", "[ranking][device]") {
    const bank::Dataset& data = bundled();
    bank::BehaviorModel model = bank::fit_behavior_model(data);
    std::vector<bank::Product> shorter(data.catalog.begin(), data.catalog.end() - 1);
    auto r = bank::make_device_ranker(shorter, model, bank::RankingWeights{});
    REQUIRE_FALSE(r.ok());
    CHECK_THAT(r.error().message, Catch::Contains("learned on " + std::to_string(data.catalog.size()) +
                                                  " products but the catalog has " + std::to_string(shorter.size())));

    std::vector<bank::Product> reordered = data.catalog;
    std::swap(reordered[0], reordered[1]);
    CHECK_THAT(bank::make_device_ranker(reordered, model, bank::RankingWeights{}).error().message,
               Catch::Contains("another catalog"));
}

TEST_CASE("device ranker: model vectors replace the lexical ones, and need a profile from the same model",
          "[ranking][device]") {
    const bank::Dataset& data = bundled();
    auto lexical = bank::make_device_ranker(data.catalog, bank::fit_behavior_model(data), bank::RankingWeights{});
    REQUIRE(lexical.ok());
    const bank::SpendingByCustomer spending = bank::spending_by_customer(data.transactions);
    const bank::Customer& daan = data.customers.front();

    // A stand-in "model": only one product points where Daan's profile points.
    auto baseline = bank::rank_on_device(lexical.value(), daan, spending.at(101));
    REQUIRE(baseline.ok());
    const auto& base_recs = baseline.value().recommendations;
    const std::string target = base_recs.back().product_id;  // the weakest of the shortlist
    const std::size_t n = data.catalog.size();
    std::vector<float> rows(n * 4, 0.0f);
    std::vector<std::string> names;
    for (std::size_t i = 0; i < n; ++i) {
        names.push_back(data.catalog[i].id);
        rows[i * 4 + (data.catalog[i].id == target ? 0 : 1 + i % 3)] = 1.0f;
    }
    auto text = bank::make_embedding_matrix("stand-in SBERT", 4, rows, names);
    REQUIRE(text.ok());
    auto model = bank::with_model_vectors(lexical.value(), std::move(text).value(), {});
    REQUIRE(model.ok());
    CHECK_FALSE(model.value().lexical.has_value());

    const bank::ProfileVectors profile{{1.0f, 0.0f, 0.0f, 0.0f}, {}};
    auto ranked = bank::rank_on_device(model.value(), daan, spending.at(101), &profile);
    REQUIRE(ranked.ok());
    const auto& signals = ranked.value().signals_used;
    CHECK(std::find(signals.begin(), signals.end(), "semantic (stand-in SBERT)") != signals.end());
    const auto& recs = ranked.value().recommendations;
    auto at = std::find_if(recs.begin(), recs.end(), [&](const bank::Recommendation& r) { return r.product_id == target; });
    REQUIRE(at != recs.end());
    CHECK(at - recs.begin() < static_cast<long>(base_recs.size()) - 1);  // moved up the list
    CHECK(std::any_of(at->reasons.begin(), at->reasons.end(),
                      [](const bank::Reason& r) { return r.code == bank::ReasonCode::MatchesInterests; }));

    // No profile vector from that model: the semantic signal is left out, never mixed.
    auto without = bank::rank_on_device(model.value(), daan, spending.at(101));
    REQUIRE(without.ok());
    for (const std::string& s : without.value().signals_used) CHECK(s.rfind("semantic", 0) != 0);

    // Vectors for another catalog are refused.
    auto short_matrix = bank::make_embedding_matrix("stand-in SBERT", 4, std::vector<float>(8, 0.5f), {"A", "B"});
    REQUIRE(short_matrix.ok());
    CHECK_FALSE(bank::with_model_vectors(lexical.value(), std::move(short_matrix).value(), {}).ok());
}
