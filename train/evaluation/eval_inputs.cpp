#include "train/evaluation/eval_inputs.h"

#include <fstream>
#include <sstream>

#include "shared/data/loaders.h"
#include "train/evaluation/generic_format.h"

namespace bank {

namespace {

LoadError unreadable(const std::string& path) {
    LoadError e;
    e.file = path;
    e.problem = "cannot be read";
    e.expected = "an existing, readable file";
    return e;
}

std::string base_name(const std::string& path) {
    const auto slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

std::optional<std::string> read_text_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

Loaded<EvalData> load_project_data(const std::string& directory) {
    const std::string names[] = {"catalog.csv", "customerdata.csv", "transactions.csv", "bankers.csv"};
    std::string texts[4];
    for (int i = 0; i < 4; ++i) {
        auto text = read_text_file(directory + "/" + names[i]);
        if (!text) return unreadable(directory + "/" + names[i]);
        texts[i] = std::move(*text);
    }
    auto data = assemble_dataset(DatasetTexts{{texts[0], kCatalogFile},
                                              {texts[1], kCustomersFile},
                                              {texts[2], kTransactionsFile},
                                              {texts[3], kBankersFile}});
    if (!data) return data.error();
    return eval_data_from_dataset(data.value());
}

Loaded<EvalData> load_generic_data(const GenericPaths& paths) {
    std::string customers, holdings, catalog, transactions;
    for (auto [path, text] :
         {std::pair{&paths.customers, &customers}, std::pair{&paths.holdings, &holdings},
          std::pair{&paths.catalog, &catalog}, std::pair{&paths.transactions, &transactions}}) {
        if (path->empty()) continue;
        auto read = read_text_file(*path);
        if (!read) return unreadable(*path);
        *text = std::move(*read);
    }
    const std::string names[] = {base_name(paths.customers), base_name(paths.holdings),
                                 base_name(paths.catalog), base_name(paths.transactions)};
    return parse_eval_data(EvalTexts{
        {customers, names[0]}, {holdings, names[1]}, {catalog, names[2]}, {transactions, names[3]}});
}

}  // namespace bank
