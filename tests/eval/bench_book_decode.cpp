// Reading a 10,000-customer book (GET /api/book), natively: parsing the answer and decoding it
// with read_book (customers as rows, read where they lie), beside the same customers sent as one
// customer record object each (read_customer_record, the document /api/profile sends), in the
// same run. The customers are the wire fixture's two (tests/data/wire/book/valid), repeated with
// new ids. Prints a markdown table (BENCHMARKS.md "Banker book in the browser").
// Usage: bank-bench-book-decode <repository root> [customers]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "shared/api/book.h"
#include "shared/data/json.h"

namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

struct Timing {
    double parse_ms, decode_ms;
};

// The median of `runs` runs of parsing `text` and decoding it with `decode`, which says whether
// it decoded.
Timing median_of(int runs, const std::string& text, const std::function<bool(const json&)>& decode) {
    std::vector<double> parse, decoding;
    for (int run = 0; run < runs; ++run) {
        const auto start = Clock::now();
        const json doc = json::parse(text);
        parse.push_back(ms_since(start));
        const auto decoded_at = Clock::now();
        if (!decode(doc)) {
            std::fprintf(stderr, "the document did not decode\n");
            std::exit(1);
        }
        decoding.push_back(ms_since(decoded_at));
    }
    std::sort(parse.begin(), parse.end());
    std::sort(decoding.begin(), decoding.end());
    return {parse[parse.size() / 2], decoding[decoding.size() / 2]};
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: bank-bench-book-decode <repository root> [customers]\n");
        return 2;
    }
    const std::size_t customers = argc > 2 ? std::strtoul(argv[2], nullptr, 10) : 10000;
    std::ifstream in(std::string(argv[1]) + "/tests/data/wire/book/valid/two-customers.json", std::ios::binary);
    std::stringstream fixture;
    fixture << in.rdbuf();
    auto two = bank::api::read_book(json::parse(fixture.str()), "fixture");
    if (!two || two.value().customers.empty()) {
        std::fprintf(stderr, "cannot read the book fixture under %s\n", argv[1]);
        return 1;
    }
    bank::api::Book book{two.value().banker, {}};
    for (std::size_t i = 0; i < customers; ++i) {
        book.customers.push_back(two.value().customers[i % two.value().customers.size()]);
        book.customers.back().customer.id = static_cast<std::int64_t>(100000 + i);
    }
    json objects = json::array();
    for (const auto& record : book.customers) objects.push_back(bank::api::write_customer_record(record));
    const std::string as_rows = bank::api::write_book(book).dump(), as_objects = objects.dump();

    const int runs = 9;
    const Timing rows = median_of(runs, as_rows, [](const json& j) { return bool(bank::api::read_book(j, "/api/book")); });
    const Timing records = median_of(runs, as_objects, [](const json& j) {
        return bool(bank::list_from_json<bank::api::CustomerRecord>(j, "records", bank::api::read_customer_record));
    });
    std::printf("| %zu customers, native, median of %d | bytes | parse, ms | decode, ms |\n", customers, runs);
    std::printf("|---|---|---|---|\n");
    std::printf("| the book: rows, read_book | %zu | %.1f | %.1f |\n", as_rows.size(), rows.parse_ms, rows.decode_ms);
    std::printf("| reference: a record object each, read_customer_record | %zu | %.1f | %.1f |\n", as_objects.size(),
                records.parse_ms, records.decode_ms);
    return 0;
}
