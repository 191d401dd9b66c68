// shared/ai/product_links: only https links on the catalog's own hosts are ever shown.
#include <catch2/catch.hpp>

#include "shared/ai/product_links.h"
#include "test_ai_fixtures.h"

using namespace bank::ai;

TEST_CASE("the allow-list is the catalog's hosts and their subdomains", "[ai][links]") {
    const LinkAllowList allow(test::catalog());
    CHECK(allow.hosts() == std::set<std::string>{"bank.example", "invest.bank.example"});
    for (const char* ok : {"https://bank.example/", "https://bank.example/cards?x=1#top", "https://apply.bank.example/a",
                           "https://BANK.example/x", "https://bank.example:443/x"}) {
        INFO(ok);
        CHECK(allow.allowed_host(ok));
    }
    for (const char* bad : {"http://bank.example/", "https://evilbank.example/", "https://bank.example.evil.example/",
                            "https://user:pw@bank.example/", "https://bank.example:8443/", "javascript:alert(1)",
                            "https://bank.example/a b", "https://bank.example/\"><script>", "//bank.example/",
                            "https://ba\xC3\xB1k.example/", "https:///path", "https://.bank.example/",
                            "https://bank..example/", "ftp://bank.example/"}) {
        INFO(bad);
        CHECK_FALSE(allow.allowed_host(bad));
    }
}

TEST_CASE("catalog links and filtered search links", "[ai][links]") {
    const auto products = test::catalog();
    const auto official = catalog_links(products[1]);
    REQUIRE(official.size() == 1);
    CHECK(official[0].link == "https://bank.example/cards/cashback");
    CHECK(official[0].display_link == "bank.example");
    CHECK(official[0].snippet == "Cashback Credit Card is a product of the bank.");

    const LinkAllowList allow(products);
    const auto kept = allowed_links({{"<b>Apply</b>", "https://bank.example/apply", "Apply\nnow", "x"},
                                     {"Evil", "https://evil.example/", "", ""},
                                     {"", "https://invest.bank.example/f", "", ""}},
                                    allow, 5);
    REQUIRE(kept.size() == 2);
    CHECK(kept[0].title == "b Apply /b");
    CHECK(kept[0].snippet == "Apply now");
    CHECK(kept[0].display_link == "bank.example");
    CHECK(kept[1].title == "invest.bank.example");
}
