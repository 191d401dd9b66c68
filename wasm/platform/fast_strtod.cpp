// strtod for the page and the book workers, through fast_float (Debian's libfast-float-dev).
// Every decimal in an answer of the bank's API goes through strtod (nlohmann/json's reader calls
// it), and Emscripten's C library (musl) computes it in software long double: a 10,000-customer
// book holds some 300,000 decimals (spending rows), and reading them was a third of the time the
// page and the worker spent decoding it. fast_float gives the same correctly rounded double,
// several times faster.
//
// The linker routes every call of strtod here (-Wl,--wrap=strtod, wasm/CMakeLists.txt). What
// fast_float reads is a plain decimal ([-]digits[.digits][e[+-]digits]) whose value is a normal
// double; anything else (leading spaces or '+', hex, inf and nan, zero, results that underflow or
// overflow and set errno) goes to the C library's own strtod, so every result, end pointer and
// errno is the C library's. tests/wasm/fast_strtod_test.cpp compares the two on a million inputs.
#include <cerrno>
#include <cmath>
#include <system_error>

#include <fast_float/fast_float.h>

extern "C" double __real_strtod(const char* text, char** end);

extern "C" double __wrap_strtod(const char* text, char** end) {
    // Where the number can end: fast_float needs the end of its input, and strtod has none.
    const char* last = text;
    while ((*last >= '0' && *last <= '9') || *last == '.' || *last == 'e' || *last == 'E' || *last == '-' ||
           *last == '+') {
        ++last;
    }
    double value = 0;
    const fast_float::from_chars_result read = fast_float::from_chars(text, last, value);
    if (read.ec != std::errc() || !std::isnormal(value)) return __real_strtod(text, end);
    if (end) *end = const_cast<char*>(read.ptr);
    return value;
}
