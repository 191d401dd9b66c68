// Times rank_book on a 10,000-customer x 100-product banker book (384-d text + 512-d image
// vectors, eligibility rules, behavioral signals, MMR top-7). The same source is built natively and
// to wasm by bench.sh; it prints one JSON line that bench.sh turns into the BENCHMARKS.md table.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "synthetic_book.h"

int main(int argc, char** argv) {
    using namespace bank;
    const char* platform = argc > 1 ? argv[1] : "native";
    const std::size_t customers = 10000, products = 100;
    const int warmups = 2, runs = 9;

    static SyntheticBook synthetic;
    make_synthetic_book(customers, products, 2024, synthetic);
    RankingWeights weights;

    std::vector<double> ms;
    std::uint64_t fingerprint = 0;
    for (int run = 0; run < warmups + runs; ++run) {
        const auto start = std::chrono::steady_clock::now();
        auto ranking = rank_book(synthetic.catalog, synthetic.model, weights, synthetic.book);
        const auto stop = std::chrono::steady_clock::now();
        if (!ranking) {
            std::fprintf(stderr, "rank_book failed: %s\n", ranking.error().message.c_str());
            return 1;
        }
        if (run >= warmups) ms.push_back(std::chrono::duration<double, std::milli>(stop - start).count());
        // A fingerprint of every list, to show both builds ranked identically.
        fingerprint = 1469598103934665603ull;
        for (int p : ranking.value().product_index)
            fingerprint = (fingerprint ^ static_cast<std::uint64_t>(p + 1)) * 1099511628211ull;
    }
    std::sort(ms.begin(), ms.end());
    std::printf(
        "{\"platform\":\"%s\",\"customers\":%zu,\"products\":%zu,\"median_ms\":%.1f,"
        "\"min_ms\":%.1f,\"max_ms\":%.1f,\"runs\":%d,\"fingerprint\":\"%016llx\"}\n",
        platform, customers, products, ms[ms.size() / 2], ms.front(), ms.back(), runs,
        static_cast<unsigned long long>(fingerprint));
    return 0;
}
