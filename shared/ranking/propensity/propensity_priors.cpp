#include "shared/ranking/propensity/propensity_priors.h"

#include <cmath>

#include "shared/data/json_depth.h"
#include "shared/data/load_error.h"
#include "shared/profile/life_stage.h"

namespace bank {

int age_band_index(const Customer& customer, const KnownFields& known) {
    if (!known.age) return 0;
    if (customer.age < 18) return 1;
    return 1 + static_cast<int>(life_stage_for_age(customer.age));  // StartingOut = 1 -> 2
}

float PropensityPriors::co_owned(const std::vector<int>& held, int product) const {
    if (held.empty()) return popularity[product];
    double sum = 0;
    for (int h : held) sum += co_ownership[static_cast<std::size_t>(h) * products() + product];
    return static_cast<float>(sum / static_cast<double>(held.size()));
}

float PropensityPriors::peer_popularity(const std::string& segment, int band, int product) const {
    return peer_row(segment, band)[product];
}

const float* PropensityPriors::peer_row(const std::string& segment, int band) const {
    auto it = segment_age.find(segment);
    const std::vector<float>& table = it == segment_age.end() ? age_band : it->second;
    return table.data() + static_cast<std::size_t>(band) * products();
}

namespace {

// A count may be published when it and what it leaves out of its parent group each rest on at
// least k customers (or on none): otherwise subtracting two published numbers would isolate a
// group smaller than k.
bool publishable(std::size_t count, std::size_t parent, std::size_t k) {
    const std::size_t rest = parent - count;
    return count >= k && (rest == 0 || rest >= k);
}

// Share of `group` customers holding each product, where both the group and the holders may be
// published; `fallback` elsewhere.
void group_rates(const std::vector<std::size_t>& holders, std::size_t group,
                 const std::vector<std::size_t>& parent_holders, std::size_t parent,
                 const std::vector<float>& fallback, std::size_t k, float* out) {
    const bool group_ok = publishable(group, parent, k);
    for (std::size_t p = 0; p < holders.size(); ++p) {
        const bool ok = group_ok && publishable(holders[p], parent_holders[p], k) &&
                        publishable(holders[p], group, k);
        out[p] = ok ? static_cast<float>(static_cast<double>(holders[p]) / static_cast<double>(group)) : fallback[p];
    }
}

}  // namespace

PropensityPriors fit_propensity_priors(const std::vector<Product>& catalog, const std::vector<PriorInput>& customers,
                                       std::size_t k) {
    PropensityPriors pr;
    pr.min_group_size = k;
    const std::size_t n = catalog.size(), total = customers.size();
    for (const Product& p : catalog) pr.product_ids.push_back(p.id);

    std::vector<std::size_t> holders(n, 0), joint(n * n, 0);
    std::vector<std::size_t> band_size(kAgeBandCount, 0), band_holders(kAgeBandCount * n, 0);
    std::unordered_map<std::string, std::pair<std::vector<std::size_t>, std::vector<std::size_t>>> segment;
    for (const PriorInput& c : customers) {
        band_size[c.age_band] += 1;
        auto* seg = c.segment.empty() ? nullptr : &segment[c.segment];
        if (seg && seg->first.empty()) {
            seg->first.assign(kAgeBandCount, 0);
            seg->second.assign(kAgeBandCount * n, 0);
        }
        if (seg) seg->first[c.age_band] += 1;
        for (int h : c.held) {
            holders[h] += 1;
            band_holders[c.age_band * n + h] += 1;
            if (seg) seg->second[c.age_band * n + h] += 1;
            for (int p : c.held) joint[h * n + p] += 1;
        }
    }

    // Whole bank: rare products share one pooled rate (0 when even the pool is under k).
    std::size_t rare_holders = 0, rare_products = 0;
    for (std::size_t p = 0; p < n; ++p) {
        if (holders[p] < k) rare_holders += holders[p], rare_products += 1;
    }
    const float pooled = rare_holders >= k && total > 0
                             ? static_cast<float>(static_cast<double>(rare_holders) / rare_products / total)
                             : 0.0f;
    pr.popularity.resize(n);
    for (std::size_t p = 0; p < n; ++p)
        pr.popularity[p] = holders[p] >= k ? static_cast<float>(static_cast<double>(holders[p]) / total) : pooled;

    pr.co_ownership.resize(n * n);
    for (std::size_t h = 0; h < n; ++h) {
        std::vector<std::size_t> with_h(joint.begin() + h * n, joint.begin() + (h + 1) * n);
        group_rates(with_h, holders[h], holders, total, pr.popularity, k, &pr.co_ownership[h * n]);
        pr.co_ownership[h * n + h] = pr.popularity[h];
    }

    pr.age_band.resize(kAgeBandCount * n);
    for (int b = 0; b < kAgeBandCount; ++b) {
        std::vector<std::size_t> in_band(band_holders.begin() + b * n, band_holders.begin() + (b + 1) * n);
        group_rates(in_band, band_size[b], holders, total, pr.popularity, k, &pr.age_band[b * n]);
    }
    for (const auto& [name, counts] : segment) {
        std::size_t size = 0;
        for (std::size_t s : counts.first) size += s;
        if (!publishable(size, total, k)) continue;  // the segment itself is too small to name
        std::vector<float> table(kAgeBandCount * n);
        for (int b = 0; b < kAgeBandCount; ++b) {
            std::vector<std::size_t> cell(counts.second.begin() + b * n, counts.second.begin() + (b + 1) * n);
            std::vector<std::size_t> band(band_holders.begin() + b * n, band_holders.begin() + (b + 1) * n);
            std::vector<float> parent(pr.age_band.begin() + b * n, pr.age_band.begin() + (b + 1) * n);
            group_rates(cell, counts.first[b], band, band_size[b], parent, k, &table[b * n]);
        }
        pr.segment_age.emplace(name, std::move(table));
    }
    return pr;
}

namespace {

nlohmann::json rows_json(const std::vector<float>& flat, std::size_t width) {
    nlohmann::json rows = nlohmann::json::array();
    for (std::size_t i = 0; i + width <= flat.size(); i += width)
        rows.push_back(std::vector<float>(flat.begin() + i, flat.begin() + i + width));
    return rows;
}

// Appends `width` shares (finite numbers in [0, 1]) from `values`, a list; false with a message
// naming `what` otherwise.
bool read_shares(const nlohmann::json& values, const std::string& what, std::size_t width, std::vector<float>& out,
                 std::string& error) {
    if (!values.is_array() || values.size() != width) {
        error = "priors: " + what + " must be a list of " + std::to_string(width) + " shares";
        return false;
    }
    for (const auto& v : values) {
        if (!v.is_number() || !std::isfinite(v.get<double>()) || v.get<double>() < 0 || v.get<double>() > 1) {
            error = "priors: " + what + " holds a value that is not a share between 0 and 1";
            return false;
        }
        out.push_back(v.get<float>());
    }
    return true;
}

// `count` rows of `width` shares, flattened.
bool read_rows(const nlohmann::json& rows, const std::string& what, std::size_t count, std::size_t width,
               std::vector<float>& out, std::string& error) {
    if (!rows.is_array() || rows.size() != count) {
        error = "priors: " + what + " must be a list of " + std::to_string(count) + " rows";
        return false;
    }
    out.clear();
    for (const auto& row : rows) {
        if (!read_shares(row, "every row of " + what, width, out, error)) return false;
    }
    return true;
}

}  // namespace

std::string propensity_priors_json(const PropensityPriors& pr) {
    nlohmann::json segments = nlohmann::json::object();
    for (const auto& [name, table] : pr.segment_age) segments[name] = rows_json(table, pr.products());
    const nlohmann::json doc = {{"min_group_size", pr.min_group_size},
                                {"product_ids", pr.product_ids},
                                {"popularity", pr.popularity},
                                {"co_ownership", rows_json(pr.co_ownership, pr.products())},
                                {"age_band", rows_json(pr.age_band, pr.products())},
                                {"segment_age", segments}};
    return doc.dump();
}

Checked<PropensityPriors> parse_propensity_priors(const std::string& json_text) {
    const nlohmann::json doc = parse_json_within_depth(json_text);
    if (doc.is_discarded()) return RankingError{"priors: not JSON, or nested too deeply"};
    if (!doc.is_object()) return RankingError{"priors: expected a JSON object"};
    PropensityPriors pr;
    const auto k = doc.find("min_group_size");
    if (k == doc.end() || !k->is_number_unsigned() || k->get<std::size_t>() < 1)
        return RankingError{"priors: \"min_group_size\" must be a whole number of at least 1"};
    pr.min_group_size = k->get<std::size_t>();
    const auto ids = doc.find("product_ids");
    if (ids == doc.end() || !ids->is_array() || ids->empty())
        return RankingError{"priors: \"product_ids\" must be a non-empty list"};
    for (const auto& id : *ids) {
        if (!id.is_string()) return RankingError{"priors: \"product_ids\" must hold text"};
        pr.product_ids.push_back(id.get<std::string>());
    }
    const std::size_t n = pr.products();
    std::string error;
    const nlohmann::json none;
    const auto field = [&](const char* key) -> const nlohmann::json& {
        const auto it = doc.find(key);
        return it == doc.end() ? none : *it;
    };
    if (!read_shares(field("popularity"), "\"popularity\"", n, pr.popularity, error)) return RankingError{error};
    if (!read_rows(field("co_ownership"), "\"co_ownership\"", n, n, pr.co_ownership, error)) return RankingError{error};
    if (!read_rows(field("age_band"), "\"age_band\"", kAgeBandCount, n, pr.age_band, error))
        return RankingError{error};
    const nlohmann::json& segments = field("segment_age");
    if (!segments.is_object()) return RankingError{"priors: \"segment_age\" must be an object of segment tables"};
    for (const auto& [name, table] : segments.items()) {
        std::vector<float> flat;
        if (!read_rows(table, "segment \"" + display_value(name) + "\"", kAgeBandCount, n, flat, error))
            return RankingError{error};
        pr.segment_age.emplace(name, std::move(flat));
    }
    return pr;
}

}  // namespace bank
