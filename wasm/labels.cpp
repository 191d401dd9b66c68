#include "wasm/labels.h"

#include "shared/api/feedback.h"
#include "shared/profile/life_stage.h"
#include "shared/text/word_list.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace app {

std::string likelihood_percent(float likelihood) {
    if (!(likelihood >= 0.0f)) return "";
    const double percent = static_cast<double>(likelihood) * 100.0;
    if (percent < 0.5) return "<1%";
    char text[16];
    std::snprintf(text, sizeof text, "%.0f%%", percent > 99.0 ? 99.0 : percent);
    return text;
}

std::string likelihood_words(float likelihood, bank::Voice voice) {
    const std::string percent = likelihood_percent(likelihood);
    if (percent.empty()) return "";
    return percent + (voice == bank::Voice::Banker ? " likely to be their next product" : " likely to be your next product");
}

std::string likelihood_legend(bool learned, bank::Voice voice) {
    const bool banker = voice == bank::Voice::Banker;
    if (!learned) {
        return std::string("The model that estimates likelihoods is not in use right now, so the products are in order of "
                           "fit without a percentage: first is the best fit for ") +
               (banker ? "them." : "you.");
    }
    return std::string("The percentage is the model's estimate of how likely each product is to be the next one ") +
           (banker ? "this customer takes up" : "you take up") +
           ", among all the products " + (banker ? "they" : "you") +
           " can get. It was checked against what customers like " + (banker ? "them" : "you") +
           " actually took up: of products shown at 20%, about one in five was the one taken. A product moved up for an "
           "interest typed for this visit keeps the model's percentage.";
}

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

namespace {

// "19.9", "2.25", "3.6": a rate as printed in a bank's leaflet, without trailing zeros.
std::string rate_text(double rate) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", rate);
    std::string text = buf;
    while (!text.empty() && text.back() == '0') text.pop_back();
    if (!text.empty() && text.back() == '.') text.pop_back();
    return text + "%";
}

std::string rate_fact(const bank::Product& p) {
    switch (p.category) {
        case bank::ProductCategory::Card:
        case bank::ProductCategory::Loan: return rate_text(p.rate) + " APR";
        case bank::ProductCategory::Mortgage: return rate_text(p.rate) + " interest";
        default: return rate_text(p.rate) + " a year";
    }
}

std::string fee_fact(const bank::Product& p) {
    const bool insurance = p.category == bank::ProductCategory::Insurance;
    if (p.annual_fee <= 0) return insurance ? "No premium" : "No annual fee";
    return (insurance ? "Premium " : "Fee ") + euros(p.annual_fee) + " a year";
}

}  // namespace

std::string euros(double amount) {
    const long long cents = std::llround(amount * 100.0);
    std::string whole = std::to_string(std::llabs(cents) / 100);
    for (int at = static_cast<int>(whole.size()) - 3; at > 0; at -= 3) whole.insert(static_cast<std::size_t>(at), ",");
    std::string text = std::string(cents < 0 ? "-" : "") + "\xE2\x82\xAC" + whole;
    if (cents % 100 != 0) {
        char part[8];
        std::snprintf(part, sizeof part, ".%02lld", std::llabs(cents) % 100);
        text += part;
    }
    return text;
}

std::string key_facts(const bank::Product& p) {
    const std::string fee = fee_fact(p);
    if (!p.has_rate) return fee;
    return rate_fact(p) + "  \xC2\xB7  " + fee;
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
    return bank::word_list(words);
}

std::string provider_label(const std::string& provider) {
    if (provider == "gemini") return "Explained by Gemini from your reasons, without your name or exact figures";
    if (provider == "huggingface") return "Summarised by an AI summariser";
    if (provider == "offline") return "Written from the reasons above (AI assistant not in use)";
    return provider.empty() ? "" : "From " + provider;
}

std::string feedback_event_label(const std::string& event) {
    const auto known = bank::api::parse_feedback_event(event);
    if (!known) return event;
    switch (*known) {
        case bank::api::FeedbackEvent::Interested: return "Interested";
        case bank::api::FeedbackEvent::NotForMe: return "Not for me";
        case bank::api::FeedbackEvent::Offered: return "Offered";
        case bank::api::FeedbackEvent::Accepted: return "Accepted";
    }
    return event;
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
