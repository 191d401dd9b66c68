// The ranking core's result type. Ranking inputs come from many places (a browser model, a
// weights file, a public dataset); when one is unusable the caller gets a message a person can act
// on ("product CARD-GOLD: text vector has 383 values, expected 384") instead of a crash or a
// silently wrong ranking. Same shape as Loaded<T>, whose errors carry a file position that most
// ranking errors do not have.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace bank {

struct RankingError {
    std::string message;
};

template <class T>
class Checked {
public:
    Checked(T value) : state_(std::move(value)) {}
    Checked(RankingError error) : state_(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(state_); }
    explicit operator bool() const { return ok(); }
    const T& value() const& { return std::get<T>(state_); }
    T& value() & { return std::get<T>(state_); }
    T&& value() && { return std::get<T>(std::move(state_)); }
    const RankingError& error() const { return std::get<RankingError>(state_); }

private:
    std::variant<T, RankingError> state_;
};

}  // namespace bank
