// bank-santander-convert: Kaggle's Santander Product Recommendation snapshots (train_ver2 columns)
// to the generic format bank-eval reads. Usage: EVALUATION.md, "Input format".
//
// Every input is read and checked before anything is written, and each output is written to a
// temporary file and renamed into place, so a bad cell or a full disk never leaves a half-written
// customers.csv that bank-eval would silently read as a smaller dataset.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>
#include <vector>

#include <unistd.h>

#include "train/evaluation/eval_inputs.h"
#include "santander_format.h"

namespace {

namespace fs = std::filesystem;

constexpr const char* kUsage = "usage: bank-santander-convert --out DIR FILE.csv [FILE.csv ...]\n";

int fail(const std::string& message) {
    std::fprintf(stderr, "bank-santander-convert: %s\n", message.c_str());
    return 1;
}

bool write_whole(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    out.close();
    return static_cast<bool>(out);
}

using NamedText = std::pair<std::string, const std::string*>;

// Writes every file under a temporary name first, then renames each into place, so no file is
// ever seen half-written; if writing fails, the temporaries are removed and nothing is replaced.
// Returns the problem, or "" when all is written.
std::string write_outputs(const fs::path& dir, const std::vector<NamedText>& files) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) return dir.string() + ": cannot create the directory (" + ec.message() + ")";
    const std::string suffix = ".tmp-" + std::to_string(::getpid());
    std::vector<fs::path> temporaries;
    const auto clean_up = [&temporaries] {
        std::error_code ignored;
        for (const fs::path& t : temporaries) fs::remove(t, ignored);
    };
    for (const auto& [name, text] : files) {
        temporaries.push_back(dir / (name + suffix));
        if (!write_whole(temporaries.back(), *text)) {
            clean_up();
            return (dir / name).string() + ": cannot be written";
        }
    }
    for (std::size_t i = 0; i < files.size(); ++i) {
        fs::rename(temporaries[i], dir / files[i].first, ec);
        if (ec) {
            clean_up();
            return (dir / files[i].first).string() + ": cannot be written (" + ec.message() + ")";
        }
    }
    return "";
}

std::string base_name(const std::string& path) { return fs::path(path).filename().string(); }

}  // namespace

int main(int argc, char** argv) {
    using namespace bank;
    std::string out_dir;
    std::vector<std::string> inputs;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--out" && i + 1 < argc) {
            out_dir = argv[++i];
        } else if (arg.rfind("--", 0) == 0) {
            std::fputs(kUsage, stderr);
            return 2;
        } else {
            inputs.push_back(arg);
        }
    }
    if (out_dir.empty() || inputs.empty()) {
        std::fputs(kUsage, stderr);
        return 2;
    }

    santander::Converter converter;
    for (const std::string& path : inputs) {
        // One file in memory at a time: the converter keeps only a few bytes per snapshot.
        const auto text = read_text_file(path);
        if (!text) return fail(path + ": cannot be read");
        auto added = converter.add_file(*text, base_name(path));
        if (!added) return fail(added.error().message());
    }
    santander::ConversionCounts counts;
    const santander::GenericFiles files = converter.finish(counts);
    // A header-only file would give a customers.csv that bank-eval refuses; say so here instead.
    if (counts.customers == 0) return fail("no snapshot rows in the input files: nothing to convert");
    const std::string problem = write_outputs(out_dir, {{"customers.csv", &files.customers},
                                                        {"holdings.csv", &files.holdings},
                                                        {"catalog.csv", &files.catalog}});
    if (!problem.empty()) return fail(problem);

    std::printf("read %zu snapshot rows (input files: %zu)\n", counts.rows, inputs.size());
    std::printf("wrote %s/customers.csv: %zu customers\n", out_dir.c_str(), counts.customers);
    std::printf("wrote %s/holdings.csv: %zu holdings, %zu dated (taken up while observed)\n", out_dir.c_str(),
                counts.holdings, counts.dated_holdings);
    std::printf("wrote %s/catalog.csv: %zu products\n", out_dir.c_str(), santander::kProductCount);
    std::printf("products dropped before the latest snapshot (not written): %zu\n", counts.dropped);
    std::printf("implausible ages, seniorities or incomes read as unknown (any snapshot): %zu\n",
                counts.implausible);
    return 0;
}
