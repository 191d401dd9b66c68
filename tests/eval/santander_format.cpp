#include "santander_format.h"

#include <algorithm>
#include <cstdio>
#include <optional>

#include "shared/data/csv.h"
#include "shared/data/row_reader.h"

namespace bank::santander {

namespace {

using PC = ProductCategory;

// Names and descriptions are ours: the data gives only the Spanish column names and the
// competition's one-line English glosses. A guarantee (aval) is the bank standing surety for the
// customer, credit risk like a loan; "taxes" and "direct debit" are services on the current
// account. None of the 24 is an insurance product.
const std::array<SantanderProduct, kProductCount> kProducts = {{
    {"ind_ahor_fin_ult1", "SAN-SAVINGS", "Savings account", PC::Savings,
     "An easy access savings account that pays interest on money set aside.", 0},
    {"ind_aval_fin_ult1", "SAN-GUARANTEE", "Bank guarantee", PC::Loan,
     "A bank guarantee that backs a customer's payment promise to a landlord or supplier.", 0},
    {"ind_cco_fin_ult1", "SAN-CURRENT", "Current account", PC::Account,
     "An everyday current account with a debit card for paying and getting paid.", 0},
    {"ind_cder_fin_ult1", "SAN-DERIVATIVES", "Derivatives account", PC::Investment,
     "An account for trading options and other derivatives on the markets.", 0},
    {"ind_cno_fin_ult1", "SAN-PAYROLL-ACCOUNT", "Payroll account", PC::Account,
     "A current account with better terms for customers who have their salary paid into it.", 0},
    {"ind_ctju_fin_ult1", "SAN-JUNIOR", "Junior account", PC::Account,
     "An account for children and teenagers, opened with a parent, to learn to save.", 17},
    {"ind_ctma_fin_ult1", "SAN-MAS-PARTICULAR", "Más Particular account", PC::Account,
     "A current account with no fees for customers who bring their salary and bills.", 0},
    {"ind_ctop_fin_ult1", "SAN-PARTICULAR", "Particular account", PC::Account,
     "A standard personal current account for everyday banking.", 0},
    {"ind_ctpp_fin_ult1", "SAN-PARTICULAR-PLUS", "Particular Plus account", PC::Account,
     "A personal current account with extra rewards on bills and card spending.", 0},
    {"ind_deco_fin_ult1", "SAN-DEPOSIT-SHORT", "Short-term deposit", PC::Deposit,
     "A fixed-term deposit of a few months at a guaranteed interest rate.", 0},
    {"ind_deme_fin_ult1", "SAN-DEPOSIT-MEDIUM", "Medium-term deposit", PC::Deposit,
     "A fixed-term deposit of about a year or two at a guaranteed interest rate.", 0},
    {"ind_dela_fin_ult1", "SAN-DEPOSIT-LONG", "Long-term deposit", PC::Deposit,
     "A fixed-term deposit of several years at a guaranteed interest rate.", 0},
    {"ind_ecue_fin_ult1", "SAN-E-ACCOUNT", "Online account", PC::Account,
     "A current account run entirely online and on the phone, with no branch fees.", 0},
    {"ind_fond_fin_ult1", "SAN-FUNDS", "Investment funds", PC::Investment,
     "Investment funds that spread savings over shares and bonds for long-term growth.", 0},
    {"ind_hip_fin_ult1", "SAN-MORTGAGE", "Mortgage", PC::Mortgage,
     "A mortgage loan to buy a home, repaid monthly over many years.", 0},
    {"ind_plan_fin_ult1", "SAN-PENSION-PLAN", "Pension plan", PC::Investment,
     "A pension plan that invests savings for retirement with tax relief.", 0},
    {"ind_pres_fin_ult1", "SAN-LOAN", "Personal loan", PC::Loan,
     "A personal loan for a car, studies or home improvements, repaid in fixed instalments.", 0},
    {"ind_reca_fin_ult1", "SAN-TAX-PAYMENTS", "Tax payments", PC::Account,
     "A service that pays taxes and public fees straight from the current account.", 0},
    {"ind_tjcr_fin_ult1", "SAN-CREDIT-CARD", "Credit card", PC::Card,
     "A credit card for shopping and travel, paid off monthly or in instalments.", 0},
    {"ind_valo_fin_ult1", "SAN-SECURITIES", "Securities account", PC::Investment,
     "An account for buying and holding shares and bonds.", 0},
    {"ind_viv_fin_ult1", "SAN-HOME-SAVINGS", "Home savings account", PC::Savings,
     "A savings account for putting money aside towards buying a first home.", 0},
    {"ind_nomina_ult1", "SAN-SALARY", "Salary paid in", PC::Account,
     "Having the monthly salary paid straight into the current account.", 0},
    {"ind_nom_pens_ult1", "SAN-PENSION-PAID-IN", "Pension paid in", PC::Account,
     "Having the monthly state pension paid straight into the current account.", 0},
    {"ind_recibo_ult1", "SAN-DIRECT-DEBIT", "Direct debits", PC::Account,
     "Household bills such as electricity and phone paid by direct debit from the account.", 0},
}};

// Columns a customers.csv row is made of; each may be absent from a file, and then is unknown.
enum Attribute { kAge, kSexo, kRenta, kSegmento, kAntiguedad, kActividad, kAttributeCount };
constexpr std::array<std::string_view, kAttributeCount> kAttributeColumns = {
    "age", "sexo", "renta", "segmento", "antiguedad", "ind_actividad_cliente"};

// The raw data pads numbers with spaces (" 35", "     6"); the preprocessed samples do not.
std::string_view trimmed(std::string_view cell) {
    const std::size_t first = cell.find_first_not_of(' ');
    if (first == std::string_view::npos) return {};
    return cell.substr(first, cell.find_last_not_of(' ') - first + 1);
}

// How the raw data and its common preprocessings write "not known".
bool means_unknown(std::string_view cell) { return cell.empty() || cell == "NA" || cell == "UNKNOWN"; }

// Kaggle's antiguedad for customers whose seniority the bank did not record.
constexpr std::int64_t kUnknownSeniority = -999999;

const std::string kWhenUnknown = ", or UNKNOWN, NA or empty when unknown";

// The file's column positions: the mandatory ones first (fecha_dato, ncodpers, the 24 flags), then
// whichever attribute columns its header has.
struct Columns {
    std::optional<CsvReader> reader;
    std::array<int, kAttributeCount> attribute{};  // position for RowReader, -1 when absent
};

constexpr std::size_t kDate = 0, kCustomer = 1, kFirstFlag = 2;

Loaded<Columns> open_columns(std::string_view text, std::string_view file_name) {
    auto probe = CsvReader::open(text, file_name, {});
    if (!probe) return probe.error();
    std::vector<std::string_view> wanted = {"fecha_dato", "ncodpers"};
    for (const SantanderProduct& p : kProducts) wanted.push_back(p.flag);
    // Name every missing column at once: a file cut from the wrong table usually lacks many.
    std::string missing;
    for (std::string_view name : wanted) {
        if (!probe.value().column(name)) missing += (missing.empty() ? "" : ", ") + std::string(name);
    }
    if (!missing.empty()) {
        return load_error(file_name, 1, "", "", "the header lacks " + missing,
                          "the columns of Kaggle's train_ver2.csv: fecha_dato, ncodpers and the 24 "
                          "ind_*_ult1 product flags");
    }
    Columns c;
    for (std::size_t a = 0; a < kAttributeCount; ++a) {
        c.attribute[a] = -1;
        if (probe.value().column(kAttributeColumns[a])) {
            c.attribute[a] = static_cast<int>(wanted.size());
            wanted.push_back(kAttributeColumns[a]);
        }
    }
    auto reader = CsvReader::open(text, file_name, wanted);
    if (!reader) return reader.error();
    c.reader.emplace(std::move(reader).value());
    return c;
}

// A product flag: held or not. NA appears where the bank did not report the product that month.
bool held(RowReader& row, std::size_t column) {
    const std::string_view cell = trimmed(row.raw(column));
    if (cell == "1" || cell == "1.0") return true;
    if (cell == "0" || cell == "0.0" || means_unknown(cell)) return false;
    row.fail(column, row.raw(column),
             Problem{"is not a product flag", "1 or 1.0 (held), 0, 0.0, NA or empty (not held)"});
    return false;
}

// A whole number, or nothing when unknown. A number outside `plausible` is kept unknown and
// counted, not an error: the raw data has ages up to 164, and one such row must not stop the
// conversion of millions.
std::string whole_cell(RowReader& row, int column, WholeRange plausible, const char* what,
                       std::size_t& implausible, std::optional<std::int64_t> sentinel = std::nullopt) {
    if (column < 0) return "";
    const auto at = static_cast<std::size_t>(column);
    const std::string_view cell = trimmed(row.raw(at));
    if (means_unknown(cell)) return "";
    std::int64_t value = 0;
    if (const auto problem = parse_whole_number(cell, WholeRange{}, value)) {
        row.fail(at, row.raw(at), Problem{problem->what, std::string(what) + kWhenUnknown});
        return "";
    }
    if (sentinel && value == *sentinel) return "";
    if (check_range(value, plausible)) {
        ++implausible;
        return "";
    }
    return std::to_string(value);
}

std::string income_cell(RowReader& row, int column, std::size_t& implausible) {
    if (column < 0) return "";
    const auto at = static_cast<std::size_t>(column);
    const std::string_view cell = trimmed(row.raw(at));
    if (means_unknown(cell)) return "";
    double value = 0;
    if (const auto problem = parse_decimal(cell, DecimalRange{}, value)) {
        row.fail(at, row.raw(at), Problem{problem->what, "an amount such as 87218.10" + kWhenUnknown});
        return "";
    }
    if (value < 0) {
        ++implausible;
        return "";
    }
    return std::string(cell);
}

std::string text_cell(RowReader& row, int column) {
    if (column < 0) return "";
    const std::string_view cell = trimmed(row.raw(static_cast<std::size_t>(column)));
    return means_unknown(cell) ? "" : std::string(cell);
}

std::string activity_cell(RowReader& row, int column) {
    if (column < 0) return "";
    const auto at = static_cast<std::size_t>(column);
    const std::string_view cell = trimmed(row.raw(at));
    if (means_unknown(cell)) return "";
    if (cell == "1" || cell == "1.0") return "1";
    if (cell == "0" || cell == "0.0") return "0";
    row.fail(at, row.raw(at), Problem{"is not an activity flag", "1 (active), 0 (inactive)" + kWhenUnknown});
    return "";
}

// YYYYMMDD of a date check_date accepted: months then sort as numbers.
std::int32_t month_number(std::string_view date) {
    const auto part = [date](std::size_t from, std::size_t length) {
        return std::stoi(std::string(date.substr(from, length)));
    };
    return part(0, 4) * 10000 + part(5, 2) * 100 + part(8, 2);
}

std::string month_text(std::int32_t month) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", month / 10000, month / 100 % 100, month % 100);
    return text;
}

// RFC 4180, as the project's CSV reader reads it: quoted only when it has to be.
std::string cell(std::string_view value) {
    if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
    std::string quoted = "\"";
    for (char c : value) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    return quoted + "\"";
}

std::string catalog_csv() {
    std::string csv = "product_id,name,category,description,min_age,max_age\n";
    for (const SantanderProduct& p : kProducts) {
        csv += cell(p.id) + ',' + cell(p.name) + ',' + to_string(p.category) + ',' + cell(p.description) +
               ",," + (p.max_age > 0 ? std::to_string(p.max_age) : "") + '\n';
    }
    return csv;
}

}  // namespace

const std::array<SantanderProduct, kProductCount>& products() { return kProducts; }

Loaded<bool> Converter::add_file(std::string_view text, std::string_view file_name) {
    auto opened = open_columns(text, file_name);
    if (!opened) return opened.error();
    Columns& c = opened.value();
    const auto file = static_cast<std::uint32_t>(files_.size());
    files_.emplace_back(file_name);
    CsvRecord record;
    while (c.reader->next(record)) {
        RowReader row(record, *c.reader);
        const std::string_view date = trimmed(row.raw(kDate));
        row.check(kDate, check_date(date));
        std::int64_t id = 0;
        row.check(kCustomer, parse_whole_number(trimmed(row.raw(kCustomer)), WholeRange{1}, id));
        Snapshot s;
        s.file = file;
        s.line = static_cast<std::uint32_t>(record.line);
        for (std::size_t i = 0; i < kProductCount; ++i) {
            if (held(row, kFirstFlag + i)) s.flags |= 1u << i;
        }
        Profile p;
        p.age =
            whole_cell(row, c.attribute[kAge], WholeRange{0, 130}, "a whole number of years", implausible_);
        p.gender = text_cell(row, c.attribute[kSexo]);
        p.income = income_cell(row, c.attribute[kRenta], implausible_);
        p.segment = text_cell(row, c.attribute[kSegmento]);
        p.tenure_months = whole_cell(row, c.attribute[kAntiguedad], WholeRange{0, 1200},
                                     "a whole number of months", implausible_, kUnknownSeniority);
        p.active = activity_cell(row, c.attribute[kActividad]);
        if (row.failed()) return row.error();

        s.month = month_number(date);
        History& h = customers_[id];
        for (const Snapshot& earlier : h.snapshots) {
            if (earlier.month != s.month) continue;
            return load_error(file_name, record.line, "fecha_dato", date,
                              "is a second snapshot of customer " + std::to_string(id) +
                                  " for this month (first in " + files_[earlier.file] + " line " +
                                  std::to_string(earlier.line) + ")",
                              "one row per customer and month");
        }
        h.snapshots.push_back(s);
        if (s.month > h.latest_month) {
            h.latest_month = s.month;
            h.latest = std::move(p);
        }
        ++rows_;
    }
    if (c.reader->error()) return *c.reader->error();
    return true;
}

GenericFiles Converter::finish(ConversionCounts& counts) const {
    counts = ConversionCounts{};
    counts.rows = rows_;
    counts.implausible = implausible_;
    std::vector<std::int64_t> ids;
    ids.reserve(customers_.size());
    for (const auto& entry : customers_) ids.push_back(entry.first);
    std::sort(ids.begin(), ids.end());

    GenericFiles out;
    out.customers = "customer_id,age,gender,income,segment,tenure_months,active\n";
    out.holdings = "customer_id,product_id,date\n";
    out.catalog = catalog_csv();
    for (const std::int64_t id : ids) {
        const History& h = customers_.at(id);
        const Profile& p = h.latest;
        const std::string customer = std::to_string(id);
        out.customers += customer + ',' + p.age + ',' + cell(p.gender) + ',' + p.income + ',' +
                         cell(p.segment) + ',' + p.tenure_months + ',' + p.active + '\n';

        std::vector<Snapshot> months = h.snapshots;
        std::sort(months.begin(), months.end(),
                  [](const Snapshot& a, const Snapshot& b) { return a.month < b.month; });
        std::uint32_t ever = 0;
        for (const Snapshot& s : months) ever |= s.flags;
        const std::uint32_t latest = months.back().flags;
        for (std::size_t i = 0; i < kProductCount; ++i) {
            const std::uint32_t bit = 1u << i;
            if (!(latest & bit)) {
                if (ever & bit) ++counts.dropped;
                continue;
            }
            // Held before the data begins: the take-up date is not known. Otherwise the first
            // month the flag is seen turning on (the take-up happened by then, after the month
            // before it); a later drop and second take-up keeps the first, as the format asks.
            std::string date;
            if (!(months.front().flags & bit)) {
                for (std::size_t k = 1; k < months.size() && date.empty(); ++k) {
                    const bool turned_on = (months[k].flags & bit) && !(months[k - 1].flags & bit);
                    if (turned_on) date = month_text(months[k].month);
                }
                ++counts.dated_holdings;
            }
            out.holdings += customer + ',' + std::string(kProducts[i].id) + ',' + date + '\n';
            ++counts.holdings;
        }
    }
    counts.customers = ids.size();
    return out;
}

}  // namespace bank::santander
