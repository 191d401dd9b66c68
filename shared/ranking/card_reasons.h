// The reasons of a whole shortlist, read the way a customer reads the cards: one after another.
// Each card's reasons are right on their own, but side by side "Often taken together with your
// Everyday Current Account" on every card says nothing; this step keeps each reason on the card
// where it counts most and lets the next card speak for itself.
#pragma once

#include <string>
#include <vector>

#include "shared/ranking/recommender.h"

namespace bank {

// A card keeps at most `most` reasons: personal ones first (the first is the card's headline),
// none given on a card above it. A card left with nothing says what the ranking measures ("Often
// chosen by customers like you"), which is true of every product it ranks and claims nothing personal.
void vary_reasons_across_cards(std::vector<Recommendation>& shortlist, std::size_t most = 3);

// A product for a child says nothing personal unless the data shows a child, and the only sign is
// spending on childcare. With it, that is the headline; without it the card claims no fit at all
// (nothing says whether the customer has children) and says whom the product is for.
std::vector<Reason> honest_about_children(const Product& product, const std::vector<CategorySpend>* spending,
                                          std::vector<Reason> reasons);

// The card's headline: its first reason when that is personal, else null.
const Reason* headline(const Recommendation& rec);

// "In short" written on the device from the cards' headlines, in the reader's voice: "First on
// your list: Home Deposit Saver (often taken together with your Everyday Current Account), ...".
std::string shortlist_in_short(const std::vector<Recommendation>& shortlist, Voice voice);

}  // namespace bank
