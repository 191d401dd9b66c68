// What a product's own catalog words say it is for, so the screens claim only what the catalog
// and the customer's data both support: which spending categories bear on a product (car insurance
// relates to fuel, not to mortgage payments), and which products are for someone else (a child).
// Read from the words, not from product ids, so a bank's own catalog needs no code change.
#pragma once

#include <string>
#include <vector>

#include "shared/data/model.h"
#include "shared/profile/spending.h"

namespace bank {

// The product's name, description and features as lower-case words ("car-rental" is two words).
std::vector<std::string> catalog_words(const Product& product);

// True when a word of `words` is `stem` or begins with it. Stems shorter than five letters match
// whole words only, with a plural s ("car" matches "cars", never "card" or "carbon").
bool names_stem(const std::vector<std::string>& words, const std::string& stem);

// Whether money spent in a merchant category (as the transactions name it: "Fuel", "Pets") has
// anything to do with the product. Categories the table does not know bear on nothing.
bool spending_bears_on(const std::string& merchant_category, const Product& product);

// A product for a child ("Kids Savings Account", "Higher rate for children"): named so in its
// name or features.
bool is_for_children(const Product& product);

// The only sign of dependants in the data: money spent on childcare.
bool spends_on_childcare(const std::vector<CategorySpend>* spending);

}  // namespace bank
