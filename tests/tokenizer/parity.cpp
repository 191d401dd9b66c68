// Compares the C++ tokenizers with the reference ids written by reference.mjs, string by string:
// untruncated ids, and the model inputs (input_ids, attention_mask, token_type_ids). Prints the
// first mismatches and exits non-zero when there is any.
//
//   tokenizer_parity <reference.jsonl> <models/tokenizers dir>
#include <cstdint>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "shared/data/load_error.h"
#include "shared/text/clip_tokenizer.h"
#include "shared/text/wordpiece_tokenizer.h"

namespace {

using nlohmann::json;
constexpr std::size_t kShownMismatches = 12;

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

template <class Ids>
std::string window(const Ids& ids, std::size_t at) {
    std::string out = "[";
    const std::size_t from = at > 3 ? at - 3 : 0;
    for (std::size_t i = from; i < ids.size() && i < at + 4; ++i) {
        out += (i == at ? "*" : "") + std::to_string(ids[i]) + (i + 1 < ids.size() && i + 1 < at + 4 ? " " : "");
    }
    return out + "] (length " + std::to_string(ids.size()) + ")";
}

struct Report {
    std::size_t compared = 0;
    std::size_t mismatches = 0;

    // Records a mismatch of one field; true when the two sequences are equal.
    template <class Got>
    bool check(const std::string& what, const std::string& text, const Got& got, const json& want) {
        ++compared;
        std::size_t i = 0;
        while (i < got.size() && i < want.size() && static_cast<std::int64_t>(got[i]) == want[i].get<std::int64_t>()) ++i;
        if (i == got.size() && i == want.size()) return true;
        if (++mismatches <= kShownMismatches) {
            std::vector<std::int64_t> expected = want.get<std::vector<std::int64_t>>();
            std::cout << "MISMATCH " << what << " for " << json(bank::display_value(text)).dump() << " at index " << i
                      << "\n  c++:       " << window(got, i) << "\n  reference: " << window(expected, i) << "\n";
        }
        return false;
    }
};

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: tokenizer_parity <reference.jsonl> <models/tokenizers dir>\n";
        return 2;
    }
    const std::string models = argv[2];
    auto bert = bank::WordPieceTokenizer::from_files(read_file(models + "/all-MiniLM-L6-v2/tokenizer.json"));
    auto clip = bank::ClipTokenizer::from_files(read_file(models + "/clip-vit-base-patch32/tokenizer.json"),
                                                read_file(models + "/clip-vit-base-patch32/tokenizer_config.json"));
    if (!bert || !clip) {
        std::cerr << (bert ? clip.error().message() : bert.error().message()) << "\n";
        return 1;
    }

    std::ifstream in(argv[1]);
    if (!in) {
        std::cerr << "cannot read " << argv[1] << " (run reference.mjs first)\n";
        return 1;
    }
    Report report;
    std::size_t strings = 0, restored_bert = 0, restored_clip = 0;
    std::size_t line_number = 0;
    for (std::string line; std::getline(in, line);) {
        ++line_number;
        if (line.empty()) continue;
        const json ref = json::parse(line, nullptr, false);
        if (ref.is_discarded()) {
            std::cerr << argv[1] << " line " << line_number << " is not JSON\n";
            return 1;
        }
        const std::string text = ref["text"].get<std::string>();
        ++strings;

        const json& b = ref["bert"];
        report.check("bert ids", text, bert.value().token_ids(text), b["ids"]);
        const bank::TokenizedBatch be = bert.value().encode(text, 128);
        report.check("bert input_ids", text, be.input_ids, b["input_ids"]);
        report.check("bert attention_mask", text, be.attention_mask, b["attention_mask"]);
        report.check("bert token_type_ids", text, be.token_type_ids, b["token_type_ids"]);
        restored_bert += b["end_token_restored"].get<bool>();

        const json& c = ref["clip"];
        report.check("clip ids", text, clip.value().token_ids(text), c["ids"]);
        const bank::TokenizedBatch ce = clip.value().encode(text);
        report.check("clip input_ids", text, ce.input_ids, c["input_ids"]);
        report.check("clip attention_mask", text, ce.attention_mask, c["attention_mask"]);
        restored_clip += c["end_token_restored"].get<bool>();
    }
    if (strings == 0) {
        std::cerr << "no reference strings in " << argv[1] << "\n";
        return 1;
    }
    const std::size_t matched = report.compared - report.mismatches;
    std::cout << "tokenizer parity: " << strings << " strings, " << matched << "/" << report.compared
              << " sequences identical (" << (100.0 * matched / report.compared) << "%)\n"
              << "  truncated inputs (reference end token restored): BERT " << restored_bert << ", CLIP "
              << restored_clip << "\n";
    return report.mismatches == 0 ? 0 : 1;
}
