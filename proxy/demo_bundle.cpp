#include "proxy/demo_bundle.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>

#include "proxy/routes.h"
#include "shared/data/json.h"

namespace bank::proxy {

std::variant<nlohmann::json, std::string> demo_bundle(const BankRecords& records, const RankingWeights& weights,
                                                      std::int64_t customer_id, const std::string& banker_id,
                                                      int min_group_size, const std::string& propensity_model) {
    const Customer* customer = records.customer(customer_id);
    if (!customer) return "no customer with id " + std::to_string(customer_id) + " in customerdata.csv";
    const Banker* banker = records.banker(banker_id);
    if (!banker) return "no banker with id '" + banker_id + "' in bankers.csv";
    nlohmann::json book = nlohmann::json::array();
    for (const Customer* c : records.book(banker->id)) book.push_back(records.customer_json(*c));
    return nlohmann::json{
        {"label", "Demo data: synthetic customers of a fictional bank"},
        {"catalog", nlohmann::json::parse(records.catalog_json())},
        {"ranking_model", nlohmann::json::parse(ranking_model_json(records, weights, min_group_size, propensity_model))},
        {"customer",
         {{"me", {{"username", "demo-customer"}, {"role", "customer"}, {"subject_id", std::to_string(customer->id)},
                  {"display_name", customer->name}}},
          {"profile", records.customer_json(*customer)}}},
        {"banker",
         {{"me", {{"username", "demo-banker"}, {"role", "banker"}, {"subject_id", banker->id},
                  {"display_name", banker->name}}},
          {"book", {{"banker", nlohmann::json(*banker)}, {"customers", std::move(book)}}}}}};
}

std::string write_demo_bundle(const nlohmann::json& bundle, const std::string& path) {
    const std::string temporary = path + ".partial";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << bundle.dump();
        out.flush();
        if (!out) {
            std::remove(temporary.c_str());
            return "cannot write " + temporary + ": " + std::strerror(errno);
        }
    }
    if (std::rename(temporary.c_str(), path.c_str()) != 0) {
        const std::string why = std::strerror(errno);
        std::remove(temporary.c_str());
        return "cannot move " + temporary + " to " + path + ": " + why;
    }
    return "";
}

}  // namespace bank::proxy
