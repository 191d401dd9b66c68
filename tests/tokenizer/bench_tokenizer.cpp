// Tokenizer throughput, the same source built natively and with emcc (see bench.sh):
//
//   bench_tokenizer <models/tokenizers dir> <product_texts.txt> <corpus.jsonl>...
//
// Two workloads per tokenizer: "product text" (product_texts.txt: short English banking
// sentences, what the app tokenizes most, repeated 200 times) and "parity corpus" (every string of the given corpus files: all of Unicode,
// emoji, 10 kB inputs). Each runs token_ids() over all its strings repeatedly for at least a
// second, after one warm-up pass (so CLIP's BPE word cache is warm, as in a long session).
// Prints one line per measurement: RESULT <tokenizer> <workload> <strings> <bytes> <tokens> <seconds> <load ms>.
#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "shared/text/clip_tokenizer.h"
#include "shared/text/wordpiece_tokenizer.h"

namespace {

using Clock = std::chrono::steady_clock;
constexpr double kMinSeconds = 1.0;
constexpr int kProductRepeats = 200;  // also in bench_reference.mjs

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

double seconds_since(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// The product sentences, repeated so that a pass takes long enough to time.
std::vector<std::string> product_texts(const std::string& path) {
    std::vector<std::string> sentences;
    std::istringstream lines(read_file(path));
    for (std::string line; std::getline(lines, line);) {
        if (!line.empty()) sentences.push_back(line);
    }
    std::vector<std::string> texts;
    for (int i = 0; i < kProductRepeats; ++i) texts.insert(texts.end(), sentences.begin(), sentences.end());
    return texts;
}

template <class Tokenizer>
void measure(const char* name, const Tokenizer& tokenizer, double load_ms, const char* workload,
             const std::vector<std::string>& texts) {
    std::size_t bytes = 0, tokens = 0;
    for (const std::string& t : texts) bytes += t.size();
    for (const std::string& t : texts) tokenizer.token_ids(t);  // warm-up
    std::size_t passes = 0;
    const Clock::time_point start = Clock::now();
    do {
        for (const std::string& t : texts) tokens += tokenizer.token_ids(t).size();
        ++passes;
    } while (seconds_since(start) < kMinSeconds);
    const double seconds = seconds_since(start);
    std::cout << "RESULT " << name << " \"" << workload << "\" " << texts.size() * passes << " " << bytes * passes
              << " " << tokens << " " << seconds << " " << load_ms << "\n";
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        std::cerr << "usage: bench_tokenizer <models/tokenizers dir> <product_texts.txt> <corpus.jsonl>...\n";
        return 2;
    }
    const std::string models = argv[1];
    std::vector<std::string> corpus;
    for (int i = 3; i < argc; ++i) {
        std::istringstream lines(read_file(argv[i]));
        for (std::string line; std::getline(lines, line);) {
            if (!line.empty()) corpus.push_back(nlohmann::json::parse(line)["text"].get<std::string>());
        }
    }
    const std::vector<std::string> products = product_texts(argv[2]);

    Clock::time_point start = Clock::now();
    auto bert = bank::WordPieceTokenizer::from_files(read_file(models + "/all-MiniLM-L6-v2/tokenizer.json"));
    const double bert_load_ms = 1000 * seconds_since(start);
    start = Clock::now();
    auto clip = bank::ClipTokenizer::from_files(read_file(models + "/clip-vit-base-patch32/tokenizer.json"),
                                                read_file(models + "/clip-vit-base-patch32/tokenizer_config.json"));
    const double clip_load_ms = 1000 * seconds_since(start);
    if (!bert || !clip) {
        std::cerr << (bert ? clip.error().message() : bert.error().message()) << "\n";
        return 1;
    }
    measure("WordPiece", bert.value(), bert_load_ms, "product text", products);
    measure("WordPiece", bert.value(), bert_load_ms, "parity corpus", corpus);
    measure("CLIP", clip.value(), clip_load_ms, "product text", products);
    measure("CLIP", clip.value(), clip_load_ms, "parity corpus", corpus);
    return 0;
}
