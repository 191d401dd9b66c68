#include "proxy/metrics.h"

#include <sstream>

namespace bank::proxy {

void Metrics::Histogram::observe(double v) {
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
        if (v <= kBuckets[i]) ++counts[i];
    }
    ++count;
    sum += v;
}

const std::string& method_label(const std::string& method) {
    static const std::string known[] = {"GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"};
    static const std::string other = "other";
    for (const std::string& k : known) {
        if (method == k) return k;
    }
    return other;
}

void Metrics::request(const std::string& route, const std::string& method, int status, double seconds) {
    std::lock_guard<std::mutex> lock(mutex_);
    ++requests_[{route, method_label(method), status}];
    request_seconds_[route].observe(seconds);
}

void Metrics::upstream_call(const std::string& upstream, const std::string& outcome, double seconds) {
    std::lock_guard<std::mutex> lock(mutex_);
    ++upstream_calls_[{upstream, outcome}];
    upstream_seconds_[upstream].observe(seconds);
}

void Metrics::cache_lookup(const std::string& upstream, bool hit) {
    std::lock_guard<std::mutex> lock(mutex_);
    ++cache_[{upstream, hit}];
}

void Metrics::breaker_state(const std::string& upstream, int state) {
    std::lock_guard<std::mutex> lock(mutex_);
    breakers_[upstream] = state;
}

void Metrics::rate_limited(const std::string& scope) {
    std::lock_guard<std::mutex> lock(mutex_);
    ++rate_limited_[scope];
}

void Metrics::answer_provider(const std::string& route, const std::string& provider) {
    std::lock_guard<std::mutex> lock(mutex_);
    ++providers_[{route, provider}];
}

void Metrics::answer_rejected(const std::string& route, const std::string& reason) {
    std::lock_guard<std::mutex> lock(mutex_);
    ++rejected_answers_[{route, reason}];
}

void Metrics::payment_required(const std::string& upstream) {
    std::lock_guard<std::mutex> lock(mutex_);
    ++payment_required_[upstream];
}

namespace {

template <class Histogram, class Buckets>
void histogram_lines(std::ostringstream& out, const char* name, const char* label, const std::string& value,
                     const Histogram& h, const Buckets& buckets) {
    for (std::size_t i = 0; i < buckets.size(); ++i) {
        out << name << "_bucket{" << label << "=\"" << value << "\",le=\"" << buckets[i] << "\"} " << h.counts[i] << "\n";
    }
    out << name << "_bucket{" << label << "=\"" << value << "\",le=\"+Inf\"} " << h.count << "\n";
    out << name << "_sum{" << label << "=\"" << value << "\"} " << h.sum << "\n";
    out << name << "_count{" << label << "=\"" << value << "\"} " << h.count << "\n";
}

}  // namespace

std::string Metrics::render() {
    std::lock_guard<std::mutex> lock(mutex_);
    std::ostringstream out;
    out << "# HELP bank_proxy_requests_total HTTP requests answered, by route pattern, method and status.\n"
        << "# TYPE bank_proxy_requests_total counter\n";
    for (const auto& [k, n] : requests_) {
        out << "bank_proxy_requests_total{route=\"" << std::get<0>(k) << "\",method=\"" << std::get<1>(k)
            << "\",status=\"" << std::get<2>(k) << "\"} " << n << "\n";
    }
    out << "# HELP bank_proxy_request_duration_seconds Time from reading a request to logging its answer.\n"
        << "# TYPE bank_proxy_request_duration_seconds histogram\n";
    for (const auto& [route, h] : request_seconds_) {
        histogram_lines(out, "bank_proxy_request_duration_seconds", "route", route, h, kBuckets);
    }
    out << "# HELP bank_proxy_upstream_calls_total Calls to AI upstreams, by upstream and outcome.\n"
        << "# TYPE bank_proxy_upstream_calls_total counter\n";
    for (const auto& [k, n] : upstream_calls_) {
        out << "bank_proxy_upstream_calls_total{upstream=\"" << k.first << "\",outcome=\"" << k.second << "\"} " << n
            << "\n";
    }
    out << "# HELP bank_proxy_upstream_duration_seconds Latency of each upstream HTTP exchange.\n"
        << "# TYPE bank_proxy_upstream_duration_seconds histogram\n";
    for (const auto& [upstream, h] : upstream_seconds_) {
        histogram_lines(out, "bank_proxy_upstream_duration_seconds", "upstream", upstream, h, kBuckets);
    }
    out << "# HELP bank_proxy_cache_lookups_total Answer-cache lookups, by upstream and result.\n"
        << "# TYPE bank_proxy_cache_lookups_total counter\n";
    for (const auto& [k, n] : cache_) {
        out << "bank_proxy_cache_lookups_total{upstream=\"" << k.first << "\",result=\""
            << (k.second ? "hit" : "miss") << "\"} " << n << "\n";
    }
    out << "# HELP bank_proxy_circuit_breaker_state 0 closed, 1 open, 2 half-open.\n"
        << "# TYPE bank_proxy_circuit_breaker_state gauge\n";
    for (const auto& [upstream, state] : breakers_) {
        out << "bank_proxy_circuit_breaker_state{upstream=\"" << upstream << "\"} " << state << "\n";
    }
    out << "# HELP bank_proxy_rate_limited_total Requests refused with 429, by limit.\n"
        << "# TYPE bank_proxy_rate_limited_total counter\n";
    for (const auto& [scope, n] : rate_limited_) {
        out << "bank_proxy_rate_limited_total{scope=\"" << scope << "\"} " << n << "\n";
    }
    out << "# HELP bank_proxy_answers_total AI answers sent, by route and the provider that produced them.\n"
        << "# TYPE bank_proxy_answers_total counter\n";
    for (const auto& [k, n] : providers_) {
        out << "bank_proxy_answers_total{route=\"" << k.first << "\",provider=\"" << k.second << "\"} " << n << "\n";
    }
    out << "# HELP bank_proxy_ai_answers_rejected_total AI answers refused by the format and facts checks "
           "(the offline answer was sent instead), by route and reason.\n"
        << "# TYPE bank_proxy_ai_answers_rejected_total counter\n";
    for (const auto& [k, n] : rejected_answers_) {
        out << "bank_proxy_ai_answers_rejected_total{route=\"" << k.first << "\",reason=\"" << k.second << "\"} " << n
            << "\n";
    }
    out << "# HELP bank_proxy_upstream_payment_required_total 402 answers: the upstream account is out of credit "
           "and the upstream is paused.\n"
        << "# TYPE bank_proxy_upstream_payment_required_total counter\n";
    for (const auto& [upstream, n] : payment_required_) {
        out << "bank_proxy_upstream_payment_required_total{upstream=\"" << upstream << "\"} " << n << "\n";
    }
    return out.str();
}

}  // namespace bank::proxy
