#include "shared/api/book_ranking.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <limits>
#include <unordered_map>

#include "shared/ai/explanation.h"
#include "shared/data/json_depth.h"
#include "shared/data/json_fields.h"
#include "shared/data/json_text.h"

namespace bank::api {
namespace {

using nlohmann::json;

enum JobField { kJobGeneration, kJobReasons, kIndices, kJobFieldCount };
constexpr std::array<std::string_view, kJobFieldCount> kJobFields = {"generation", "reasons", "indices"};
enum BatchField { kGeneration, kCoreMs, kTexts, kRankings, kBatchFieldCount };
constexpr std::array<std::string_view, kBatchFieldCount> kBatchFields = {"generation", "core_ms", "texts", "rankings"};
enum EntryField { kIndex, kCustomerId, kRanking, kError, kEntryFieldCount };
constexpr std::array<std::string_view, kEntryFieldCount> kEntryFields = {"index", "customer_id", "ranking", "error"};
enum RankingField { kRecommendations, kExclusions, kSignalsUsed, kNote, kInterestsNote, kExplained, kRankingFieldCount };
constexpr std::array<std::string_view, kRankingFieldCount> kRankingFields = {
    "recommendations", "exclusions", "signals_used", "note", "interests_note", "explained"};

constexpr WholeRange kGenerationRange{0, std::numeric_limits<int>::max()};
constexpr WholeRange kIndexRange{0, WholeRange{}.max};
constexpr WholeRange kIdRange{std::numeric_limits<std::int64_t>::min(), WholeRange{}.max};
constexpr DecimalRange kMillisecondsRange{0, 1e12};

// Where a value is in a document ("rankings[3].ranking.note"), spelled out only for an error: a
// batch holds some sixty values per customer, and the page spent more time naming each one than
// reading it. A place refers to its parent, so it lives no longer than the call that made it.
class Place {
public:
    explicit Place(std::string_view name) : name_(name) {}
    Place at(std::size_t index) const { return Place(this, {}, index); }
    Place member(std::string_view name) const { return Place(this, name, kNoIndex); }
    std::string spelled() const {
        if (!parent_) return std::string(name_);
        if (index_ != kNoIndex) return parent_->spelled() + "[" + std::to_string(index_) + "]";
        return parent_->spelled() + "." + std::string(name_);
    }

private:
    static constexpr std::size_t kNoIndex = static_cast<std::size_t>(-1);
    Place(const Place* parent, std::string_view name, std::size_t index) : parent_(parent), name_(name), index_(index) {}
    const Place* parent_ = nullptr;
    std::string_view name_;
    std::size_t index_ = kNoIndex;
};

LoadError at(std::string_view source, std::string field, const json& value, std::string expected) {
    LoadError e = load_error(source, 0, "", value.dump(), "is not " + expected);
    e.field = std::move(field);
    return e;
}

LoadError at(std::string_view source, const Place& field, const json& value, std::string expected) {
    return at(source, field.spelled(), value, std::move(expected));
}

// A positional row: a JSON array of exactly `width` values.
std::optional<LoadError> row_problem(const json& row, std::size_t width, std::string_view source, const Place& field) {
    if (row.is_array() && row.size() == width) return std::nullopt;
    return at(source, field, row, "a list of " + std::to_string(width) + " values");
}

// A catalog index in a row, as the product it names.
Loaded<int> product_at(const json& value, const std::vector<Product>& catalog, std::string_view source,
                       const Place& field) {
    if (!value.is_number_integer() || value.get<std::int64_t>() < 0 ||
        value.get<std::int64_t>() >= static_cast<std::int64_t>(catalog.size())) {
        return at(source, field, value, "a product of the catalog (0-" + std::to_string(catalog.size() - 1) + ")");
    }
    return static_cast<int>(value.get<std::int64_t>());
}

// The batch's texts as they are written: each once, in the order first met.
class TextsOut {
public:
    std::int64_t operator()(const std::string& text) {
        const auto [it, added] = places_.emplace(text, static_cast<std::int64_t>(places_.size()));
        if (added) list_.push_back(text);
        return it->second;
    }
    const std::vector<std::string>& list() const { return list_; }

private:
    std::unordered_map<std::string, std::int64_t> places_;
    std::vector<std::string> list_;
};

using Texts = std::vector<std::string>;

// A text of the batch, named by its number.
Loaded<std::string> text_at(const json& value, const Texts& texts, std::string_view source, const Place& field) {
    if (!value.is_number_integer() || value.get<std::int64_t>() < 0 ||
        value.get<std::int64_t>() >= static_cast<std::int64_t>(texts.size())) {
        return at(source, field, value,
                  texts.empty() ? "a text of the batch (it has none)"
                                : "a text of the batch (0-" + std::to_string(texts.size() - 1) + ")");
    }
    return texts[static_cast<std::size_t>(value.get<std::int64_t>())];
}

// A score as its 32 IEEE-754 bits, a whole number: bit for bit by construction, and read without
// decimal parsing, which the page's C library does in software long double (a third of the time
// the page spent reading a batch went there).
std::uint32_t float_bits(float value) {
    std::uint32_t bits = 0;
    std::memcpy(&bits, &value, sizeof bits);
    return bits;
}

Loaded<float> float_at(const json& value, std::string_view source, const Place& field) {
    float f = std::numeric_limits<float>::quiet_NaN();
    if (value.is_number_unsigned() && value.get<std::uint64_t>() <= std::numeric_limits<std::uint32_t>::max()) {
        const auto bits = static_cast<std::uint32_t>(value.get<std::uint64_t>());
        std::memcpy(&f, &bits, sizeof f);
    }
    if (!std::isfinite(f)) return at(source, field, value, "a finite number's 32 bits (a whole number 0-4294967295)");
    return f;
}

void write_reason(JsonText& out, const Reason& r, TextsOut& texts) {
    out.begin('[').value(to_string(r.code)).value(std::int64_t{float_bits(r.contribution)}).value(texts(r.text));
    out.value(texts(r.banker_text)).value(r.personal).end(']');
}

Loaded<Reason> read_reason(const json& row, const Texts& texts, std::string_view source, const Place& field) {
    if (auto problem = row_problem(row, 5, source, field)) return *problem;
    const auto code = row[0].is_string() ? ai::parse_reason_code(row[0].get_ref<const std::string&>()) : std::nullopt;
    if (!code) return at(source, field.at(0), row[0], "a reason code");
    auto contribution = float_at(row[1], source, field.at(1));
    if (!contribution) return contribution.error();
    auto text = text_at(row[2], texts, source, field.at(2));
    if (!text) return text.error();
    auto banker_text = text_at(row[3], texts, source, field.at(3));
    if (!banker_text) return banker_text.error();
    if (!row[4].is_boolean()) return at(source, field.at(4), row[4], "true or false");
    return Reason{*code, contribution.value(), std::move(text).value(), std::move(banker_text).value(), row[4].get<bool>()};
}

void write_recommendation(JsonText& out, const Recommendation& r, TextsOut& texts) {
    out.begin('[').value(std::int64_t{r.product_index}).value(std::int64_t{float_bits(r.score)});
    out.value(std::int64_t{float_bits(r.likelihood)}).value(texts(r.moved_for_interest)).begin('[');
    for (const Reason& reason : r.reasons) write_reason(out, reason, texts);
    out.end(']').end(']');
}

Loaded<Recommendation> read_recommendation(const json& row, const std::vector<Product>& catalog, const Texts& texts,
                                           std::string_view source, const Place& field) {
    if (auto problem = row_problem(row, 5, source, field)) return *problem;
    auto p = product_at(row[0], catalog, source, field.at(0));
    if (!p) return p.error();
    auto score = float_at(row[1], source, field.at(1));
    if (!score) return score.error();
    auto likelihood = float_at(row[2], source, field.at(2));
    if (!likelihood) return likelihood.error();
    auto moved = text_at(row[3], texts, source, field.at(3));
    if (!moved) return moved.error();
    if (!row[4].is_array()) return at(source, field.at(4), row[4], "a list of reasons");
    const Product& product = catalog[p.value()];
    Recommendation r{p.value(), product.id, product.name, product.category, score.value(), likelihood.value(),
                     {}, std::move(moved).value()};
    for (std::size_t i = 0; i < row[4].size(); ++i) {
        auto reason = read_reason(row[4][i], texts, source, field.at(4).at(i));
        if (!reason) return reason.error();
        r.reasons.push_back(std::move(reason).value());
    }
    return r;
}

void write_exclusion(JsonText& out, const Exclusion& e, const std::vector<Product>& catalog, TextsOut& texts) {
    std::int64_t index = -1;
    for (std::size_t p = 0; p < catalog.size(); ++p)
        if (catalog[p].id == e.product_id) index = static_cast<std::int64_t>(p);
    out.begin('[').value(index).value(to_string(e.rule)).value(texts(e.text)).value(texts(e.customer_text)).end(']');
}

Loaded<Exclusion> read_exclusion(const json& row, const std::vector<Product>& catalog, const Texts& texts,
                                 std::string_view source, const Place& field) {
    if (auto problem = row_problem(row, 4, source, field)) return *problem;
    auto p = product_at(row[0], catalog, source, field.at(0));
    if (!p) return p.error();
    std::optional<EligibilityRule> rule;
    for (EligibilityRule r : {EligibilityRule::MinimumAge, EligibilityRule::MaximumAge, EligibilityRule::MinimumIncome,
                              EligibilityRule::MinimumCreditScore, EligibilityRule::RiskSuitability}) {
        if (row[1].is_string() && row[1].get_ref<const std::string&>() == to_string(r)) rule = r;
    }
    if (!rule) return at(source, field.at(1), row[1], "an eligibility rule");
    auto text = text_at(row[2], texts, source, field.at(2));
    if (!text) return text.error();
    auto customer_text = text_at(row[3], texts, source, field.at(3));
    if (!customer_text) return customer_text.error();
    const Product& product = catalog[p.value()];
    return Exclusion{product.id, product.name, *rule, std::move(text).value(), std::move(customer_text).value()};
}

// The catalog is needed to write exclusions by index (a result names them by id).
void write_ranking(JsonText& out, const RankingResult& r, const std::vector<Product>& catalog, TextsOut& texts) {
    out.begin('{').key(kRankingFields[kRecommendations]).begin('[');
    for (const Recommendation& rec : r.recommendations) write_recommendation(out, rec, texts);
    out.end(']').key(kRankingFields[kExclusions]).begin('[');
    for (const Exclusion& e : r.exclusions) write_exclusion(out, e, catalog, texts);
    out.end(']').key(kRankingFields[kSignalsUsed]).begin('[');
    for (const std::string& signal : r.signals_used) out.value(texts(signal));
    out.end(']');
    out.key(kRankingFields[kNote]).value(texts(r.note));
    out.key(kRankingFields[kInterestsNote]).value(texts(r.interests_note));
    out.key(kRankingFields[kExplained]).value(r.explained);
    out.end('}');
}

template <class T, class Read>
bool read_rows(const json& rows, std::vector<T>& out, std::optional<LoadError>& error, const Place& field, Read read) {
    for (std::size_t i = 0; i < rows.size(); ++i) {
        auto item = read(rows[i], field.at(i));
        if (!item) {
            error = item.error();
            return false;
        }
        out.push_back(std::move(item).value());
    }
    return true;
}

Loaded<RankingResult> read_ranking(const json& j, const std::vector<Product>& catalog, const Texts& texts,
                                   std::string_view source, const Place& field) {
    JsonFields fields(j, source, kRankingFields.data());
    const json& recommendations = fields.array(kRecommendations);
    const json& exclusions = fields.array(kExclusions);
    const json& signals = fields.array(kSignalsUsed);
    const std::int64_t note = fields.whole_number(kNote, kIndexRange);
    const std::int64_t interests_note = fields.whole_number(kInterestsNote, kIndexRange);
    RankingResult r;
    r.explained = fields.boolean(kExplained, "true or false");
    if (fields.failed()) return nested(fields.error(), field.spelled());
    std::optional<LoadError> error;
    const auto text_of = [&](const json& value, const Place& f) { return text_at(value, texts, source, f); };
    const auto place = [&](RankingField k) { return field.member(kRankingFields[k]); };
    if (!read_rows(recommendations, r.recommendations, error, place(kRecommendations), [&](const json& row, const Place& f) {
            return read_recommendation(row, catalog, texts, source, f);
        }) ||
        !read_rows(exclusions, r.exclusions, error, place(kExclusions), [&](const json& row, const Place& f) {
            return read_exclusion(row, catalog, texts, source, f);
        }) ||
        !read_rows(signals, r.signals_used, error, place(kSignalsUsed), text_of)) {
        return *error;
    }
    auto note_text = text_of(json(note), place(kNote));
    if (!note_text) return note_text.error();
    auto interests_text = text_of(json(interests_note), place(kInterestsNote));
    if (!interests_text) return interests_text.error();
    r.note = std::move(note_text).value();
    r.interests_note = std::move(interests_text).value();
    return r;
}

Loaded<BookRanking> read_entry(const json& j, const std::vector<Product>& catalog, const Texts& texts,
                               std::string_view source, const Place& field) {
    JsonFields fields(j, source, kEntryFields.data());
    BookRanking b;
    b.index = static_cast<std::size_t>(fields.whole_number(kIndex, kIndexRange));
    b.customer_id = fields.whole_number(kCustomerId, kIdRange);
    const json* ranking = fields.optional_object(kRanking);
    const auto error = ranking ? std::nullopt : std::optional<std::string>(fields.text(kError));
    if (fields.failed()) return nested(fields.error(), field.spelled());
    if (error) {
        b.error = *error;
        return b;
    }
    auto r = read_ranking(*ranking, catalog, texts, source, field.member("ranking"));
    if (!r) return r.error();
    b.ranking = std::move(r).value();
    return b;
}

}  // namespace

std::vector<std::size_t> first_ranking_share(std::size_t customers, int slot, int workers) {
    std::vector<std::size_t> share;
    if (workers <= 0 || slot < 0 || slot >= workers) return share;
    const std::size_t step = kBookShareChunk * static_cast<std::size_t>(workers);
    for (std::size_t chunk = kBookShareChunk * static_cast<std::size_t>(slot); chunk < customers; chunk += step) {
        for (std::size_t i = chunk; i < std::min(customers, chunk + kBookShareChunk); ++i) share.push_back(i);
    }
    return share;
}

json write_book_ranking_job(const BookRankingJob& job) {
    json j = json::object();
    put(j, kJobFields[kJobGeneration], job.generation);
    put(j, kJobFields[kJobReasons], job.reasons == Reasons::Now);
    put(j, kJobFields[kIndices], job.indices);
    return j;
}

Loaded<BookRankingJob> read_book_ranking_job(const json& j, std::string_view source) {
    JsonFields fields(j, source, kJobFields.data());
    BookRankingJob job;
    job.generation = static_cast<int>(fields.whole_number(kJobGeneration, kGenerationRange));
    job.reasons = fields.boolean(kJobReasons, "true or false") ? Reasons::Now : Reasons::Later;
    const json& indices = fields.array(kIndices);
    if (fields.failed()) return fields.error();
    job.indices.reserve(indices.size());
    for (std::size_t i = 0; i < indices.size(); ++i) {
        if (!indices[i].is_number_integer() || indices[i].get<std::int64_t>() < 0)
            return at(source, "indices[" + std::to_string(i) + "]", indices[i], "a place in the book");
        job.indices.push_back(indices[i].get<std::size_t>());
    }
    return job;
}

std::string write_book_ranking_batch(const BookRankingBatch& batch, const std::vector<Product>& catalog) {
    TextsOut texts;
    JsonText out;
    out.begin('{');
    out.key(kBatchFields[kGeneration]).value(std::int64_t{batch.generation});
    out.key(kBatchFields[kCoreMs]).value(batch.core_ms);
    // The texts are known once the rankings are written, so they come after them.
    out.key(kBatchFields[kRankings]).begin('[');
    for (const BookRanking& b : batch.rankings) {
        out.begin('{');
        out.key(kEntryFields[kIndex]).value(static_cast<std::int64_t>(b.index));
        out.key(kEntryFields[kCustomerId]).value(b.customer_id);
        if (b.ranking) write_ranking(out.key(kEntryFields[kRanking]), *b.ranking, catalog, texts);
        else out.key(kEntryFields[kError]).value(b.error);
        out.end('}');
    }
    out.end(']');
    out.key(kBatchFields[kTexts]).value(texts.list());
    out.end('}');
    return std::move(out.text());
}

Loaded<BookRankingBatch> read_book_ranking_batch(const json& j, std::string_view source,
                                                 const std::vector<Product>& catalog) {
    if (j.is_discarded()) {  // parse_json_within_depth's answer to a batch cut short or nested too deep
        return load_error(source, 0, "", "", "the batch is not JSON, or nests deeper than " +
                                                 std::to_string(kMaxJsonDepth) + " levels");
    }
    JsonFields fields(j, source, kBatchFields.data());
    BookRankingBatch batch;
    batch.generation = static_cast<int>(fields.whole_number(kGeneration, kGenerationRange));
    batch.core_ms = fields.decimal(kCoreMs, kMillisecondsRange);
    const json& text_list = fields.array(kTexts);
    const json& rankings = fields.array(kRankings);
    if (fields.failed()) return fields.error();
    Texts texts;
    texts.reserve(text_list.size());
    for (std::size_t i = 0; i < text_list.size(); ++i) {
        if (!text_list[i].is_string()) return at(source, "texts[" + std::to_string(i) + "]", text_list[i], "a string");
        texts.push_back(text_list[i].get<std::string>());
    }
    std::optional<LoadError> error;
    if (!read_rows(rankings, batch.rankings, error, Place(kBatchFields[kRankings]),
                   [&](const json& entry, const Place& f) { return read_entry(entry, catalog, texts, source, f); })) {
        return *error;
    }
    return batch;
}

}  // namespace bank::api
