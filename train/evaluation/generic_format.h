// The evaluator's generic input: four CSV files in the project's one CSV dialect (shared/data/
// csv.h), simple enough that a public banking dataset converts to it with a short script.
// Column lists and rules: EVALUATION.md "Input format". Only ids are mandatory; an empty cell or a
// missing optional column means "unknown", and the evaluator reports which signals were present.
#pragma once

#include "shared/data/loaders.h"
#include "train/evaluation/eval_data.h"

namespace bank {

struct EvalTexts {
    CsvText customers;     // customer_id, [age, gender, income, segment, tenure_months, active,
                           //  occupation, interests, purchase_history, engagement, sentiment,
                           //  social_activity, credit_score, risk_profile]
    CsvText holdings;      // customer_id, product_id, [date]
    CsvText catalog;       // product_id, name, category, [description, features, min_age, max_age,
                           //  min_income, min_credit_score, risk_level]; an empty limit is none
    CsvText transactions;  // customer_id, date, amount, category; text may be empty: no file
};

// Errors name the file, line, column and value. Cross-file: holdings and transactions must name
// known customers, holdings known products; a (customer, product) pair may appear once.
Loaded<EvalData> parse_eval_data(const EvalTexts& texts);

}  // namespace bank
