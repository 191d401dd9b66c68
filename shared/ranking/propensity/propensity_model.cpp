#include "shared/ranking/propensity/propensity_model.h"

#include <algorithm>
#include <cmath>

#include "shared/data/json_depth.h"
#include "shared/ranking/trees/tree_predict.h"
#include "shared/ranking/trees/tree_shap.h"
#include "shared/ranking/trees/xgboost_json.h"

namespace bank {

Checked<PropensityModel> parse_propensity_model(std::string_view json_text, std::string_view source,
                                                const std::vector<Product>& catalog) {
    const nlohmann::json document = parse_xgboost_json(json_text);
    if (document.is_discarded()) return RankingError{std::string(source) + ": is not JSON"};
    return propensity_model_from_json(document, source, catalog);
}

Checked<PropensityModel> propensity_model_from_json(const nlohmann::json& document, std::string_view source,
                                                    const std::vector<Product>& catalog) {
    const std::string where(source);
    auto trees = xgboost_model_from_json(document, source);
    if (!trees) return trees.error();
    PropensityModel m;
    m.trees = std::move(trees).value();
    if (m.trees.group_count != 1 || m.trees.objective != TreeObjective::kBinaryLogistic)
        return RankingError{where + ": not a propensity model (expected objective binary:logistic, found " +
                            m.trees.objective_name + ")"};
    if (m.trees.feature_names.empty())
        return RankingError{where + ": the model names no features, so its inputs cannot be rebuilt"};
    auto layout = layout_from_names(m.trees.feature_names, catalog);
    if (!layout) return RankingError{where + ": " + layout.error().message};
    m.layout = std::move(layout).value();
    if (m.trees.feature_count != static_cast<int>(m.layout.names.size()))
        return RankingError{where + ": the trees read " + std::to_string(m.trees.feature_count) +
                            " features but the model names " + std::to_string(m.layout.names.size())};
    const auto priors_text = m.trees.attributes.find("bank_priors");
    if (priors_text == m.trees.attributes.end())
        return RankingError{where + ": the model carries no group statistics (attribute bank_priors)"};
    auto priors = parse_propensity_priors(priors_text->second);
    if (!priors) return RankingError{where + ": " + priors.error().message};
    m.priors = std::move(priors).value();
    if (m.priors.product_ids.size() != catalog.size())
        return RankingError{where + ": trained on " + std::to_string(m.priors.product_ids.size()) +
                            " products, but the catalog has " + std::to_string(catalog.size())};
    for (std::size_t p = 0; p < catalog.size(); ++p) {
        if (m.priors.product_ids[p] != catalog[p].id)
            return RankingError{where + ": trained on another catalog (product " + std::to_string(p + 1) + " is " +
                                m.priors.product_ids[p] + ", not " + catalog[p].id + ")"};
    }
    m.compiled = compile_trees(m.trees);
    compile_product_splits(m.compiled, product_only_values(m.layout, m.priors, catalog));
    const auto provenance = m.trees.attributes.find("bank_training");
    if (provenance != m.trees.attributes.end()) m.provenance = provenance->second;
    const auto calibration = m.trees.attributes.find("bank_calibration");
    if (calibration != m.trees.attributes.end()) {
        const nlohmann::json doc = parse_json_within_depth(calibration->second);
        // Checked as the float it is used as: 1e-300 would pass as a double and become 0.
        const float t = doc.is_object() && doc.contains("temperature") && doc["temperature"].is_number()
                            ? doc["temperature"].get<float>()
                            : 0.0f;
        if (!(t >= 0.01f && t <= 100.0f))
            return RankingError{where + ": the calibration (attribute bank_calibration) needs a temperature from 0.01 "
                                        "to 100"};
        m.temperature = t;
    }
    return m;
}

std::vector<float> propensity_margins(const PropensityModel& model, const std::vector<Product>& catalog,
                                      const PropensityCustomer& customer, const std::vector<int>& products) {
    // One buffer for the rows of every customer a thread scores: a book scores thousands.
    thread_local std::vector<float> rows;
    propensity_rows(model.layout, model.priors, catalog, customer, products, rows);
    std::vector<float> margins(products.size());
    if (model.compiled.empty()) {
        predict_margins_batch(model.trees, rows.data(), products.size(), margins.data());
    } else {
        predict_margins_compiled(model.compiled, rows.data(), products.size(), margins.data(), products.data());
    }
    return margins;
}

std::vector<float> take_up_likelihoods(const std::vector<float>& margins, float temperature) {
    std::vector<float> out(margins.size());
    if (margins.empty()) return out;
    const float top = *std::max_element(margins.begin(), margins.end());
    double total = 0;
    for (std::size_t i = 0; i < margins.size(); ++i) {
        out[i] = std::exp(temperature * (margins[i] - top));
        total += out[i];
    }
    for (float& v : out) v = static_cast<float>(v / total);
    return out;
}

std::vector<float> propensity_contributions(const PropensityModel& model, const std::vector<Product>& catalog,
                                            const PropensityCustomer& customer, int product) {
    std::vector<float> row;
    propensity_rows(model.layout, model.priors, catalog, customer, {product}, row);
    std::vector<float> phi(model.layout.names.size() + 1);
    shap_contributions(model.trees, row.data(), phi.data());
    return phi;
}

}  // namespace bank
