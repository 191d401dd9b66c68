// The compiled trees give the reference scorer's margins bit for bit in WebAssembly too, where
// the trees laid out complete add their leaves with SIMD (shared/ranking/trees/level_trees.cpp)
// instead of the native build's scalar loop that tests/unit/test_compiled_trees.cpp checks. Built by
// the wasm build, run by node (ctest: wasm_compiled_trees) with the repository's root as its
// argument, for the shipped model. Exits 1 and names the first output that differs.
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "shared/data/loaders.h"
#include "shared/ranking/propensity/propensity_model.h"
#include "shared/ranking/trees/compiled_trees.h"
#include "shared/ranking/trees/tree_predict.h"
#include "tests/unit/random_trees.h"

namespace {

int g_compared = 0;

bool same_margins(const char* what, const bank::TreeEnsemble& model, const bank::CompiledTrees& compiled,
                  const std::vector<float>& rows, const int* products = nullptr) {
    const std::size_t n = rows.size() / static_cast<std::size_t>(model.feature_count);
    const std::size_t outputs = n * static_cast<std::size_t>(model.group_count);
    std::vector<float> want(outputs), got(outputs, -1.0f);
    bank::predict_margins_batch(model, rows.data(), n, want.data());
    bank::predict_margins_compiled(compiled, rows.data(), n, got.data(), products);
    for (std::size_t i = 0; i < outputs; ++i, ++g_compared) {
        if (std::memcmp(&got[i], &want[i], sizeof(float)) == 0) continue;
        std::printf("FAIL %s: output %zu of %zu is %.9g, the reference gives %.9g\n", what, i, outputs, got[i], want[i]);
        return false;
    }
    return true;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// Random trees, laid out complete or walked, on rows that share some features and on rows whose
// feature 5 is a product's own (the product masks, as the learned model scores a customer).
bool random_models() {
    std::mt19937 rng(17);
    const std::vector<bank::TreeEnsemble> models = bank::testing::awkward_models(rng);
    for (std::size_t shape = 0; shape < models.size(); ++shape) {
        const bank::TreeEnsemble& m = models[shape];
        const bank::CompiledTrees plain = bank::compile_trees(m);
        if (plain.level_trees.size() != bank::testing::kLaidOut[shape]) {
            std::printf("FAIL: %zu trees of random model %zu were laid out complete, not %zu\n", plain.level_trees.size(),
                        shape, bank::testing::kLaidOut[shape]);
            return false;
        }
        for (int shared_every = 1; shared_every <= 4; ++shared_every) {
            const std::vector<float> rows = bank::testing::rows_sharing(rng, shared_every);
            const bank::testing::ProductRows candidates = bank::testing::rows_by_product(rng, m, rows);
            if (!same_margins("random rows", m, plain, rows) ||
                !same_margins("rows by product", m, candidates.compiled, candidates.rows, candidates.products.data()))
                return false;
        }
    }
    return true;
}

// The shipped model on every customer of the bundled data, each with their candidate products.
bool shipped_model(const std::string& root) {
    auto catalog = bank::parse_catalog(read_file(root + "/data/catalog.csv"), "catalog.csv");
    auto customers = bank::parse_customers(read_file(root + "/data/customerdata.csv"), "customerdata.csv");
    if (!catalog.ok() || !customers.ok()) {
        std::printf("FAIL: the bundled data under %s could not be read\n", root.c_str());
        return false;
    }
    auto model = bank::parse_propensity_model(read_file(root + "/config/propensity-model.json"),
                                              "config/propensity-model.json", catalog.value());
    if (!model.ok()) {
        std::printf("FAIL: %s\n", model.error().message.c_str());
        return false;
    }
    const bank::PropensityModel& m = model.value();
    if (m.compiled.level_trees.size() != m.compiled.tree_root.size()) {
        std::printf("FAIL: %zu of the shipped model's %zu trees were laid out complete\n", m.compiled.level_trees.size(),
                    m.compiled.tree_root.size());
        return false;
    }
    bool ok = true;
    for (const bank::Customer& c : customers.value()) {
        bank::PropensityCustomer who;
        who.customer = &c;
        std::vector<int> products;
        for (int p = 0; p < static_cast<int>(catalog.value().size()); ++p) {
            if (p % 5 == static_cast<int>(c.id % 5)) who.held.push_back(p);  // some held, the rest candidates
            else products.push_back(p);
        }
        std::vector<float> rows;
        bank::propensity_rows(m.layout, m.priors, catalog.value(), who, products, rows);
        ok &= same_margins("the shipped model", m.trees, m.compiled, rows, products.data());
        if (!ok) break;
    }
    return ok;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::printf("usage: compiled_trees_test.js REPOSITORY_ROOT\n");
        return 2;
    }
    const bool ok = random_models() && shipped_model(argv[1]);
    std::printf("%s: %d margins compared\n", ok ? "ok" : "FAILED", g_compared);
    return ok ? 0 : 1;
}
