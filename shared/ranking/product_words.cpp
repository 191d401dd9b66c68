#include "shared/ranking/product_words.h"

#include <algorithm>
#include <cctype>

namespace bank {

namespace {

void add_words(const std::string& text, std::vector<std::string>& out) {
    std::string word;
    for (char ch : text) {
        const unsigned char c = static_cast<unsigned char>(ch);
        if (std::isalnum(c)) {
            word += static_cast<char>(std::tolower(c));
        } else if (!word.empty()) {
            out.push_back(std::move(word));
            word.clear();
        }
    }
    if (!word.empty()) out.push_back(std::move(word));
}

// Which spending bears on which product: a product category, or a word its catalog text uses.
// Everyday-spending categories relate to cards that reward them ("cashback"), not to every card.
struct SpendingLink {
    const char* merchant_category;
    std::vector<ProductCategory> categories;
    std::vector<const char*> stems;
};

const std::vector<SpendingLink>& spending_links() {
    using C = ProductCategory;
    static const std::vector<SpendingLink> links = {
        {"Groceries", {}, {"groceries", "grocery", "cashback"}},
        {"Dining", {}, {"dining", "restaurant", "cashback"}},
        {"Entertainment", {}, {"cashback", "concert", "festival", "streaming", "tickets"}},
        {"Fashion", {}, {"cashback", "fashion", "clothes", "shopping"}},
        {"Electronics", {}, {"electronics", "gadget", "laptop", "phone", "cashback"}},
        {"Gaming", {}, {"gaming", "games", "console", "gadget"}},
        {"Utilities", {}, {"bills", "utilities"}},
        {"Insurance", {C::Insurance}, {}},
        {"Salary", {C::Account, C::Savings}, {}},
        {"Fuel", {}, {"fuel", "car", "vehicle"}},
        {"Transport", {}, {"transport", "commute", "car"}},
        {"Rent", {}, {"rent", "renters", "rented", "tenants", "flatmates", "landlord"}},
        {"Travel", {}, {"travel", "travellers", "holidays", "flights", "trip"}},
        {"Healthcare", {}, {"health", "medical", "dental", "physiotherapy"}},
        {"Investments", {C::Investment, C::Deposit}, {}},
        {"Home Improvement", {}, {"renovate", "renovation", "insulation", "solar", "diy", "furniture", "garden"}},
        {"Pets", {}, {"pet", "dog", "cat", "vet"}},
        {"Mortgage Payment", {C::Mortgage}, {"mortgage"}},
        {"Education", {}, {"student", "study", "tuition", "university", "school", "books"}},
        {"Childcare", {}, {"child", "children", "kids", "family", "families"}},
    };
    return links;
}

std::string lower(std::string s) {
    for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return s;
}

}  // namespace

std::vector<std::string> catalog_words(const Product& p) {
    std::vector<std::string> words;
    add_words(p.name, words);
    add_words(p.description, words);
    for (const std::string& f : p.features) add_words(f, words);
    return words;
}

bool names_stem(const std::vector<std::string>& words, const std::string& stem) {
    constexpr std::size_t kPrefixFrom = 5;
    return std::any_of(words.begin(), words.end(), [&](const std::string& w) {
        if (stem.size() < kPrefixFrom) return w == stem || w == stem + "s";
        return w.compare(0, stem.size(), stem) == 0;
    });
}

bool spending_bears_on(const std::string& merchant_category, const Product& product) {
    const std::string wanted = lower(merchant_category);
    for (const SpendingLink& link : spending_links()) {
        if (lower(link.merchant_category) != wanted) continue;
        if (std::find(link.categories.begin(), link.categories.end(), product.category) != link.categories.end())
            return true;
        const std::vector<std::string> words = catalog_words(product);
        return std::any_of(link.stems.begin(), link.stems.end(),
                           [&](const char* stem) { return names_stem(words, stem); });
    }
    return false;
}

bool is_for_children(const Product& p) {
    std::vector<std::string> words;
    add_words(p.name, words);
    for (const std::string& f : p.features) add_words(f, words);
    for (const char* stem : {"kid", "kids", "child", "children", "junior"}) {
        if (names_stem(words, stem)) return true;
    }
    return false;
}

bool spends_on_childcare(const std::vector<CategorySpend>* spending) {
    return spending != nullptr && share_of(*spending, "Childcare") > 0;
}

}  // namespace bank
