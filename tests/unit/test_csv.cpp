// The CSV reader on its own: RFC 4180 details, line numbering, and every way it refuses input.
// Whole-file loader cases with exact messages live as fixtures under tests/data/loaders/cases/.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "shared/data/csv.h"
#include "shared/data/csv_writer.h"
#include "shared/text/utf8.h"

using bank::CsvReader;
using bank::CsvRecord;

namespace {

struct ReadResult {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    std::vector<std::size_t> lines;
    std::string error;  // message of the error that stopped reading, if any
};

// Reads all of `text`, copying fields out (views die at the next read).
ReadResult read_all(std::string_view text, const std::vector<std::string_view>& required = {}) {
    ReadResult result;
    auto opened = CsvReader::open(text, "test.csv", required);
    if (!opened) {
        result.error = opened.error().message();
        return result;
    }
    CsvReader& reader = opened.value();
    result.header = reader.header();
    CsvRecord record;
    while (reader.next(record)) {
        result.rows.emplace_back(record.fields.begin(), record.fields.end());
        result.lines.push_back(record.line);
    }
    if (reader.error()) result.error = reader.error()->message();
    return result;
}

using Rows = std::vector<std::vector<std::string>>;

}  // namespace

TEST_CASE("csv: plain rows with LF and CRLF line ends read the same", "[csv]") {
    const Rows expected = {{"1", "x"}, {"2", "y"}};
    for (std::string_view text :
         {"id,name\n1,x\n2,y\n", "id,name\r\n1,x\r\n2,y\r\n", "id,name\n1,x\r\n2,y"}) {
        const ReadResult r = read_all(text);
        INFO(text);
        CHECK(r.error.empty());
        CHECK(r.header == std::vector<std::string>{"id", "name"});
        CHECK(r.rows == expected);
        CHECK(r.lines == std::vector<std::size_t>{2, 3});
    }
}

TEST_CASE("csv: a UTF-8 byte-order mark is skipped, so the first column is found by name", "[csv]") {
    auto opened = CsvReader::open("\xEF\xBB\xBFid,name\n1,x\n", "test.csv", {"id"});
    REQUIRE(opened.ok());
    CHECK(opened.value().header().front() == "id");
    CHECK(opened.value().required_columns() == std::vector<std::size_t>{0});
}

TEST_CASE("csv: quoted fields hold commas, doubled quotes and nothing at all", "[csv]") {
    const ReadResult r = read_all("a,b,c\n\"x, y\",\"5\"\" screen\",\"\"\n\"\"\"\",plain,\"a\"\"b\"\"c\"\n");
    REQUIRE(r.error.empty());
    CHECK(r.rows == Rows{{"x, y", "5\" screen", ""}, {"\"", "plain", "a\"b\"c"}});
}

TEST_CASE("csv: a line break inside quotes stays in the field and counts as a physical line", "[csv]") {
    auto opened = CsvReader::open("a,b\n\"one\ntwo\",x\n\"3\r\n4\",y\nlast,z\n", "test.csv", {});
    REQUIRE(opened.ok());
    CsvReader& reader = opened.value();
    CsvRecord record;
    REQUIRE(reader.next(record));
    CHECK(record.fields[0] == "one\ntwo");
    CHECK(record.line == 2);
    CHECK(record.field_lines == std::vector<std::size_t>{2, 3});
    REQUIRE(reader.next(record));
    CHECK(record.fields[0] == "3\r\n4");  // kept byte for byte, as RFC 4180 says
    CHECK(record.line == 4);
    REQUIRE(reader.next(record));
    CHECK(record.line == 6);
    CHECK(record.fields[1] == "z");
    CHECK_FALSE(reader.next(record));
    CHECK_FALSE(reader.error());
}

TEST_CASE("csv: empty fields, a trailing comma and a missing final newline", "[csv]") {
    const ReadResult r = read_all("a,b,c\n,,\n1,2,\n,,3");
    REQUIRE(r.error.empty());
    CHECK(r.rows == Rows{{"", "", ""}, {"1", "2", ""}, {"", "", "3"}});
}

TEST_CASE("csv: blank lines are allowed only at the end", "[csv]") {
    CHECK(read_all("a\n1\n\n\r\n\n").rows == Rows{{"1"}});
    CHECK(
        read_all("a,b\n1,2\n\n3,4\n").error ==
        "test.csv line 3: the line is blank (expected a row on every line; remove blank lines between rows)");
}

TEST_CASE("csv: an empty file and a header-only file are told apart", "[csv]") {
    for (std::string_view empty : {"", "\xEF\xBB\xBF", "\n\r\n"}) {
        CHECK(read_all(empty, {"id", "name"}).error ==
              "test.csv: the file is empty (expected a header row: id, name)");
    }
    const ReadResult header_only = read_all("id,name\n", {"id", "name"});
    CHECK(header_only.error.empty());
    CHECK(header_only.rows.empty());
}

TEST_CASE("csv: columns are found by name, in any order, extra columns ignored", "[csv]") {
    auto opened = CsvReader::open("extra,name,id\n", "test.csv", {"id", "name"});
    REQUIRE(opened.ok());
    const CsvReader& reader = opened.value();
    CHECK(reader.required_columns() == std::vector<std::size_t>{2, 1});
    CHECK(reader.column("extra") == 0u);
    CHECK_FALSE(reader.column("Extra"));
}

TEST_CASE("csv: a missing column is named, with the columns that were found", "[csv]") {
    CHECK(read_all("id,Full Name\n", {"id", "Name"}).error ==
          "test.csv line 1, column Name: no such column in the header (found: 'id', 'Full Name')");
    CHECK(read_all("id, name\n", {"id", "name"}).error ==
          "test.csv line 1, column name: no such column in the header (found: 'id', ' name'); "
          "' name' differs only in case or spaces");
}

TEST_CASE("csv: a column named twice in the header is refused", "[csv]") {
    CHECK(read_all("id,name,id\n").error ==
          "test.csv line 1, column id: appears twice in the header (fields 1 and 3) (expected each column "
          "name once)");
}

TEST_CASE("csv: rows with too few or too many fields", "[csv]") {
    const std::string hint =
        " (expected one field per header column; put a value that contains a comma in double quotes)";
    CHECK(read_all("a,b,c\n1,2,3\n1,2\n").error ==
          "test.csv line 3: the row has 2 fields, the header has 3" + hint);
    CHECK(read_all("a,b\n\"x\ny\",1,2\n").error ==
          "test.csv line 2: the row has 3 fields, the header has 2" + hint);
}

TEST_CASE("csv: quote errors name the line where the field starts", "[csv]") {
    CHECK(read_all("a,b\n1,\"open\nstill open\n").error ==
          "test.csv line 2, column b: '\"open\\nstill open\\n' opens a quote that is never closed "
          "(expected a closing double quote before the end of the file)");
    CHECK(read_all("a,b\n1,ab\"c\n")
              .error.rfind("test.csv line 2, column b: 'ab\"c' has a double quote inside a field that does "
                           "not start with one",
                           0) == 0);
    CHECK(read_all("a,b\n\"x\ny\"z,1\n")
              .error.rfind("test.csv line 3, column a: '\"x\\ny\"z' has text after its closing quote", 0) ==
          0);
    CHECK(read_all("a,b\n1,x\ry\n")
              .error.rfind(
                  "test.csv line 2, column b: 'x\\ry' has a carriage return that does not end a line", 0) ==
          0);
}

TEST_CASE("csv: bytes that are not UTF-8 are refused with line, column, character and byte offset", "[csv]") {
    // Each "é" before the bad byte is one character but two bytes: character 6, byte 15.
    CHECK(read_all("id,name\n1,\xC3\xA9t\xC3\xA9\xFF\n").error ==
          "test.csv line 2, column name: '\xC3\xA9t\xC3\xA9\\xFF' has a byte that is not UTF-8 "
          "(0xFF at character 6 of the line, byte offset 15 of the file) (expected UTF-8 text; save the file "
          "as UTF-8)");
    CHECK(read_all("id,n\xE9me\n").error ==
          "test.csv line 1: 'n\\xE9' has a byte that is not UTF-8 (0xE9 at character 5 of the line, byte "
          "offset 4 "
          "of the file) (expected UTF-8 text; save the file as UTF-8)");
    CHECK(read_all("a\n\"x\n\x80\"\n")
              .error.rfind("test.csv line 3, column a: 'x\\n\\x80' has a byte that is not UTF-8 (0x80 at "
                           "character 1 of the line",
                           0) == 0);
}

TEST_CASE("csv: UTF-8 validation follows the Unicode table", "[csv][utf8]") {
    using bank::utf8_sequence_length;
    CHECK(utf8_sequence_length("A", 0) == 1);
    CHECK(utf8_sequence_length("\xC3\xA9", 0) == 2);          // é
    CHECK(utf8_sequence_length("\xE2\x82\xAC", 0) == 3);      // €
    CHECK(utf8_sequence_length("\xF0\x9F\x8F\xA6", 0) == 4);  // 🏦
    CHECK(utf8_sequence_length("\xC0\xAF", 0) == 0);          // overlong '/'
    CHECK(utf8_sequence_length("\xE0\x80\xAF", 0) == 0);      // overlong, three bytes
    CHECK(utf8_sequence_length("\xED\xA0\x80", 0) == 0);      // surrogate half
    CHECK(utf8_sequence_length("\xF4\x90\x80\x80", 0) == 0);  // above U+10FFFF
    CHECK(utf8_sequence_length("\xE2\x82", 0) == 0);          // cut short
    CHECK(utf8_sequence_length("\x80", 0) == 0);              // continuation without a lead
    CHECK(utf8_sequence_length("\xF5\x80\x80\x80", 0) == 0);  // lead byte never used
    CHECK(read_all("a\n\xF0\x9F\x8F\xA6 bank\n").rows == Rows{{"\xF0\x9F\x8F\xA6 bank"}});
}

TEST_CASE("csv: a UTF-16 file is recognised and named as such", "[csv]") {
    CHECK(read_all(std::string_view("\xFF\xFEi\0d\0", 6)).error ==
          "test.csv line 1: starts with a UTF-16 byte-order mark (expected UTF-8 text; save the file as "
          "UTF-8)");
}

TEST_CASE("csv: after an error the reader stays stopped", "[csv]") {
    auto opened = CsvReader::open("a\n\"x\n", "test.csv", {});
    REQUIRE(opened.ok());
    CsvRecord record;
    CHECK_FALSE(opened.value().next(record));
    CHECK(opened.value().error());
    CHECK_FALSE(opened.value().next(record));
}

TEST_CASE("the CSV writer quotes, guards formulas in text cells and ends rows with CRLF", "[csv][writer]") {
    using bank::csv_row;
    using bank::csv_text;
    CHECK(csv_text("Ana") == "Ana");
    CHECK(csv_text("Smith, Ana") == "\"Smith, Ana\"");
    CHECK(csv_text("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(csv_text("=HYPERLINK(\"https://evil.example\")") == "\"'=HYPERLINK(\"\"https://evil.example\"\")\"");
    for (const char* evil : {"+1+1", "-2+3", "@SUM(A1)", "\tTab", "\rCR"}) CHECK(csv_text(evil).find('\'') != std::string::npos);
    // Numbers are written by the caller as they are: a negative number stays a number.
    CHECK(csv_row({"-1.5", csv_text("-1.5")}) == "-1.5,'-1.5\r\n");
    // What the writer makes, the project's own reader reads back.
    const std::string text = csv_row({"name", "note"}) + csv_row({csv_text("Smith, Ana"), csv_text("line\nbreak")});
    auto reader = bank::CsvReader::open(text, "export.csv", {"name", "note"});
    REQUIRE(reader.ok());
    bank::CsvRecord record;
    REQUIRE(reader.value().next(record));
    CHECK(record.fields[0] == "Smith, Ana");
    CHECK(record.fields[1] == "line\nbreak");
}
