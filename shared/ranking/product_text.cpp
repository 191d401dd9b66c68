#include "shared/ranking/product_text.h"

namespace bank {

std::string product_text(const Product& product) {
    std::string text = product.name + ". " + to_string(product.category) + ". " + product.description;
    if (!product.features.empty()) {
        text += " Features: ";
        for (std::size_t i = 0; i < product.features.size(); ++i) {
            if (i > 0) text += "; ";
            text += product.features[i];
        }
        text += '.';
    }
    return text;
}

}  // namespace bank
