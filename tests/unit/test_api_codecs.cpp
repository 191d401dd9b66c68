// The API documents' codecs (shared/api/) against the wire fixtures of tests/data/wire/: every
// valid case reads and writes back to itself, every invalid case is refused with exactly its
// expected message. A new case is a new file, no code.
#include <catch2/catch.hpp>

#include "test_api_fixtures.h"

using namespace bank::api::test;
using nlohmann::json;

namespace {

const WireFixtures kFixtures(fs::path(PROJECT_SOURCE_DIR) / "tests" / "data" / "wire");

std::string message_of(const std::optional<bank::LoadError>& problem) { return problem ? problem->message() : ""; }

}  // namespace

TEST_CASE("api: every fixture folder is a document with a codec, valid and invalid cases", "[api][fixtures]") {
    const auto documents = kFixtures.documents();
    REQUIRE(documents.size() == wire_codecs().size());
    for (const std::string& document : documents) {
        INFO(document);
        CHECK(wire_codecs().count(document) == 1);
        CHECK_FALSE(kFixtures.cases(document, "valid").empty());
        CHECK(kFixtures.cases(document, "invalid").size() >= 5);
    }
}

TEST_CASE("api: every valid fixture reads, and writes back to the same document", "[api][fixtures]") {
    for (const auto& [document, codec] : wire_codecs()) {
        const std::string source = kFixtures.source(document);
        for (const std::string& name : kFixtures.cases(document, "valid")) {
            DYNAMIC_SECTION(document << "/valid/" << name) {
                const json fixture = kFixtures.document(document, "valid", name);
                REQUIRE(message_of(codec.problem(fixture, source)) == "");
                const json written = codec.rewrite(fixture, source);
                INFO(written.dump(1));
                CHECK(same_document(written, fixture));
                // What was written reads again to the same document: nothing is lost on either side.
                CHECK(codec.rewrite(written, source) == written);
            }
        }
    }
}

TEST_CASE("api: every invalid fixture is refused with exactly its expected message", "[api][fixtures]") {
    for (const auto& [document, codec] : wire_codecs()) {
        const std::string source = kFixtures.source(document);
        for (const std::string& name : kFixtures.cases(document, "invalid")) {
            DYNAMIC_SECTION(document << "/invalid/" << name) {
                const auto problem = codec.problem(kFixtures.document(document, "invalid", name), source);
                CHECK(message_of(problem) == kFixtures.expected_error(document, name));
            }
        }
    }
}
