#include "shared/ranking/stated_interests.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "shared/ranking/product_words.h"
#include "shared/text/word_list.h"

namespace bank {

namespace {

// A theme: words a customer types for it, and what answers it in a catalog (a product category,
// or a word of the product's own text). Short, so that anyone can check why something moved.
struct Theme {
    const char* label;
    std::vector<const char*> typed;
    std::vector<ProductCategory> categories;
    std::vector<const char*> catalog_stems;
};

const std::vector<Theme>& themes() {
    using C = ProductCategory;
    static const std::vector<Theme> all = {
        {"investing",
         {"invest", "stock", "share", "shares", "etf", "fund", "funds", "crypto", "bitcoin", "trading", "equity",
          "equities", "portfolio", "wealth", "bonds"},
         {C::Investment},
         {}},
        {"retirement", {"retire", "pension", "pensions"}, {}, {"retire", "pension"}},
        {"travel", {"travel", "holiday", "trip", "vacation", "abroad", "flights", "backpacking"}, {},
         {"travel", "holiday", "trip", "flights"}},
        {"a home", {"home", "house", "property", "mortgage", "apartment", "flat", "homeowner"}, {C::Mortgage},
         {"house", "homeowners"}},
        {"family", {"child", "children", "kid", "kids", "family", "baby", "parent", "parents"}, {},
         {"child", "children", "kids", "family", "families"}},
        {"cars", {"car", "driving", "vehicle", "motor"}, {}, {"car", "vehicle", "motorbike"}},
        {"studying", {"study", "student", "university", "college", "education", "school"}, {},
         {"student", "study", "tuition", "university"}},
        {"pets", {"pet", "dog", "cat", "animal"}, {}, {"pet", "dog", "cat", "vet"}},
        {"health", {"health", "fitness", "sport", "sports", "wellness", "gym"}, {}, {"health", "fitness", "wellness"}},
        {"technology", {"tech", "technology", "gadget", "electronic", "gaming", "game", "phone", "computer", "ai", "software"},
         {}, {"gadget", "laptop", "phone", "technology", "gaming", "electronics", "artificial"}},
        {"sustainability", {"green", "eco", "environment", "sustainab", "climate", "solar", "renewable"}, {},
         {"green", "sustainable", "renewable", "recycled", "climate", "carbon"}},
        {"saving", {"saving", "save", "savings"}, {C::Savings, C::Deposit}, {}},
    };
    return all;
}

std::vector<std::string> words_of(const std::string& text) {
    Product only_name;
    only_name.name = text;
    return catalog_words(only_name);
}

const Theme* theme_of(const std::string& interest) {
    const std::vector<std::string> words = words_of(interest);
    for (const Theme& t : themes()) {
        for (const char* stem : t.typed) {
            if (names_stem(words, stem)) return &t;
        }
    }
    return nullptr;
}

bool answers(const Theme& t, const Product& p, const std::vector<std::string>& product_words) {
    if (std::find(t.categories.begin(), t.categories.end(), p.category) != t.categories.end()) return true;
    return std::any_of(t.catalog_stems.begin(), t.catalog_stems.end(),
                       [&](const char* stem) { return names_stem(product_words, stem); });
}

// An interest no theme knows answers a product whose words name one of its own words.
bool answers_literally(const std::string& interest, const std::vector<std::string>& product_words) {
    constexpr std::size_t kShortest = 4;
    for (const std::string& w : words_of(interest)) {
        if (w.size() >= kShortest && names_stem(product_words, w)) return true;
    }
    return false;
}

std::string lowered(std::string s) {
    for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return s;
}

}  // namespace

std::string stated_interest_for(const Product& product, const std::vector<std::string>& stated) {
    const std::vector<std::string> product_words = catalog_words(product);
    for (const std::string& interest : stated) {
        if (const Theme* t = theme_of(interest)) {
            if (answers(*t, product, product_words)) return t->label;
        } else if (answers_literally(interest, product_words)) {
            return lowered(interest);
        }
    }
    return "";
}

std::vector<InterestLift> lift_stated_interests(const std::vector<Product>& catalog,
                                                const std::vector<std::string>& stated,
                                                const std::vector<unsigned char>& candidate,
                                                std::vector<float>& ordering, bool log_scale) {
    std::vector<InterestLift> answered;
    if (stated.empty()) return answered;
    for (std::size_t p = 0; p < catalog.size(); ++p) {
        if (!candidate[p]) continue;
        std::string interest = stated_interest_for(catalog[p], stated);
        if (!interest.empty()) answered.push_back({static_cast<int>(p), std::move(interest)});
    }
    std::stable_sort(answered.begin(), answered.end(), [&](const InterestLift& a, const InterestLift& b) {
        return ordering[a.product] > ordering[b.product];
    });
    if (answered.size() > kMaxLiftedProducts) answered.resize(kMaxLiftedProducts);
    for (const InterestLift& lift : answered) {
        float& o = ordering[lift.product];
        o = log_scale ? o + std::log(kStatedInterestLift) : o * kStatedInterestLift;
    }
    return answered;
}

std::string stated_interests_note(const std::vector<std::string>& stated, const std::vector<InterestLift>& lifted,
                                  const std::vector<InterestLift>& moved, const std::vector<Product>& catalog) {
    if (stated.empty()) return "";
    if (lifted.empty()) {
        return "None of the products you can take out matches " + word_list(stated) + ", so your list keeps its order.";
    }
    if (moved.empty()) return "Your list already has the products that match " + word_list(stated) + ".";
    std::vector<std::string> interests;
    for (const InterestLift& m : moved) {
        if (std::find(interests.begin(), interests.end(), m.interest) == interests.end()) interests.push_back(m.interest);
    }
    std::string note;
    for (const std::string& interest : interests) {
        std::vector<std::string> names;
        for (const InterestLift& m : moved) {
            if (m.interest == interest) names.push_back(catalog[m.product].name);
        }
        note += (note.empty() ? "" : " ") + std::string("Moved up for your interest in ") + interest + ": " +
                word_list(names) + ".";
    }
    return note;
}

}  // namespace bank
