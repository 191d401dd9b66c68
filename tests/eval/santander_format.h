// The public Santander Product Recommendation data (Kaggle 2016, `train_ver2.csv` columns) turned
// into the evaluator's generic format (EVALUATION.md, "Input format"). The raw data is one row per
// customer and month with 24 product flags; the evaluator wants one row per customer, one row per
// product held, and a catalog. Kept beside bank-eval, not in shared/: only the tool needs it.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "shared/data/load_error.h"
#include "shared/data/model.h"

namespace bank::santander {

// One of the bank's 24 products: the raw flag column and how the catalog presents it.
struct SantanderProduct {
    std::string_view flag;         // "ind_cco_fin_ult1"
    std::string_view id;           // "SAN-CURRENT"
    std::string_view name;         // "Current account"
    ProductCategory category;
    std::string_view description;  // one plain sentence, read by the lexical encoder
    int max_age;                   // 0 = no upper age limit
};

inline constexpr std::size_t kProductCount = 24;
// In the order of the raw data's flag columns.
const std::array<SantanderProduct, kProductCount>& products();

// The generic format's three files as text, ready to write.
struct GenericFiles {
    std::string customers;  // customer_id, age, gender, income, segment, tenure_months, active
    std::string holdings;   // customer_id, product_id, date
    std::string catalog;    // product_id, name, category, description, min_age, max_age
};

struct ConversionCounts {
    std::size_t rows = 0;            // snapshot rows read, all files
    std::size_t customers = 0;
    std::size_t holdings = 0;        // products held in each customer's latest snapshot
    std::size_t dated_holdings = 0;  // of those, taken up while observed (flag 0 -> 1)
    std::size_t dropped = 0;         // held in an earlier snapshot, no longer in the latest
    std::size_t implausible = 0;     // numbers outside the generic format's ranges, read as
                                     // unknown, in any snapshot (not only the latest)
};

class Converter {
public:
    // Reads one file of snapshots; files and rows may come in any order. The first bad cell, a
    // missing column or a second snapshot of a customer for the same month stops it.
    Loaded<bool> add_file(std::string_view text, std::string_view file_name);
    // After every file: the generic files, built from each customer's snapshots.
    GenericFiles finish(ConversionCounts& counts) const;

private:
    // What a customers.csv row says, from the latest snapshot; "" = unknown.
    struct Profile {
        std::string age, gender, income, segment, tenure_months, active;
    };
    struct Snapshot {
        std::int32_t month = 0;   // YYYYMMDD of fecha_dato
        std::uint32_t flags = 0;  // bit i: holds products()[i]
        std::uint32_t file = 0;   // index into files_, for a duplicate's message
        std::uint32_t line = 0;
    };
    struct History {
        std::vector<Snapshot> snapshots;
        std::int32_t latest_month = 0;
        Profile latest;
    };

    std::unordered_map<std::int64_t, History> customers_;
    std::vector<std::string> files_;
    std::size_t rows_ = 0;
    std::size_t implausible_ = 0;
};

}  // namespace bank::santander
