// The loaders against files on disk:
//  - tests/data/loaders/cases/<case>/: bad input. The case's CSV files replace the same-named files
//    of tests/data/loaders/base/, and the first error must read exactly as <case>/expected.txt.
//    A new case is a new folder, no code.
//  - tests/data/loaders/good/<variant>/: the base data written differently (BOM and CRLF, columns
//    reordered, every field quoted, ...); each must load to exactly what base/ loads to.
//  - data/: the bundled files the app ships with must load and assemble cleanly.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "shared/data/json.h"
#include "shared/data/loaders.h"

namespace fs = std::filesystem;
using namespace bank;

namespace {

const fs::path kLoaderData = fs::path(PROJECT_SOURCE_DIR) / "tests" / "data" / "loaders";
const std::string_view kDatasetFiles[] = {kCatalogFile, kCustomersFile, kTransactionsFile, kBankersFile,
                                          kUsersFile};

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in);  // a missing file fails the test, never skips it
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// File name -> text: base/'s files, then `overrides`' files in their place.
std::map<std::string, std::string, std::less<>> files_with(const fs::path& overrides) {
    std::map<std::string, std::string, std::less<>> files;
    for (std::string_view name : kDatasetFiles) {
        const fs::path replaced = overrides / name;
        files[std::string(name)] = read_file(fs::exists(replaced) ? replaced : kLoaderData / "base" / name);
    }
    return files;
}

struct LoadedBank {
    Loaded<Dataset> dataset;
    std::optional<Loaded<std::vector<User>>> users;  // read only when the dataset loaded
};

LoadedBank load_bank(const std::map<std::string, std::string, std::less<>>& files) {
    const auto text = [&](std::string_view name) { return CsvText{files.find(name)->second, name}; };
    LoadedBank bank{assemble_dataset({text(kCatalogFile), text(kCustomersFile), text(kTransactionsFile),
                                      text(kBankersFile)}),
                    std::nullopt};
    if (bank.dataset) bank.users = parse_users(text(kUsersFile).text, kUsersFile, bank.dataset.value());
    return bank;
}

std::string first_error(const LoadedBank& bank) {
    if (!bank.dataset) return bank.dataset.error().message();
    if (!*bank.users) return bank.users->error().message();
    return "";
}

std::vector<fs::path> folders_in(const fs::path& parent) {
    std::vector<fs::path> folders;
    for (const auto& entry : fs::directory_iterator(parent)) {
        if (entry.is_directory()) folders.push_back(entry.path());
    }
    std::sort(folders.begin(), folders.end());
    return folders;
}

// Everything a dataset holds, as the wire format writes it: equal JSON means equal records.
nlohmann::json as_json(const Dataset& bank, const std::vector<User>& users) {
    nlohmann::json j = {{"catalog", bank.catalog},
                        {"customers", bank.customers},
                        {"transactions", bank.transactions},
                        {"bankers", bank.bankers}};
    for (const User& u : users) {
        j["users"].push_back({u.username, to_string(u.role), u.subject_id, u.password_hash});
    }
    return j;
}

std::string without_final_newline(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    return text;
}

}  // namespace

TEST_CASE("loaders: every bad-input case fails with exactly its expected message", "[loaders][fixtures]") {
    const auto cases = folders_in(kLoaderData / "cases");
    REQUIRE(cases.size() >= 50);
    for (const fs::path& folder : cases) {
        DYNAMIC_SECTION(folder.filename().string()) {
            const std::string expected = without_final_newline(read_file(folder / "expected.txt"));
            CHECK(first_error(load_bank(files_with(folder))) == expected);
        }
    }
}

TEST_CASE("loaders: the base fixture data loads cleanly", "[loaders][fixtures]") {
    const LoadedBank bank = load_bank(files_with(kLoaderData / "base"));
    INFO(first_error(bank));
    REQUIRE(first_error(bank).empty());
    CHECK(bank.dataset.value().customers.size() == 5);
    CHECK(bank.users->value().size() == 2);
}

TEST_CASE("loaders: the same data written differently loads to the same records", "[loaders][fixtures]") {
    const LoadedBank base = load_bank(files_with(kLoaderData / "base"));
    REQUIRE(first_error(base).empty());
    const nlohmann::json expected = as_json(base.dataset.value(), base.users->value());
    const auto variants = folders_in(kLoaderData / "good");
    REQUIRE(variants.size() >= 5);
    for (const fs::path& folder : variants) {
        DYNAMIC_SECTION(folder.filename().string()) {
            const LoadedBank variant = load_bank(files_with(folder));
            REQUIRE(first_error(variant) == "");
            CHECK(as_json(variant.dataset.value(), variant.users->value()) == expected);
        }
    }
}

TEST_CASE("loaders: the bundled data/ files load and assemble cleanly", "[loaders][bundled]") {
    const fs::path data = fs::path(PROJECT_SOURCE_DIR) / "data";
    std::map<std::string, std::string, std::less<>> files;
    for (std::string_view name : {kCatalogFile, kCustomersFile, kTransactionsFile, kBankersFile}) {
        INFO("data/" << name << " must exist");
        files[std::string(name)] = read_file(data / name);
    }
    const auto text = [&](std::string_view name) { return CsvText{files.find(name)->second, name}; };
    const auto bank = assemble_dataset(
        {text(kCatalogFile), text(kCustomersFile), text(kTransactionsFile), text(kBankersFile)});
    INFO((bank ? "" : bank.error().message()));
    REQUIRE(bank.ok());
    const Dataset& loaded = bank.value();
    CHECK_FALSE(loaded.catalog.empty());
    CHECK_FALSE(loaded.bankers.empty());
    CHECK_FALSE(loaded.transactions.empty());
    // SCHEMA.md: the first five customers are the original seed rows, 101-105.
    REQUIRE(loaded.customers.size() >= 5);
    for (std::int64_t i = 0; i < 5; ++i) CHECK(loaded.customers[i].id == 101 + i);

    if (fs::exists(data / kUsersFile)) {
        const std::string users = read_file(data / kUsersFile);
        const auto accounts = parse_users(users, kUsersFile, loaded);
        INFO((accounts ? "" : accounts.error().message()));
        CHECK(accounts.ok());
    }
}
