#include "wasm/labels.h"

#include "shared/profile/life_stage.h"

#include <cstdio>

namespace app {

const char* category_label(bank::ProductCategory category) {
    switch (category) {
        case bank::ProductCategory::Account: return "Account";
        case bank::ProductCategory::Card: return "Card";
        case bank::ProductCategory::Loan: return "Loan";
        case bank::ProductCategory::Mortgage: return "Mortgage";
        case bank::ProductCategory::Savings: return "Savings";
        case bank::ProductCategory::Deposit: return "Fixed deposit";
        case bank::ProductCategory::Investment: return "Investment";
        case bank::ProductCategory::Insurance: return "Insurance";
    }
    return "Product";
}

std::string key_facts(const bank::Product& p) {
    char buf[96];
    const char* fee_word = p.category == bank::ProductCategory::Insurance ? "premium" : "fee";
    if (p.has_rate) {
        std::snprintf(buf, sizeof buf, "%.2f%% a year  \xC2\xB7  %s EUR %.0f a year", p.rate, fee_word, p.annual_fee);
    } else {
        std::snprintf(buf, sizeof buf, "%s EUR %.0f a year", fee_word, p.annual_fee);
        buf[0] = static_cast<char>(buf[0] - 'a' + 'A');
    }
    return buf;
}

std::string joined(const std::vector<std::string>& items, const char* empty) {
    std::string out;
    for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
    return out.empty() ? empty : out;
}

std::string signals_in_words(const std::vector<std::string>& signals_used, bool their) {
    const std::string your = their ? "their" : "your";
    std::vector<std::string> words;
    for (const std::string& s : signals_used) {
        if (s.rfind("learned propensity model", 0) == 0)
            words.push_back(their ? "what customers like them took up next" : "what customers like you took up next");
        else if (s.rfind("text similarity", 0) == 0) words.push_back(your + " interests and goals");
        else if (s.rfind("semantic", 0) == 0) words.push_back(your + " interests and goals");
        else if (s.rfind("image", 0) == 0) words.push_back("how each product is presented");
        else if (s == "co-ownership") words.push_back(their ? "the products they already hold" : "the products you already hold");
        else if (s == "popularity") words.push_back(their ? "what customers like them choose" : "what customers like you choose");
        else if (s == "spending") words.push_back("where " + your + " money goes");
        else if (s == "context") words.push_back(your + " stage of life");
    }
    std::string text;
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (i > 0) text += i + 1 == words.size() ? " and " : ", ";
        text += words[i];
    }
    return text;
}

std::string provider_label(const std::string& provider) {
    if (provider == "gemini") return "Explained by Gemini from your reasons, without your name or exact figures";
    if (provider == "huggingface") return "Summarised by an AI summariser";
    if (provider == "offline") return "Written from the reasons above (AI assistant not in use)";
    return provider.empty() ? "" : "From " + provider;
}

const char* life_stage_label(int age) {
    switch (bank::life_stage_for_age(age)) {
        case bank::LifeStage::StartingOut: return "Starting out";
        case bank::LifeStage::EarlyCareer: return "Early career";
        case bank::LifeStage::Established: return "Established";
        case bank::LifeStage::PreRetirement: return "Pre-retirement";
        case bank::LifeStage::Retired: return "Retired";
        case bank::LifeStage::Unknown: break;
    }
    return "Unknown";
}

}  // namespace app
