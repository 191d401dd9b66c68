// Which real AI providers a configuration asks for, and whether it may start at all on a given
// day (declared in ai_providers.h).
#include <ctime>

#include "proxy/ai_providers.h"
#include "shared/ai/vertex_search.h"

namespace bank::proxy {

namespace {

std::unique_ptr<UpstreamService> paused_on_402(std::unique_ptr<UpstreamService> upstream, const AiConfig& c,
                                               const OperatorLog& log) {
    upstream->on_payment_required(c.payment_required_pause, log);
    return upstream;
}

// Days from 1970-01-01 (H. Hinnant's days_from_civil), to count the days a provider has left.
long days_from_civil(ai::CalendarDate d) {
    const int y = d.year - (d.month <= 2 ? 1 : 0);
    const long era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned mp = static_cast<unsigned>(d.month + (d.month > 2 ? -3 : 9));
    const unsigned doy = (153 * mp + 2) / 5 + static_cast<unsigned>(d.day) - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<long>(doe) - 719468;
}

const char* const kUseVertex =
    "Use Vertex AI Search instead: --search-provider vertex (the default) with VERTEX_SEARCH_API_KEY and "
    "--search-serving-config; README.md, \"AI providers and keys\", says how to create the data store, the app and "
    "the key.";

}  // namespace

RealProviders configured_providers(const AiConfig& c, const std::vector<Product>& catalog,
                                   const ai::LinkAllowList& allow, const UpstreamFactory& upstream,
                                   const OperatorLog& log) {
    RealProviders real;
    if (!c.gemini.key.empty()) {
        real.explanations = gemini_explanations(paused_on_402(upstream("gemini", c.gemini, google_retry_delay), c, log),
                                                c.gemini.key, c.gemini_model, catalog, log);
    }
    if (!c.summarizer.key.empty()) {
        real.summaries = huggingface_summaries(
            paused_on_402(upstream("huggingface", c.summarizer, huggingface_loading_delay), c, log), c.summarizer.key,
            c.summarizer_model, catalog, log);
    }
    if (c.search.key.empty()) return real;
    if (c.search_provider == SearchProvider::VertexAiSearch && !c.search_serving_config.empty()) {
        auto search = paused_on_402(upstream("vertex-ai-search", c.search, google_retry_delay), c, log);
        real.links = vertex_search_links(std::move(search), c.search.key, c.search_serving_config, allow);
    } else if (c.search_provider == SearchProvider::CustomSearch && !c.search_cx.empty()) {
        auto search = paused_on_402(upstream("google-custom-search", c.search, google_retry_delay), c, log);
        real.links = custom_search_links(std::move(search), c.search.key, c.search_cx, allow);
    }
    return real;
}

ai::CalendarDate today_utc() {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    return {utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday};
}

std::optional<std::string> ai_config_refusal(const AiConfig& c, ai::CalendarDate today) {
    if (c.search_provider != SearchProvider::CustomSearch || today < ai::kCustomSearchEnds) return std::nullopt;
    return std::string("--search-provider custom-search: Google's Custom Search JSON API stopped answering on "
                       "2027-01-01, so search links would never come. ") + kUseVertex;
}

std::vector<std::string> ai_config_warnings(const AiConfig& c, ai::CalendarDate today) {
    std::vector<std::string> warnings;
    if (c.search_provider == SearchProvider::CustomSearch && today < ai::kCustomSearchEnds) {
        const long days = days_from_civil(ai::kCustomSearchEnds) - days_from_civil(today);
        warnings.push_back("Google's Custom Search JSON API stops answering on 2027-01-01, in " + std::to_string(days) +
                           (days == 1 ? " day" : " days") + "; from that day this proxy refuses to start with it. " +
                           kUseVertex);
    }
    if (c.search_provider == SearchProvider::VertexAiSearch && !c.search.key.empty()) {
        if (c.search_serving_config.empty())
            warnings.push_back("VERTEX_SEARCH_API_KEY is set but no serving config is named (--search-serving-config "
                               "or VERTEX_SEARCH_SERVING_CONFIG): search links come from the catalog only.");
        else if (!ai::vertex_search_path(c.search_serving_config))
            warnings.push_back("--search-serving-config is not a serving config name (projects/P/locations/L/"
                               "collections/C/engines/E/servingConfigs/S): search links come from the catalog only.");
    }
    return warnings;
}

}  // namespace bank::proxy
