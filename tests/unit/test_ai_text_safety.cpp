// shared/ai/text_safety: what customer text may go out, and what model text may come back.
#include <catch2/catch.hpp>

#include "shared/ai/text_safety.h"

using bank::ai::clean_customer_text;
using bank::ai::clean_plain_text;
using bank::ai::plain_text_problem;

TEST_CASE("customer text is cleaned before it is quoted to a model", "[ai][text]") {
    const std::vector<std::string> redact = {"Liam", "Byrne", "Dublin"};
    CHECK(clean_customer_text("Tech Gadgets", redact, 60) == "Tech Gadgets");
    CHECK(clean_customer_text("  hiking\t\tand\nclimbing  ", redact, 60) == "hiking and climbing");
    CHECK(clean_customer_text("Liam likes Dublin, pubs", redact, 60) == "[removed] likes [removed] pubs");
    CHECK(clean_customer_text("mail liam@x.example now", redact, 60) == "mail [removed] now");
    CHECK(clean_customer_text("see https://evil.example or www.evil.example", redact, 60) ==
          "see [removed] or [removed]");
    CHECK(clean_customer_text("call 087 1234567 or IE29AIBK93115212345678", redact, 80) ==
          "call [removed] [removed] or [removed]");
    CHECK(clean_customer_text("top 10 books", redact, 60) == "top 10 books");  // short numbers stay
    CHECK(clean_customer_text("<script>x</script>", redact, 60) == "script x /script");
    CHECK(clean_customer_text("a\u202eb\u200bc\xEF\xBB\xBF" "d", redact, 60) == "abcd");
    CHECK(clean_customer_text(std::string("bad \xC3\x28 bytes"), redact, 60) == "bad ( bytes");
    CHECK(clean_customer_text(std::string("nul\0byte", 8), redact, 60) == "nulbyte");
    CHECK(clean_customer_text("caf\u00e9 \u00e9t\u00e9 na\u00efve", redact, 8) == "caf\u00e9 \u00e9t\u00e9");
    CHECK(clean_customer_text("", redact, 60).empty());
}

TEST_CASE("third-party titles keep their numbers", "[ai][text]") {
    CHECK(clean_plain_text("Save 2,000 EUR\n<b>now</b>", 60) == "Save 2,000 EUR b now /b");
}

TEST_CASE("model text must be plain", "[ai][text]") {
    CHECK_FALSE(plain_text_problem("It suits the way you spend on travel.", 100));
    CHECK_FALSE(plain_text_problem("Fees: 30 EUR a year; rate 19.9% (APR).", 100));
    for (const char* bad : {"", "<b>bold</b>", "a <script>", "see https://x.example", "see www.x.example",
                            "[link](x)", "**strong**", "```code```", "# heading", "- item", "line\nbreak",
                            "tab\there", "javascript:alert(1)", "&lt;b&gt;", "\xC3\x28"}) {
        INFO(bad);
        CHECK(plain_text_problem(bad, 100));
    }
    CHECK(plain_text_problem(std::string(101, 'a'), 100));
    CHECK_FALSE(plain_text_problem(std::string(100, 'a'), 100));
    CHECK_FALSE(plain_text_problem("1 < 2 and 3 > 2", 100));
}
