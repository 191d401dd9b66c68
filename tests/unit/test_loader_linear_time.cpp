// Loading must stay linear in the size of the file: a 10x larger file may take about 10x longer,
// never 100x. Measured as a ratio between two sizes, not against a clock, so a slow or busy
// machine cannot fail it; a quadratic step (re-scanning, string concatenation) would show as ~100x.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <string>

#include "shared/data/csv.h"
#include "shared/data/loaders.h"

using namespace bank;

namespace {

// 10x the input: linear parsing takes ~10x (14x measured, allocation included), a quadratic path
// 100x. The limit sits between them with room for a loaded CI machine, and both sizes are best of
// three, so noise cannot fail the test but a quadratic regression still does.
constexpr double kLinearRatioLimit = 40.0;

// A customers file of about `bytes`, every row using the costly paths: quoted lists with commas,
// doubled quotes, a line break inside quotes. Rows are long (~1 KB) so the parsed customers take
// little memory beyond the text itself.
std::string customers_csv(std::size_t bytes) {
    std::string text =
        "Customer ID,Age,Gender,Purchase History,Interests,Engagement Score,Sentiment Score,"
        "Social Media Activity,Name,Location,Occupation,Annual Income,Credit Score,Risk Profile,"
        "Products Held,Banker ID\n";
    std::string occupation = "\"Senior ";
    while (occupation.size() < 900) occupation += "\"\"platform\"\" engineer, payments team; ";
    occupation += "\nsecond line\"";
    text.reserve(bytes + 2048);
    for (std::int64_t id = 1; text.size() < bytes; ++id) {
        text += std::to_string(id);
        text +=
            ",42,Female,\"Electronics, Books\",\"Technology, Travel, \"\"Vintage\"\" cars\",85,-0.25,High,"
            "\"Emma \"\"Em\"\" Jansen\",\"Rotterdam, Zuid\",";
        text += occupation;
        text += ",62000.50,720,Moderate,ACC-CURRENT;CARD-CASHBACK,B01\r\n";
    }
    return text;
}

template <class Work> double seconds(Work&& work) {
    const auto start = std::chrono::steady_clock::now();
    work();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Parses and checks it loaded everything; returns the time taken.
double time_parse_customers(const std::string& text) {
    std::size_t loaded = 0;
    const double taken = seconds([&] {
        const auto customers = parse_customers(text, kCustomersFile);
        REQUIRE(customers.ok());
        loaded = customers.value().size();
    });
    CHECK(loaded > 0);
    return taken;
}

}  // namespace

TEST_CASE("loaders: parsing 100 MB of customers scales linearly from 10 MB", "[loaders][slow]") {
    double small = 0, large = 0;
    {
        const std::string text = customers_csv(10u << 20);
        // Best of three: the small run is the divisor, so a hiccup there would inflate the ratio.
        small = time_parse_customers(text);
        for (int i = 0; i < 2; ++i) small = std::min(small, time_parse_customers(text));
    }
    {
        const std::string text = customers_csv(100u << 20);
        large = time_parse_customers(text);
        for (int i = 0; i < 2; ++i) large = std::min(large, time_parse_customers(text));
    }
    WARN("10 MB: " << small << " s, 100 MB: " << large << " s, ratio " << large / small);
    CHECK(large < kLinearRatioLimit * small);
}

TEST_CASE("csv: one huge quoted field full of doubled quotes reads in linear time", "[csv][slow]") {
    const auto time_field = [](std::size_t bytes) {
        const std::string_view piece = "a \"\"quoted\"\" word, ";
        const std::string_view unescaped_piece = "a \"quoted\" word, ";
        std::string text = "note\n\"";
        text.reserve(bytes + 64);
        std::size_t unescaped = 0;
        for (; text.size() < bytes; unescaped += unescaped_piece.size()) text += piece;
        text += "\"\n";
        return seconds([&] {
            auto reader = CsvReader::open(text, "note.csv", {"note"});
            REQUIRE(reader.ok());
            CsvRecord record;
            REQUIRE(reader.value().next(record));
            CHECK(record.fields[0].size() == unescaped);
        });
    };
    double small = time_field(2u << 20);
    for (int i = 0; i < 2; ++i) small = std::min(small, time_field(2u << 20));
    double large = time_field(20u << 20);
    for (int i = 0; i < 2; ++i) large = std::min(large, time_field(20u << 20));
    WARN("2 MB field: " << small << " s, 20 MB field: " << large << " s, ratio " << large / small);
    CHECK(large < kLinearRatioLimit * small);
}
