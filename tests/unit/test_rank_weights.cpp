#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <string>

#include "shared/ranking/ranking_weights.h"

using namespace bank;

namespace {

const char* kGood = R"({"weights": {"semantic": 2, "image": 0.5, "behavioral": 1, "co_ownership": 1,
                        "spending": 0.2, "context": 0.4}, "diversity": 0.1, "top_k": 5, "fit": "note"})";

}  // namespace

TEST_CASE("ranking weights: a complete file parses", "[rank][weights]") {
    auto w = parse_ranking_weights(kGood);
    REQUIRE(w.ok());
    CHECK(w.value().semantic == 2);
    CHECK(w.value().context == Approx(0.4));
    CHECK(w.value().diversity == Approx(0.1));
    CHECK(w.value().top_k == 5);
}

TEST_CASE("ranking weights: what the evaluator writes reads back the same", "[rank][weights]") {
    RankingWeights w;
    w.semantic = 3.5;
    w.spending = 0.05;
    w.top_k = 9;
    auto back = parse_ranking_weights(ranking_weights_json(w, "test"));
    REQUIRE(back.ok());
    CHECK(back.value().semantic == 3.5);
    CHECK(back.value().spending == Approx(0.05));
    CHECK(back.value().top_k == 9);
}

namespace {

// A complete weights object with one weight replaced, plus extra top-level members.
std::string weights_with(const std::string& key, const std::string& value, const std::string& extra = "") {
    std::string weights =
        R"("semantic": 1, "image": 0, "behavioral": 1, "co_ownership": 1, "spending": 0, "context": 0)";
    if (!key.empty()) {
        const auto at = weights.find("\"" + key + "\"");
        if (at == std::string::npos) {
            weights += ", \"" + key + "\": " + value;
        } else {
            const auto end = weights.find(',', at);
            weights.replace(at, (end == std::string::npos ? weights.size() : end) - at,
                            "\"" + key + "\": " + value);
        }
    }
    return "{\"weights\": {" + weights + "}" + extra + "}";
}

}  // namespace

TEST_CASE("ranking weights: a bad file is a clear error, never a crash", "[rank][weights][bad-input]") {
    const std::pair<std::string, const char*> cases[] = {
        {"", "not valid JSON"},
        {"{\"weights\": {", "not valid JSON"},
        {"[1, 2]", "JSON object"},
        {"{}", "needs a \"weights\" object"},
        {R"({"weights": {"semantic": 1}})", "is missing"},
        {weights_with("semantic", "-1"), "weights.semantic must be between 0"},
        {weights_with("semantic", "\"high\""), "must be a number"},
        {weights_with("semantc", "1"), "unknown weight \"semantc\""},
        {weights_with("", "", ", \"diversity\": 2"), "diversity must be between 0 and 1"},
        {weights_with("", "", ", \"top_k\": 0"), "top_k must be a whole number"},
        {weights_with("", "", ", \"top_k\": 2.5"), "top_k must be a whole number"},
    };
    CHECK(parse_ranking_weights(weights_with("", "")).ok());
    for (const auto& [text, expected] : cases) {
        INFO(text);
        auto w = parse_ranking_weights(text);
        REQUIRE_FALSE(w.ok());
        CHECK_THAT(w.error().message, Catch::Contains("config/ranking.json"));
        CHECK_THAT(w.error().message, Catch::Contains(expected));
    }
}

TEST_CASE("ranking weights: the defaults are the shipped config/ranking.json", "[rank][weights]") {
    std::ifstream in(std::string(PROJECT_SOURCE_DIR) + "/config/ranking.json");
    REQUIRE(in);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto shipped = parse_ranking_weights(text);
    REQUIRE(shipped.ok());
    const RankingWeights defaults;
    CHECK(shipped.value().semantic == defaults.semantic);
    CHECK(shipped.value().image == defaults.image);
    CHECK(shipped.value().behavioral == defaults.behavioral);
    CHECK(shipped.value().co_ownership == defaults.co_ownership);
    CHECK(shipped.value().spending == defaults.spending);
    CHECK(shipped.value().context == defaults.context);
    CHECK(shipped.value().diversity == defaults.diversity);
    CHECK(shipped.value().top_k == defaults.top_k);
}
