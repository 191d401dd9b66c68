// JsonText: JSON written straight into a string, for the large documents the page writes many of:
// the accessible mirror's (wasm/flows/dom_mirror.cpp) and the book worker's batches (shared/api/book_ranking.h).
#pragma once

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace bank {

// JSON text written straight into a string. A ranked book of 10,000 customers is 26 MB of it,
// which nlohmann::json would first build as a tree of nodes and then dump: several times slower
// in wasm. Keys are written in the order nlohmann::json sorts them, so the text reads as before.
class JsonText {
public:
    JsonText& key(std::string_view name) {
        comma();
        string(name);
        out_ += ':';
        after_key_ = true;
        return *this;
    }
    JsonText& value(std::string_view text) {
        comma();
        string(text);
        return *this;
    }
    JsonText& value(const char* text) { return value(std::string_view(text)); }
    JsonText& value(const std::string& text) { return value(std::string_view(text)); }
    JsonText& value(bool yes) {
        comma();
        out_ += yes ? "true" : "false";
        return *this;
    }
    JsonText& value(std::int64_t number) {
        comma();
        out_ += std::to_string(number);
        return *this;
    }
    // Enough digits that JSON.parse gives back the same double; null as nlohmann writes NaN.
    JsonText& value(double number) {
        comma();
        if (!std::isfinite(number)) {
            out_ += "null";
            return *this;
        }
        char digits[32];
        std::snprintf(digits, sizeof digits, "%.17g", number);
        out_ += digits;
        return *this;
    }
    JsonText& value(const std::vector<std::string>& list) {
        begin('[');
        for (const std::string& s : list) value(s);
        return end(']');
    }
    JsonText& value(const std::map<std::string, std::string>& map) {
        begin('{');
        for (const auto& [k, v] : map) key(k).value(v);
        return end('}');
    }
    JsonText& begin(char bracket) {
        comma();
        out_ += bracket;
        first_ = true;
        return *this;
    }
    JsonText& end(char bracket) {
        out_ += bracket;
        first_ = false;
        return *this;
    }
    std::string& text() { return out_; }

private:
    void comma() {
        if (!first_ && !after_key_) out_ += ',';
        first_ = false;
        after_key_ = false;
    }
    // Runs of plain characters are copied whole; UTF-8 passes through as it is.
    void string(std::string_view text) {
        out_ += '"';
        std::size_t plain = 0;
        for (std::size_t k = 0; k < text.size(); ++k) {
            const unsigned char c = static_cast<unsigned char>(text[k]);
            if (c >= 0x20 && c != '"' && c != '\\') continue;
            out_.append(text, plain, k - plain);
            plain = k + 1;
            switch (c) {
                case '"': out_ += "\\\""; break;
                case '\\': out_ += "\\\\"; break;
                case '\n': out_ += "\\n"; break;
                case '\r': out_ += "\\r"; break;
                case '\t': out_ += "\\t"; break;
                default: {
                    char escaped[8];
                    std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
                    out_ += escaped;
                }
            }
        }
        out_.append(text, plain, std::string_view::npos);
        out_ += '"';
    }
    std::string out_;
    bool first_ = true;       // nothing written yet in the open object or array
    bool after_key_ = false;  // a key was just written: its value takes no comma
};

}  // namespace bank
