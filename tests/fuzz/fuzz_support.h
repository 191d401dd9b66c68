// What the fuzz targets share: the test bank (tests/proxy/data, loaded once), repository files,
// and the checks that turn a broken promise into a crash libFuzzer can report and minimize.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "shared/data/loaders.h"
#include "shared/text/utf8.h"

namespace bank::fuzz {

inline std::string repo_file(const std::string& relative) {
    std::ifstream in(std::string(PROJECT_SOURCE_DIR) + "/" + relative, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "fuzz: cannot read %s\n", relative.c_str());
        std::abort();
    }
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// A promise of the code under test did not hold: abort, so libFuzzer saves the input.
inline void require(bool holds, const char* promise) {
    if (holds) return;
    std::fprintf(stderr, "fuzz: broken promise: %s\n", promise);
    std::abort();
}

// Text fit for a log line or a screen: valid UTF-8 without C0/C1 control characters or DEL.
inline bool printable(std::string_view text) {
    for (std::size_t pos = 0; pos < text.size();) {
        const std::size_t len = utf8_sequence_length(text, pos);
        if (len == 0) return false;
        const auto b0 = static_cast<unsigned char>(text[pos]);
        if (b0 < 0x20 || b0 == 0x7F) return false;
        if (b0 == 0xC2 && static_cast<unsigned char>(text[pos + 1]) < 0xA0) return false;
        pos += len;
    }
    return true;
}

// The four CSV files of tests/proxy/data as one Dataset, the bank the proxy tests run against.
inline const Dataset& test_bank() {
    static const Dataset bank = [] {
        const std::string dir = "tests/proxy/data/";
        static const std::string catalog = repo_file(dir + "catalog.csv");
        static const std::string customers = repo_file(dir + "customerdata.csv");
        static const std::string transactions = repo_file(dir + "transactions.csv");
        static const std::string bankers = repo_file(dir + "bankers.csv");
        auto loaded = assemble_dataset({{catalog, kCatalogFile},
                                        {customers, kCustomersFile},
                                        {transactions, kTransactionsFile},
                                        {bankers, kBankersFile}});
        require(loaded.ok(), "tests/proxy/data loads");
        return std::move(loaded).value();
    }();
    return bank;
}

// A loader's answer to any input: a LoadError that is printable and points at a real line, or
// rows (whose own promises each target checks).
template <class T> void check_loaded(const Loaded<T>& loaded, std::string_view text) {
    if (loaded.ok()) return;
    const LoadError& e = loaded.error();
    require(printable(e.message()), "a load error message is printable");
    std::size_t lines = 1;
    for (char c : text) lines += c == '\n';
    require(e.line <= lines, "a load error points at a line of the file");
}

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

}  // namespace bank::fuzz
