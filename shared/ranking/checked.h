// The ranking core's errors. Ranking inputs come from many places (a browser model, a weights file,
// a public dataset); when one is unusable the caller gets a message a person can act on ("product
// CARD-GOLD: text vector has 383 values, expected 384") instead of a crash or a silently wrong
// ranking. Unlike a LoadError, most of these have no file position to give.
#pragma once

#include <string>

#include "shared/result.h"

namespace bank {

struct RankingError {
    std::string message;
};

template <class T> using Checked = Result<T, RankingError>;

}  // namespace bank
