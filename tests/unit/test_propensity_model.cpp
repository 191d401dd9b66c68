// The learned model as the app uses it: an XGBoost JSON file whose feature names and statistics
// are checked against the catalog, likelihoods from the trees, reasons only where the customer's
// own data supports them, and a clear error (never a guess) for a file it cannot use.
#include <catch2/catch.hpp>

#include <cmath>

#include <nlohmann/json.hpp>

#include "shared/ranking/recommender.h"
#include "test_rank_fixture.h"

using namespace bank;
using nlohmann::json;

namespace {

// One tree: holding ACC-BASIC raises every product, then a text similarity of 0.1 or more raises
// it further. Written as XGBoost 1.7 writes a binary:logistic model.
json tree_model(const std::vector<std::string>& names, const std::string& priors) {
    json tree = {{"base_weights", {0.0, -1.0, 0.0, 0.2, 1.0}},
                 {"categories", json::array()}, {"categories_nodes", json::array()},
                 {"categories_segments", json::array()}, {"categories_sizes", json::array()},
                 {"default_left", {0, 0, 1, 0, 0}}, {"id", 0},
                 {"left_children", {1, -1, 3, -1, -1}}, {"right_children", {2, -1, 4, -1, -1}},
                 {"loss_changes", {1.0, 0.0, 1.0, 0.0, 0.0}}, {"parents", {2147483647, 0, 0, 2, 2}},
                 {"split_conditions", {0.5, -1.0, 0.1, 0.2, 1.0}}, {"split_indices", {0, 0, 1, 0, 0}},
                 {"split_type", {0, 0, 0, 0, 0}}, {"sum_hessian", {10.0, 5.0, 5.0, 2.0, 3.0}},
                 {"tree_param", {{"num_deleted", "0"}, {"num_feature", std::to_string(names.size())},
                                 {"num_nodes", "5"}, {"size_leaf_vector", "0"}}}};
    return {{"learner",
             {{"attributes", {{"bank_priors", priors}, {"bank_training", "hand-written test model"}}},
              {"feature_names", names},
              {"feature_types", std::vector<std::string>(names.size(), "float")},
              {"gradient_booster",
               {{"model", {{"gbtree_model_param", {{"num_parallel_tree", "1"}, {"num_trees", "1"}, {"size_leaf_vector", "0"}}},
                           {"tree_info", {0}},
                           {"trees", {tree}}}},
                {"name", "gbtree"}}},
              {"learner_model_param", {{"base_score", "5E-1"}, {"boost_from_average", "1"}, {"num_class", "0"},
                                       {"num_feature", std::to_string(names.size())}, {"num_target", "1"}}},
              {"objective", {{"name", "binary:logistic"}, {"reg_loss_param", {{"scale_pos_weight", "1"}}}}}}},
            {"version", {1, 7, 4}}};
}

std::string priors_for(const std::vector<Product>& catalog) {
    std::vector<PriorInput> people(40, PriorInput{{0}, "", 3});
    return propensity_priors_json(fit_propensity_priors(catalog, people, 20));
}

std::string good_model(const std::vector<Product>& catalog) {
    return tree_model({"holds:ACC-BASIC", "text_similarity", "popularity"}, priors_for(catalog)).dump();
}

}  // namespace

TEST_CASE("propensity model: a well-formed file loads with its features and statistics") {
    const auto catalog = testing::small_catalog();
    auto model = parse_propensity_model(good_model(catalog), "model.json", catalog);
    REQUIRE(model.ok());
    CHECK(model.value().layout.uses_text);
    CHECK(model.value().provenance == "hand-written test model");
    CHECK(model.value().priors.products() == catalog.size());
}

TEST_CASE("propensity model: a file it cannot use is refused with the file and the reason") {
    const auto catalog = testing::small_catalog();
    const std::string priors = priors_for(catalog);
    CHECK(parse_propensity_model("{\"weights\": 1}", "model.json", catalog).error().message.rfind("model.json: ", 0) == 0);
    CHECK(parse_propensity_model(tree_model({"holds:ACC-BASIC", "gender", "popularity"}, priors).dump(), "model.json",
                                 catalog)
              .error()
              .message == "model.json: unknown feature 'gender': this version cannot compute it");
    json no_priors = tree_model({"holds:ACC-BASIC", "text_similarity", "popularity"}, priors);
    no_priors["learner"]["attributes"].erase("bank_priors");
    CHECK(parse_propensity_model(no_priors.dump(), "model.json", catalog).error().message ==
          "model.json: the model carries no group statistics (attribute bank_priors)");
    auto other = catalog;
    other[2].id = "CARD-OTHER";
    CHECK(parse_propensity_model(good_model(catalog), "model.json", other).error().message ==
          "model.json: trained on another catalog (product 3 is CARD-CASH, not CARD-OTHER)");
    json nan_leaf = json::parse(good_model(catalog));
    nan_leaf["learner"]["gradient_booster"]["model"]["trees"][0]["split_conditions"][3] = "NaN";
    CHECK(parse_propensity_model(nan_leaf.dump(), "model.json", catalog).error().message.find("tree 0") !=
          std::string::npos);
}

TEST_CASE("learned ranking: likelihoods from the trees, reasons only where the data supports them") {
    const auto catalog = testing::small_catalog();
    auto made = make_ranking_catalog(catalog, EmbeddingMatrix{}, EmbeddingMatrix{});
    REQUIRE(made.ok());
    auto model = parse_propensity_model(good_model(catalog), "model.json", catalog);
    REQUIRE(model.ok());
    const BehaviorModel behavior = fit_behavior_model(catalog, testing::small_population(), {});

    Customer traveller = testing::customer(1, 35, {"ACC-BASIC"});
    traveller.interests = {"Travel"};
    std::vector<float> similarity(catalog.size(), 0.0f);
    similarity[1] = 0.4f;  // CARD-TRAVEL
    const std::vector<CategorySpend> none;
    CustomerToRank input;
    input.customer = &traveller;
    input.spending = &none;
    input.propensity = &model.value();
    input.propensity_text_similarity = similarity.data();
    RankingWeights weights;
    weights.diversity = 0;
    auto ranked = rank_customer(made.value(), behavior, weights, input);
    REQUIRE(ranked.ok());
    const auto& recs = ranked.value().recommendations;
    REQUIRE(!recs.empty());
    CHECK(recs[0].product_id == "CARD-TRAVEL");
    // Base margin 0 + leaf 1.0 for the travel card, leaf 0.2 for the others; the likelihoods are
    // a softmax of those log-odds over the candidates (temperature 1: the file has none).
    // Five candidates: ACC-BASIC is held; CARD-PREMIUM and INV-GROWTH need a higher income.
    const int candidates = static_cast<int>(catalog.size()) - 3;
    const float total = std::exp(1.0f) + (candidates - 1) * std::exp(0.2f);
    CHECK(recs[0].likelihood == Approx(std::exp(1.0f) / total));
    CHECK(recs[1].likelihood == Approx(std::exp(0.2f) / total));
    for (const Recommendation& r : recs) CHECK(r.product_id != "ACC-BASIC");  // held
    std::vector<std::string> reasons;
    for (const Reason& r : recs[0].reasons) reasons.push_back(r.text);
    CHECK(std::find(reasons.begin(), reasons.end(), "Matches your interest in travel") != reasons.end());
    CHECK(std::find(reasons.begin(), reasons.end(), "Often taken together with your ACC-BASIC product") !=
          reasons.end());

    // The same similarity with interests the product does not name, or none at all: the trees
    // still use it, the card does not claim a match with interests the customer never gave.
    for (const std::vector<std::string>& interests : {std::vector<std::string>{"Gaming"}, std::vector<std::string>{}}) {
        traveller.interests = interests;
        auto quiet = rank_customer(made.value(), behavior, weights, input);
        REQUIRE(quiet.ok());
        REQUIRE(quiet.value().recommendations[0].product_id == "CARD-TRAVEL");
        for (const Reason& r : quiet.value().recommendations[0].reasons) CHECK(r.code != ReasonCode::MatchesInterests);
    }

    // Not holding ACC-BASIC lowers every likelihood, and "not having it" is never given as a reason.
    Customer newcomer = testing::customer(2, 35, {});
    input.customer = &newcomer;
    auto fresh = rank_customer(made.value(), behavior, weights, input);
    REQUIRE(fresh.ok());
    CHECK(fresh.value().recommendations[0].score == fresh.value().recommendations[1].score);  // all leaf -1
    for (const Reason& r : fresh.value().recommendations[0].reasons) CHECK(r.code != ReasonCode::HeldTogether);
}

TEST_CASE("propensity model: likelihoods are a softmax of the log-odds at the model's temperature") {
    const auto catalog = testing::small_catalog();
    json doc = json::parse(good_model(catalog));
    auto plain = parse_propensity_model(doc.dump(), "model.json", catalog);
    REQUIRE(plain.ok());
    CHECK(plain.value().temperature == 1.0f);  // no calibration in the file

    doc["learner"]["attributes"]["bank_calibration"] = R"({"temperature": 2})";
    auto calibrated = parse_propensity_model(doc.dump(), "model.json", catalog);
    REQUIRE(calibrated.ok());
    CHECK(calibrated.value().temperature == 2.0f);
    const std::vector<float> likelihoods = take_up_likelihoods({1.0f, 0.0f, 0.0f}, 2.0f);
    const float e2 = std::exp(2.0f);
    CHECK(likelihoods[0] == Approx(e2 / (e2 + 2)));
    CHECK(likelihoods[1] == Approx(1 / (e2 + 2)));
    CHECK(likelihoods[0] + likelihoods[1] + likelihoods[2] == Approx(1.0));

    for (const char* bad : {R"({"temperature": 0})", R"({"temperature": 1e-300})", R"({"temperature": "hot"})",
                            R"([1])", "not json"}) {
        doc["learner"]["attributes"]["bank_calibration"] = bad;
        CHECK(parse_propensity_model(doc.dump(), "model.json", catalog).error().message ==
              "model.json: the calibration (attribute bank_calibration) needs a temperature from 0.01 to 100");
    }
}

TEST_CASE("propensity model: a file whose scores could leave the float range is refused, never a NaN ranking") {
    // Found by the xgboost_model fuzz target: finite leaves whose sum overflows, and a base score
    // that is a valid double but no usable float margin, both ranked every product as NaN.
    const auto catalog = testing::small_catalog();
    json huge = json::parse(good_model(catalog));
    huge["learner"]["gradient_booster"]["model"]["trees"][0]["split_conditions"][4] = 3e38;
    CHECK(parse_propensity_model(huge.dump(), "model.json", catalog).error().message.find(
              "model.json: leaf values add up beyond the range a score may take") == 0);
    for (const char* base : {"1E-40", "1E39"}) {
        json odd = json::parse(good_model(catalog));
        odd["learner"]["learner_model_param"]["base_score"] = base;
        CHECK(parse_propensity_model(odd.dump(), "model.json", catalog).error().message.rfind("model.json: base_score", 0) ==
              0);
    }
}
