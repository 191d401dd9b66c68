#include "train/evaluation/generic_format.h"

#include <map>
#include <set>
#include <unordered_map>

#include "shared/data/csv.h"
#include "shared/data/row_reader.h"

namespace bank {

namespace {

// A CSV opened with its mandatory columns plus whichever optional ones its header has; `at(name)`
// is the column's position for RowReader, or -1 when the file lacks it.
struct OpenedTable {
    std::optional<CsvReader> reader;
    std::map<std::string, int> position;

    int at(const std::string& name) const {
        auto it = position.find(name);
        return it == position.end() ? -1 : it->second;
    }
};

Loaded<OpenedTable> open_table(const CsvText& file, const std::vector<std::string_view>& mandatory,
                               const std::vector<std::string_view>& optional) {
    auto probe = CsvReader::open(file.text, file.file_name, mandatory);
    if (!probe) return probe.error();
    std::vector<std::string_view> columns = mandatory;
    for (std::string_view name : optional) {
        if (probe.value().column(name)) columns.push_back(name);
    }
    auto reader = CsvReader::open(file.text, file.file_name, columns);
    if (!reader) return reader.error();
    OpenedTable t;
    t.reader.emplace(std::move(reader).value());
    for (std::size_t i = 0; i < columns.size(); ++i)
        t.position[std::string(columns[i])] = static_cast<int>(i);
    return t;
}

LoadError row_error(const CsvText& file, std::size_t line, std::string column, std::string value,
                    std::string problem, std::string expected) {
    LoadError e;
    e.file = std::string(file.file_name);
    e.line = line;
    e.column = std::move(column);
    e.value = std::move(value);
    e.problem = std::move(problem);
    e.expected = std::move(expected);
    return e;
}

// Whether an optional column exists and this row's cell holds something.
bool present(const OpenedTable& t, const RowReader& row, const char* name) {
    return t.at(name) >= 0 && !row.raw(static_cast<std::size_t>(t.at(name))).empty();
}

std::size_t col(const OpenedTable& t, const char* name) {
    return static_cast<std::size_t>(t.at(name));
}

struct CustomerRow {
    Customer customer;
    KnownFields known = KnownFields::none();
};

// The bank's activity flag: exactly 0 or 1, as the raw datasets write it.
bool activity_flag(RowReader& row, std::size_t column) {
    const std::string_view cell = row.raw(column);
    if (cell != "0" && cell != "1") {
        row.fail(column, cell, Problem{"is not 0 or 1", "0 (inactive) or 1 (active)"});
    }
    return cell == "1";
}

// One customers.csv row; every optional cell that holds something marks its field known for this
// customer and its signal available in the dataset.
CustomerRow read_customer_row(const OpenedTable& t, RowReader& row, AvailableSignals& a) {
    CustomerRow r;
    Customer& c = r.customer;
    KnownFields& k = r.known;
    c.id = row.whole_number(0, WholeRange{1});
    if (present(t, row, "age")) {
        c.age = static_cast<int>(row.whole_number(col(t, "age"), WholeRange{0, 130}));
        k.age = a.age = true;
    }
    if (present(t, row, "gender")) {
        c.gender = row.text(col(t, "gender"));
        a.gender = true;
    }
    if (present(t, row, "income")) {
        c.annual_income = row.decimal(col(t, "income"), DecimalRange{0});
        k.income = a.income = true;
    }
    if (present(t, row, "occupation")) {
        c.occupation = row.text(col(t, "occupation"));
        a.occupation = true;
    }
    if (present(t, row, "interests")) {
        c.interests = row.list(col(t, "interests"), ';');
        a.interests = true;
    }
    if (present(t, row, "purchase_history")) {
        c.purchase_history = row.list(col(t, "purchase_history"), ';');
        a.purchase_history = true;
    }
    if (present(t, row, "engagement")) {
        c.engagement = static_cast<int>(row.whole_number(col(t, "engagement"), WholeRange{0, 100}));
        k.engagement = a.engagement = true;
    }
    if (present(t, row, "sentiment")) {
        c.sentiment = row.decimal(col(t, "sentiment"), DecimalRange{-1, 1});
        k.sentiment = a.sentiment = true;
    }
    if (present(t, row, "social_activity")) {
        c.social_activity = row.choice<SocialActivity>(col(t, "social_activity"));
        k.social_activity = a.social_activity = true;
    }
    if (present(t, row, "credit_score")) {
        c.credit_score = static_cast<int>(row.whole_number(col(t, "credit_score"), WholeRange{300, 850}));
        k.credit_score = a.credit_score = true;
    }
    if (present(t, row, "risk_profile")) {
        c.risk_profile = row.choice<RiskProfile>(col(t, "risk_profile"));
        k.risk_profile = a.risk_profile = true;
    }
    if (present(t, row, "segment")) {
        c.segment = row.text(col(t, "segment"));
        k.segment = a.segment = true;
    }
    if (present(t, row, "tenure_months")) {
        c.tenure_months =
            static_cast<int>(row.whole_number(col(t, "tenure_months"), WholeRange{0, 1200}));
        k.tenure = a.tenure = true;
    }
    if (present(t, row, "active")) {
        c.active = activity_flag(row, col(t, "active"));
        k.activity = a.activity = true;
    }
    return r;
}

Loaded<bool> read_customers(const CsvText& file, EvalData& e) {
    auto opened =
        open_table(file, {"customer_id"},
                   {"age", "gender", "income", "segment", "tenure_months", "active", "occupation",
                    "interests", "purchase_history", "engagement", "sentiment", "social_activity",
                    "credit_score", "risk_profile"});
    if (!opened) return opened.error();
    OpenedTable& t = opened.value();
    std::set<std::int64_t> ids;
    CsvRecord record;
    while (t.reader->next(record)) {
        RowReader row(record, *t.reader);
        CustomerRow r = read_customer_row(t, row, e.available);
        if (row.failed()) return row.error();
        if (!ids.insert(r.customer.id).second) {
            return row_error(file, record.line, "customer_id", std::to_string(r.customer.id),
                             "is listed twice", "one row per customer");
        }
        e.customers.push_back(std::move(r.customer));
        e.known.push_back(r.known);
    }
    if (t.reader->error()) return *t.reader->error();
    if (e.customers.empty())
        return row_error(file, 0, "", "", "has no customers", "at least one customer row");
    return true;
}

Loaded<bool> read_catalog(const CsvText& file, EvalData& e) {
    auto opened = open_table(
        file, {"product_id", "name", "category"},
        {"description", "features", "min_age", "max_age", "min_income", "min_credit_score", "risk_level"});
    if (!opened) return opened.error();
    OpenedTable& t = opened.value();
    std::set<std::string> ids;
    CsvRecord record;
    while (t.reader->next(record)) {
        RowReader row(record, *t.reader);
        Product p;
        p.id = row.required_text(0, "the product id");
        p.name = row.required_text(1, "the product name");
        p.category = row.choice<ProductCategory>(2);
        if (present(t, row, "description")) {
            p.description = row.text(col(t, "description"));
            e.available.product_descriptions = true;
        }
        if (present(t, row, "features")) p.features = row.list(col(t, "features"), ';');
        // An empty or missing limit keeps Eligibility's default, which is no limit: a converted
        // dataset rarely knows a product's limits, and guessing 18 would refuse every child.
        if (present(t, row, "min_age"))
            p.eligibility.min_age = static_cast<int>(row.whole_number(col(t, "min_age"), WholeRange{0, 130}));
        if (present(t, row, "max_age"))
            p.eligibility.max_age = static_cast<int>(row.whole_number(col(t, "max_age"), WholeRange{0, 130}));
        if (present(t, row, "min_income"))
            p.eligibility.min_income = row.decimal(col(t, "min_income"), DecimalRange{0});
        if (present(t, row, "min_credit_score"))
            p.eligibility.min_credit_score =
                static_cast<int>(row.whole_number(col(t, "min_credit_score"), WholeRange{0, 850}));
        if (present(t, row, "risk_level"))
            p.eligibility.risk_level = row.choice<RiskLevel>(col(t, "risk_level"));
        if (row.failed()) return row.error();
        if (!ids.insert(p.id).second) {
            return row_error(file, record.line, "product_id", p.id, "is listed twice", "one row per product");
        }
        e.catalog.push_back(std::move(p));
    }
    if (t.reader->error()) return *t.reader->error();
    if (e.catalog.empty()) return row_error(file, 0, "", "", "has no products", "at least one product row");
    return true;
}

Loaded<bool> read_holdings(const CsvText& file, EvalData& e) {
    auto opened = open_table(file, {"customer_id", "product_id"}, {"date"});
    if (!opened) return opened.error();
    OpenedTable& t = opened.value();
    std::set<std::int64_t> customers;
    for (const Customer& c : e.customers) customers.insert(c.id);
    std::set<std::string> products;
    for (const Product& p : e.catalog) products.insert(p.id);
    std::map<std::pair<std::int64_t, std::string>, std::size_t> seen;
    CsvRecord record;
    while (t.reader->next(record)) {
        RowReader row(record, *t.reader);
        Holding h;
        h.customer_id = row.whole_number(0, WholeRange{1});
        h.product_id = row.required_text(1, "the product id");
        if (present(t, row, "date")) {
            h.date = row.text(col(t, "date"), check_date);
            e.available.holding_dates = true;
        }
        if (row.failed()) return row.error();
        if (customers.count(h.customer_id) == 0) {
            return row_error(file, record.line, "customer_id", std::to_string(h.customer_id),
                             "is not in the customers file", "a customer_id listed there");
        }
        if (products.count(h.product_id) == 0) {
            return row_error(file, record.line, "product_id", h.product_id, "is not in the catalog",
                             "a product_id listed there");
        }
        const auto [it, fresh] = seen.emplace(std::make_pair(h.customer_id, h.product_id), record.line);
        if (!fresh) {
            return row_error(file, record.line, "product_id", h.product_id,
                             "is already held by this customer on line " + std::to_string(it->second),
                             "each customer and product once");
        }
        e.holdings.push_back(std::move(h));
    }
    if (t.reader->error()) return *t.reader->error();
    return true;
}

Loaded<bool> read_transactions(const CsvText& file, EvalData& e) {
    if (file.text.empty()) return true;
    auto opened = open_table(file, {"customer_id", "date", "amount", "category"}, {});
    if (!opened) return opened.error();
    OpenedTable& t = opened.value();
    std::set<std::int64_t> customers;
    for (const Customer& c : e.customers) customers.insert(c.id);
    CsvRecord record;
    while (t.reader->next(record)) {
        RowReader row(record, *t.reader);
        Transaction tx;
        tx.customer_id = row.whole_number(0, WholeRange{1});
        tx.date = row.text(1, check_date);
        tx.amount = row.decimal(2, DecimalRange{});
        tx.merchant_category = row.required_text(3, "the merchant category");
        if (row.failed()) return row.error();
        if (customers.count(tx.customer_id) == 0) {
            return row_error(file, record.line, "customer_id", std::to_string(tx.customer_id),
                             "is not in the customers file", "a customer_id listed there");
        }
        e.transactions.push_back(std::move(tx));
    }
    if (t.reader->error()) return *t.reader->error();
    e.available.transactions = !e.transactions.empty();
    return true;
}

}  // namespace

Loaded<EvalData> parse_eval_data(const EvalTexts& texts) {
    EvalData e;
    if (auto r = read_customers(texts.customers, e); !r) return r.error();
    if (auto r = read_catalog(texts.catalog, e); !r) return r.error();
    if (auto r = read_holdings(texts.holdings, e); !r) return r.error();
    if (auto r = read_transactions(texts.transactions, e); !r) return r.error();
    return e;
}

}  // namespace bank
