// The words a product is found by: what the semantic encoders embed for it (the same text the
// offline job feeds SBERT when it precomputes product vectors).
#pragma once

#include <string>

#include "shared/data/model.h"

namespace bank {

// "Name. Category. Description. Features: a; b; c."
std::string product_text(const Product& product);

}  // namespace bank
