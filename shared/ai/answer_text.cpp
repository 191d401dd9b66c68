#include "shared/ai/answer_text.h"

#include <algorithm>
#include <cctype>
#include <cstring>

#include "shared/ai/answer_phrases.h"
#include "shared/ai/product_facts.h"

namespace bank::ai {

namespace {

struct WordToken {
    std::string word;  // as written, right single quotes as apostrophes, possessive dropped
    bool capitalised;
    bool after_space_only;  // only spaces between it and the word before
};

bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '\''; }

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

bool capitalised(const std::string& w) {
    const unsigned char first = static_cast<unsigned char>(w[0]);
    if (std::isupper(first)) return true;
    if (!std::isdigit(first)) return false;
    const auto dash = w.find('-');  // "25-Year"
    return dash != std::string::npos && dash + 1 < w.size() && std::isupper(static_cast<unsigned char>(w[dash + 1]));
}

std::string without_possessive(std::string w) {
    while (!w.empty() && (w.back() == '-' || w.back() == '\'')) w.pop_back();
    if (w.size() > 2 && (w.compare(w.size() - 2, 2, "'s") == 0 || w.compare(w.size() - 2, 2, "'S") == 0))
        w.resize(w.size() - 2);
    return w;
}

std::vector<WordToken> word_tokens(std::string_view s) {
    std::vector<WordToken> tokens;
    std::string current;
    bool only_space = true;
    // Ends the current word; a lone "-" or "'" is no word, and separates like punctuation.
    const auto flush = [&] {
        current = without_possessive(current);
        while (!current.empty() && (current[0] == '-' || current[0] == '\'')) current.erase(0, 1);
        const bool word = !current.empty();
        if (word) tokens.push_back({current, capitalised(current), only_space});
        current.clear();
        only_space = word;
    };
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s.compare(i, 3, "\xE2\x80\x99") == 0) {  // right single quote, as in "Bank’s"
            current += '\'';
            i += 2;
            continue;
        }
        if (is_word_char(s[i])) {
            current += s[i];
            continue;
        }
        if (!current.empty()) flush();
        if (s[i] != ' ') only_space = false;
    }
    if (!current.empty()) flush();
    return tokens;
}

bool is_common_word(const std::string& lower_word) {
    return std::any_of(std::begin(kCommonWords), std::end(kCommonWords),
                       [&](const char* w) { return lower_word == w; });
}

std::string strip_address_punctuation(std::string w) {
    const std::string edges = "()[]{}\"',;:!?<>*";
    while (!w.empty() && edges.find(w.front()) != std::string::npos) w.erase(0, 1);
    while (!w.empty() && (edges.find(w.back()) != std::string::npos || w.back() == '.')) w.pop_back();
    return w;
}

// "phishing.example", "bank.example/login": labels of [a-z0-9-], the last one a word of letters.
bool looks_like_domain(const std::string& token) {
    const std::string host = token.substr(0, token.find('/'));
    std::vector<std::string> labels;
    std::size_t pos = 0;
    while (true) {
        const std::size_t dot = host.find('.', pos);
        labels.push_back(host.substr(pos, dot == std::string::npos ? std::string::npos : dot - pos));
        if (dot == std::string::npos) break;
        pos = dot + 1;
    }
    if (labels.size() < 2) return false;
    bool longer_than_one = false;
    for (const std::string& label : labels) {
        if (label.empty()) return false;
        for (char c : label) {
            const auto u = static_cast<unsigned char>(c);
            if (!(std::islower(u) || std::isdigit(u) || c == '-')) return false;
        }
        longer_than_one = longer_than_one || label.size() > 1;
    }
    const std::string& top = labels.back();
    const bool letters =
        std::all_of(top.begin(), top.end(), [](char c) { return std::islower(static_cast<unsigned char>(c)) != 0; });
    return longer_than_one && letters && top.size() >= 2 && top.size() <= 24;  // not "e.g" or "u.s"
}

}  // namespace

std::vector<std::string_view> sentences_in(std::string_view text) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if ((c == '.' || c == '!' || c == '?') && (i + 1 == text.size() || text[i + 1] == ' ')) {
            out.push_back(text.substr(start, i + 1 - start));
            start = i + 1;
        }
    }
    if (start < text.size()) out.push_back(text.substr(start));
    return out;
}

std::vector<std::vector<std::string>> capitalised_runs(std::string_view sentence) {
    std::vector<std::vector<std::string>> runs;
    std::vector<std::string> run;
    const auto close = [&] {
        std::size_t first = 0;
        while (first < run.size() && is_common_word(run[first])) ++first;
        if (first < run.size()) runs.emplace_back(run.begin() + static_cast<std::ptrdiff_t>(first), run.end());
        run.clear();
    };
    for (const WordToken& t : word_tokens(sentence)) {
        if (!t.capitalised || !t.after_space_only) close();
        if (t.capitalised) run.push_back(lower(t.word));
    }
    close();
    return runs;
}

std::vector<std::string> proper_names(std::string_view sentence) {
    const auto tokens = word_tokens(sentence);
    std::vector<std::string> names;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const WordToken& t = tokens[i];
        if (!t.capitalised || std::isdigit(static_cast<unsigned char>(t.word[0]))) continue;
        const bool name_follows = i + 1 < tokens.size() && tokens[i + 1].capitalised && tokens[i + 1].after_space_only;
        if (i == 0 && !name_follows) continue;
        names.push_back(t.word);
    }
    return names;
}

bool is_product_noun(const std::string& lower_word) {
    return std::any_of(std::begin(kProductNouns), std::end(kProductNouns),
                       [&](const char* noun) { return lower_word == noun; });
}

bool is_subsequence(const std::vector<std::string>& part, const std::vector<std::string>& whole) {
    std::size_t k = 0;
    for (const std::string& w : whole) {
        if (k < part.size() && part[k] == w) ++k;
    }
    return k == part.size();
}

std::optional<std::string> web_address(std::string_view text) {
    const std::string words = word_text(text);
    for (const char* spelled : {" dot com ", " dot net ", " dot org ", " dot eu "}) {
        if (words.find(spelled) != std::string::npos) return std::string(spelled).substr(1, std::strlen(spelled) - 2);
    }
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t end = std::min(text.find(' ', pos), text.size());
        const std::string raw(text.substr(pos, end - pos));
        pos = end + 1;
        const std::string token = lower(strip_address_punctuation(raw));
        if (token.empty()) continue;
        const auto at = token.find('@');
        const bool email = at != std::string::npos && at > 0 && token.find('.', at) != std::string::npos;
        const bool obfuscated = token.find("[.]") != std::string::npos || token.find("(.)") != std::string::npos ||
                                token.find("(dot)") != std::string::npos || token.find("[dot]") != std::string::npos;
        if (email || obfuscated || token.find("://") != std::string::npos || token.rfind("www.", 0) == 0 ||
            looks_like_domain(token))
            return raw;
    }
    return std::nullopt;
}

std::optional<std::string> prompt_echo(std::string_view text, const std::unordered_set<std::string>& shingles,
                                       std::initializer_list<std::size_t> lengths) {
    const std::string raw = lower(std::string(text));
    for (const char* field : kPromptFieldNames) {
        if (raw.find(field) != std::string::npos) return std::string(field);
    }
    const std::string words = word_text(text);
    for (const char* talk : kPromptTalk) {
        if (holds_phrase(words, talk)) return std::string(talk);
    }
    std::vector<std::string> list;
    for (std::size_t p = 1; p < words.size();) {
        const std::size_t e = words.find(' ', p);
        list.push_back(words.substr(p, e - p));
        p = e + 1;
    }
    for (std::size_t length : lengths) {
        for (std::size_t i = 0; i + length <= list.size(); ++i) {
            std::string s;
            for (std::size_t k = 0; k < length; ++k) s += (k ? " " : "") + list[i + k];
            if (shingles.count(s)) return s;
        }
    }
    return std::nullopt;
}

}  // namespace bank::ai
