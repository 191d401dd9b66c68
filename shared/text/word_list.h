// Items in an English sentence: "rent", "rent and travel", "rent, travel and dining".
#pragma once

#include <string>
#include <vector>

namespace bank {

std::string word_list(const std::vector<std::string>& items);

}  // namespace bank
