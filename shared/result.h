// The core's one result type: a value, or the error that stopped it. Errors are values because
// every input comes from outside (a file, a browser model, an upstream answer) and a person must be
// told what to fix instead of seeing a crash. Small on purpose: C++17 has no std::expected, and the
// core needs nothing more. The error type says what kind of failure it is: LoadError (a file
// position, shared/data/load_error.h) or RankingError (shared/ranking/checked.h).
#pragma once

#include <utility>
#include <variant>

namespace bank {

template <class T, class Error> class Result {
public:
    Result(T value) : state_(std::move(value)) {}
    Result(Error error) : state_(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(state_); }
    explicit operator bool() const { return ok(); }
    const T& value() const& { return std::get<T>(state_); }
    T& value() & { return std::get<T>(state_); }
    T&& value() && { return std::get<T>(std::move(state_)); }
    const Error& error() const { return std::get<Error>(state_); }

private:
    std::variant<T, Error> state_;
};

}  // namespace bank
