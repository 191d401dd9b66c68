// GET /api/book and /api/ranking-model compressed: gzip when the request accepts it (a book runs
// to megabytes, the learned model to half a megabyte), the same document either way, never brotli
// (cpp-httplib's own brotli takes seconds for either). No other API answer is brotli either.
#include <catch2/catch.hpp>

#include <zlib.h>

#include "proxy/gzip_answer.h"
#include "proxy_fixture.h"
#include "shared/api/book.h"

using namespace bank::proxy;
using namespace bank::proxy::test;

namespace {

std::string gunzip(const std::string& data) {
    z_stream z{};
    REQUIRE(inflateInit2(&z, 15 + 16) == Z_OK);
    std::string out;
    char buffer[16384];
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    int status = Z_OK;
    while (status == Z_OK) {
        z.next_out = reinterpret_cast<Bytef*>(buffer);
        z.avail_out = sizeof buffer;
        status = inflate(&z, Z_NO_FLUSH);
        out.append(buffer, sizeof buffer - z.avail_out);
    }
    inflateEnd(&z);
    REQUIRE(status == Z_STREAM_END);
    return out;
}

// The answer as sent for this Accept-Encoding, undecoded.
httplib::Result raw_get(TestProxy& proxy, const char* path, const std::string& cookie, const char* accept_encoding) {
    httplib::Client client = proxy.client();
    client.set_decompress(false);
    httplib::Headers headers = {{"Cookie", cookie}};
    if (accept_encoding) headers.emplace("Accept-Encoding", accept_encoding);
    return client.Get(path, headers);
}

httplib::Result raw_book(TestProxy& proxy, const std::string& cookie, const char* accept_encoding) {
    return raw_get(proxy, "/api/book", cookie, accept_encoding);
}

}  // namespace

TEST_CASE("book compression: which Accept-Encoding values accept gzip", "[proxy][book]") {
    CHECK(accepts_gzip("gzip"));
    CHECK(accepts_gzip("gzip, deflate, br, zstd"));
    CHECK(accepts_gzip("br;q=1.0, GZIP;q=0.5"));
    CHECK(accepts_gzip("x-gzip"));
    CHECK(accepts_gzip("*"));
    CHECK_FALSE(accepts_gzip(""));
    CHECK_FALSE(accepts_gzip("br"));
    CHECK_FALSE(accepts_gzip("identity"));
    CHECK_FALSE(accepts_gzip("gzip;q=0"));
    CHECK_FALSE(accepts_gzip("gzip;q=0.0, deflate"));
    CHECK_FALSE(accepts_gzip("gzipped"));
}

TEST_CASE("book compression: gzip when accepted, the same document as uncompressed", "[proxy][book]") {
    TestProxy proxy;
    const std::string banker = proxy.sign_in("banker01");
    auto plain = raw_book(proxy, banker, nullptr);
    REQUIRE(plain);
    REQUIRE(plain->status == 200);
    CHECK_FALSE(plain->has_header("Content-Encoding"));
    const auto book = bank::api::read_book(nlohmann::json::parse(plain->body), "/api/book");
    REQUIRE(book.ok());
    CHECK_FALSE(book.value().customers.empty());

    auto zipped = raw_book(proxy, banker, "gzip, deflate, br");
    REQUIRE(zipped);
    REQUIRE(zipped->status == 200);
    CHECK(zipped->get_header_value("Content-Encoding") == "gzip");
    CHECK(zipped->get_header_value("Vary") == "Accept-Encoding");
    CHECK(gunzip(zipped->body) == plain->body);

    // A client that offers only brotli, or refuses gzip, gets the document as it is.
    for (const char* encoding : {"br", "gzip;q=0"}) {
        INFO(encoding);
        auto other = raw_book(proxy, banker, encoding);
        REQUIRE(other);
        CHECK_FALSE(other->has_header("Content-Encoding"));
        CHECK(other->body == plain->body);
    }
}

TEST_CASE("book compression: the ranking model is sent gzipped too, compressed once", "[proxy][book]") {
    TestProxy proxy;
    const std::string banker = proxy.sign_in("banker01");
    auto plain = raw_get(proxy, "/api/ranking-model", banker, nullptr);
    REQUIRE(plain);
    REQUIRE(plain->status == 200);
    CHECK_FALSE(plain->has_header("Content-Encoding"));
    for (int i = 0; i < 2; ++i) {
        auto zipped = raw_get(proxy, "/api/ranking-model", banker, "gzip, deflate, br");
        REQUIRE(zipped);
        CHECK(zipped->get_header_value("Content-Encoding") == "gzip");
        CHECK(gunzip(zipped->body) == plain->body);
    }
    auto brotli_only = raw_get(proxy, "/api/ranking-model", banker, "br");
    REQUIRE(brotli_only);
    CHECK_FALSE(brotli_only->has_header("Content-Encoding"));
    CHECK(brotli_only->body == plain->body);
}

// cpp-httplib compresses an "application/json" answer itself, with brotli at its slowest setting
// whenever the browser offers "br" (every browser does): 35-40 ms for the 39 kB catalog, which every
// sign-in waits for, and 2-3 ms for an answer of 100 bytes.
TEST_CASE("API compression: no answer is brotli; the larger ones are gzipped when accepted", "[proxy][book]") {
    TestProxy proxy;
    const std::string banker = proxy.sign_in("banker01");
    const std::string customer = proxy.sign_in("customer101");
    const std::pair<const char*, const std::string*> answers[] = {
        {"/api/catalog", &banker}, {"/api/me", &banker},      {"/api/book/101", &banker},
        {"/api/feedback", &banker}, {"/api/profile", &customer}, {"/api/nothing-here", &banker}};
    for (const auto& [path, cookie] : answers) {
        INFO(path);
        auto plain = raw_get(proxy, path, *cookie, nullptr);
        auto browser = raw_get(proxy, path, *cookie, "gzip, deflate, br, zstd");
        auto brotli_only = raw_get(proxy, path, *cookie, "br");
        REQUIRE(plain);
        REQUIRE(browser);
        REQUIRE(brotli_only);
        CHECK_FALSE(plain->has_header("Content-Encoding"));
        CHECK(browser->status == plain->status);
        CHECK(browser->get_header_value("Content-Encoding") != "br");
        const bool gzipped = browser->get_header_value("Content-Encoding") == "gzip";
        CHECK((gzipped ? gunzip(browser->body) : browser->body) == plain->body);
        CHECK_FALSE(brotli_only->has_header("Content-Encoding"));
        CHECK(brotli_only->body == plain->body);
    }
    for (const auto& [path, cookie] : {std::pair<const char*, const std::string*>{"/api/catalog", &banker},
                                       {"/api/book/101", &banker}, {"/api/profile", &customer}}) {
        INFO(path);
        CHECK(raw_get(proxy, path, *cookie, "gzip")->get_header_value("Content-Encoding") == "gzip");
    }
}
