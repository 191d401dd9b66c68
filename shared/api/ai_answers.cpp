#include "shared/api/ai_answers.h"

#include <array>

#include "shared/data/json_fields.h"

namespace bank::api {
namespace {

enum OriginField { kProvider, kCached, kFallback, kOriginFieldCount };
constexpr std::array<std::string_view, kOriginFieldCount> kOriginFields = {"provider", "cached", "fallback"};

enum FallbackField { kCode, kMessage, kFallbackFieldCount };
constexpr std::array<std::string_view, kFallbackFieldCount> kFallbackFields = {"code", "message"};

enum ExplanationField { kProductId, kText, kExplanationFieldCount };
constexpr std::array<std::string_view, kExplanationFieldCount> kExplanationFields = {"product_id", "text"};

enum LinkField { kTitle, kLink, kSnippet, kDisplayLink, kLinkFieldCount };
constexpr std::array<std::string_view, kLinkFieldCount> kLinkFields = {"title", "link", "snippet", "display_link"};

enum ListField { kList, kListProductId, kListFieldCount };
constexpr std::array<std::string_view, kListFieldCount> kExplanationsFields = {"explanations", ""};
constexpr std::array<std::string_view, kListFieldCount> kLinksFields = {"links", "product_id"};
constexpr std::array<std::string_view, 1> kSummaryFields = {"summary"};

Loaded<AnswerOrigin> read_origin(const nlohmann::json& j, std::string_view source) {
    JsonFields fields(j, source, kOriginFields.data());
    AnswerOrigin origin;
    origin.provider = fields.required_text(kProvider, "the name of who answered, such as gemini or offline");
    origin.cached = fields.boolean(kCached, "whether the answer came from the proxy's cache");
    const nlohmann::json* fallback = fields.optional_object(kFallback);
    if (fields.failed()) return fields.error();
    if (!fallback) return origin;
    JsonFields why(*fallback, source, kFallbackFields.data());
    AnswerFallback f;
    f.code = why.required_text(kCode, "a stable reason code such as rate_limited");
    f.message = why.required_text(kMessage, "a message saying why the bank's own text is shown");
    if (why.failed()) return nested(why.error(), kOriginFields[kFallback]);
    origin.fallback = std::move(f);
    return origin;
}

template <class T, class ReadOne>
Loaded<std::vector<T>> read_list(const nlohmann::json& array, std::string_view source, std::string_view field,
                                 ReadOne read_one) {
    std::vector<T> items;
    for (std::size_t i = 0; i < array.size(); ++i) {
        auto item = read_one(array[i], source);
        if (!item) return nested(nested(item.error(), "[" + std::to_string(i) + "]"), field);
        items.push_back(std::move(item).value());
    }
    return items;
}

Loaded<ai::Explanation> read_explanation(const nlohmann::json& j, std::string_view source) {
    JsonFields fields(j, source, kExplanationFields.data());
    ai::Explanation e;
    e.product_id = fields.required_text(kProductId, "the id of a product of the shortlist");
    e.text = fields.required_text(kText, "the explanation shown on the product's card");
    if (fields.failed()) return fields.error();
    return e;
}

Loaded<ai::ProductLink> read_link(const nlohmann::json& j, std::string_view source) {
    JsonFields fields(j, source, kLinkFields.data());
    ai::ProductLink l;
    l.title = fields.required_text(kTitle, "the page's title");
    l.link = fields.required_text(kLink, "an https address on the bank's own domains");
    l.snippet = fields.text(kSnippet);
    l.display_link = fields.text(kDisplayLink);
    if (!fields.failed() && l.link.rfind("https://", 0) != 0) {
        fields.fail(kLink, l.link, {"is not an https address", "an https address on the bank's own domains"});
    }
    if (fields.failed()) return fields.error();
    return l;
}

}  // namespace

nlohmann::json write_explanations(const std::vector<ai::Explanation>& explanations) {
    nlohmann::json list = nlohmann::json::array();
    for (const ai::Explanation& e : explanations) {
        nlohmann::json item = nlohmann::json::object();
        put(item, kExplanationFields[kProductId], e.product_id);
        put(item, kExplanationFields[kText], e.text);
        list.push_back(std::move(item));
    }
    nlohmann::json j = nlohmann::json::object();
    put(j, kExplanationsFields[kList], std::move(list));
    return j;
}

nlohmann::json write_summary(const std::string& summary) {
    nlohmann::json j = nlohmann::json::object();
    put(j, kSummaryFields[0], summary);
    return j;
}

nlohmann::json write_links(const std::string& product_id, const std::vector<ai::ProductLink>& links) {
    nlohmann::json list = nlohmann::json::array();
    for (const ai::ProductLink& l : links) {
        nlohmann::json item = nlohmann::json::object();
        put(item, kLinkFields[kTitle], l.title);
        put(item, kLinkFields[kLink], l.link);
        put(item, kLinkFields[kSnippet], l.snippet);
        put(item, kLinkFields[kDisplayLink], l.display_link);
        list.push_back(std::move(item));
    }
    nlohmann::json j = nlohmann::json::object();
    put(j, kLinksFields[kListProductId], product_id);
    put(j, kLinksFields[kList], std::move(list));
    return j;
}

void write_origin(nlohmann::json& answer, const AnswerOrigin& origin) {
    put(answer, kOriginFields[kProvider], origin.provider);
    put(answer, kOriginFields[kCached], origin.cached);
    if (!origin.fallback) return;
    nlohmann::json why = nlohmann::json::object();
    put(why, kFallbackFields[kCode], origin.fallback->code);
    put(why, kFallbackFields[kMessage], origin.fallback->message);
    put(answer, kOriginFields[kFallback], std::move(why));
}

nlohmann::json write_explanations_answer(const ExplanationsAnswer& answer) {
    nlohmann::json j = write_explanations(answer.explanations);
    write_origin(j, answer.origin);
    return j;
}

nlohmann::json write_summary_answer(const SummaryAnswer& answer) {
    nlohmann::json j = write_summary(answer.summary);
    write_origin(j, answer.origin);
    return j;
}

nlohmann::json write_links_answer(const LinksAnswer& answer) {
    nlohmann::json j = write_links(answer.product_id, answer.links);
    write_origin(j, answer.origin);
    return j;
}

Loaded<ExplanationsAnswer> read_explanations_answer(const nlohmann::json& j, std::string_view source) {
    JsonFields fields(j, source, kExplanationsFields.data());
    const nlohmann::json& list = fields.array(kList);
    if (fields.failed()) return fields.error();
    auto explanations = read_list<ai::Explanation>(list, source, kExplanationsFields[kList], read_explanation);
    if (!explanations) return explanations.error();
    auto origin = read_origin(j, source);
    if (!origin) return origin.error();
    return ExplanationsAnswer{std::move(explanations).value(), std::move(origin).value()};
}

Loaded<SummaryAnswer> read_summary_answer(const nlohmann::json& j, std::string_view source) {
    JsonFields fields(j, source, kSummaryFields.data());
    std::string summary = fields.required_text(0, "the digest of the shortlist");
    if (fields.failed()) return fields.error();
    auto origin = read_origin(j, source);
    if (!origin) return origin.error();
    return SummaryAnswer{std::move(summary), std::move(origin).value()};
}

Loaded<LinksAnswer> read_links_answer(const nlohmann::json& j, std::string_view source) {
    JsonFields fields(j, source, kLinksFields.data());
    std::string product_id = fields.required_text(kListProductId, "the id of the product the links are for");
    const nlohmann::json& list = fields.array(kList);
    if (fields.failed()) return fields.error();
    auto links = read_list<ai::ProductLink>(list, source, kLinksFields[kList], read_link);
    if (!links) return links.error();
    auto origin = read_origin(j, source);
    if (!origin) return origin.error();
    return LinksAnswer{std::move(product_id), std::move(links).value(), std::move(origin).value()};
}

}  // namespace bank::api
