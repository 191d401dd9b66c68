// What the evaluator works on: a bank's customers, who holds what (optionally since when), their
// transactions if any, and the catalog. Any source is converted into this first, the project's
// own data/ files (eval_data_from_dataset) or a public banking dataset in the generic CSV format
// (generic_format.h, documented in EVALUATION.md), so every protocol and metric sees one shape.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "shared/data/model.h"
#include "shared/profile/known_fields.h"

namespace bank {

struct Holding {
    std::int64_t customer_id = 0;
    std::string product_id;
    std::string date;  // YYYY-MM-DD when the product was taken up; "" when unknown
};

// Which inputs the dataset provides; every report lists them, because a figure means little
// without knowing which signals could contribute.
struct AvailableSignals {
    bool interests = false;
    bool purchase_history = false;
    bool occupation = false;
    bool engagement = false;
    bool sentiment = false;
    bool social_activity = false;
    bool age = false;
    bool gender = false;
    bool income = false;
    bool credit_score = false;
    bool risk_profile = false;
    bool segment = false;
    bool tenure = false;    // months with the bank
    bool activity = false;  // the bank's activity flag
    bool transactions = false;
    bool holding_dates = false;
    bool product_descriptions = false;

    std::vector<std::string> present() const;  // names of the available ones
    std::vector<std::string> missing() const;
};

struct EvalData {
    std::vector<Product> catalog;
    std::vector<Customer> customers;  // products_held is ignored: `holdings` is the truth
    std::vector<KnownFields> known;   // known[i] describes customers[i]
    std::vector<Holding> holdings;
    std::vector<Transaction> transactions;
    AvailableSignals available;
};

// The project's data/ files: every field known, holdings from "Products Held" (undated).
EvalData eval_data_from_dataset(const Dataset& data);

}  // namespace bank
