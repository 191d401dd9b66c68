#include "proxy/demo_bundle.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>

#include "shared/api/demo_bundle.h"

namespace bank::proxy {

std::variant<nlohmann::json, std::string> demo_bundle(const BankRecords& records, const RankingWeights& weights,
                                                      std::int64_t customer_id, const std::string& banker_id,
                                                      int min_group_size, const std::string& propensity_model) {
    const Customer* customer = records.customer(customer_id);
    if (!customer) return "no customer with id " + std::to_string(customer_id) + " in customerdata.csv";
    const Banker* banker = records.banker(banker_id);
    if (!banker) return "no banker with id '" + banker_id + "' in bankers.csv";
    api::DemoBundle bundle;
    bundle.label = "Demo data: synthetic customers of a fictional bank";
    bundle.catalog = records.dataset().catalog;
    bundle.ranking_model = published_ranking_model(records, weights, min_group_size, propensity_model);
    bundle.customer = {{"demo-customer", Role::Customer, std::to_string(customer->id), customer->name},
                       records.customer_record(*customer)};
    bundle.banker = {{"demo-banker", Role::Banker, banker->id, banker->name}, records.book_record(*banker)};
    return api::write_demo_bundle(bundle);
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
