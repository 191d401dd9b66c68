// Reading the evaluator's inputs from disk: the only file I/O of the evaluation, kept out of the
// portable core (shared/ parses text, it never opens files).
#pragma once

#include <optional>
#include <string>

#include "shared/data/load_error.h"
#include "train/evaluation/eval_data.h"

namespace bank {

// Whole file as text, or nothing when it cannot be read.
std::optional<std::string> read_text_file(const std::string& path);

// data/catalog.csv, customerdata.csv, transactions.csv, bankers.csv of the project.
Loaded<EvalData> load_project_data(const std::string& directory);

struct GenericPaths {
    std::string customers, holdings, catalog, transactions;  // transactions may be ""
};
Loaded<EvalData> load_generic_data(const GenericPaths& paths);

}  // namespace bank
