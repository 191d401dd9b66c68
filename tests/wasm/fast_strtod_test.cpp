// wasm/platform/fast_strtod.cpp gives exactly what the C library's strtod gives: the same double
// (bit for bit), the same end and the same errno, for the decimals the bank's API writes and for
// everything else strtod accepts or refuses. Built by the wasm build, run by node (ctest:
// wasm_fast_strtod). Exits 1 and names the first input that differs.
#include <cerrno>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>

extern "C" double __real_strtod(const char* text, char** end);

namespace {

int g_checked = 0;

bool same(const std::string& text) {
    char* fast_end = nullptr;
    char* libc_end = nullptr;
    errno = 0;
    const double fast = std::strtod(text.c_str(), &fast_end);  // routed to __wrap_strtod
    const int fast_errno = errno;
    errno = 0;
    const double libc = __real_strtod(text.c_str(), &libc_end);
    const int libc_errno = errno;
    ++g_checked;
    if (std::memcmp(&fast, &libc, sizeof fast) == 0 && fast_end == libc_end && fast_errno == libc_errno) return true;
    std::printf("FAIL \"%s\": %.17g (end %td, errno %d) but the C library gives %.17g (end %td, errno %d)\n",
                text.c_str(), fast, fast_end - text.c_str(), fast_errno, libc, libc_end - text.c_str(), libc_errno);
    return false;
}

}  // namespace

int main() {
    const char* edges[] = {"41000.0", "0.4731", "-12.5e3", "30339.96", "1e400", "-1e400", "1e-400", "1e-320",
                           "2.2250738585072011e-308", "2.2250738585072014e-308", "1.7976931348623157e308",
                           "1.7976931348623159e308", "4.9e-324", "0x1p3", "0X1.8P1", " 7", "\t-7", "+3.5", "0", "-0",
                           "0.0", "-0.0e10", "inf", "-Infinity", "nan", "NAN(123)", "12.5abc", "1.", ".5", "-.5e-1",
                           "1e", "1e+", "1e-", "--1", "-", ".", "", "e5", "1.2.3", "1e5.3", "00012.500",
                           "9007199254740993", "0.1000000000000000055511151231257827", "123456789012345678901234567890",
                           "1_000", "1,5", "7e22", "7e23", "8.988465674311579e307"};
    bool ok = true;
    for (const char* text : edges) ok &= same(text);
    // Decimals as the proxy writes them (amounts, shares, ratios) and as anything might: random
    // digits, points, exponents and signs, and doubles written back at full precision.
    std::mt19937_64 random(20261206);
    char buffer[64];
    for (int i = 0; i < 300000 && ok; ++i) {
        std::snprintf(buffer, sizeof buffer, "%" PRIu64 ".%02" PRIu64, random() % 100000000, random() % 100);
        ok &= same(buffer);
        std::snprintf(buffer, sizeof buffer, "0.%04" PRIu64, random() % 10000);
        ok &= same(buffer);
        std::uint64_t bits = random();
        double any = 0;
        std::memcpy(&any, &bits, sizeof any);
        std::snprintf(buffer, sizeof buffer, "%.17g", any);
        ok &= same(buffer);
        const char pieces[] = "0123456789.eE+- x";
        std::string junk;
        for (std::uint64_t n = random() % 12; n > 0; --n) junk += pieces[random() % (sizeof pieces - 1)];
        ok &= same(junk);
    }
    std::printf("%s: %d inputs, the fast strtod and the C library's agree%s\n", ok ? "PASS" : "FAIL", g_checked,
                ok ? "" : " NOT");
    return ok ? 0 : 1;
}
