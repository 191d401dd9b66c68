// The proxy's numbers in the Prometheus text format (GET /metrics): requests by route and status,
// request and upstream latency histograms, cache hits, circuit-breaker state, rate-limit and
// sign-in rejections. Labels are route patterns and fixed words only: no ids, no user data.
#pragma once

#include <array>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace bank::proxy {

// The label for a request method: the methods HTTP defines, or "other". A label never comes
// from the request line as sent: that would let a client break the format or add series.
const std::string& method_label(const std::string& method);

class Metrics {
public:
    void request(const std::string& route, const std::string& method, int status, double seconds);
    void upstream_call(const std::string& upstream, const std::string& outcome, double seconds);
    void cache_lookup(const std::string& upstream, bool hit);
    void breaker_state(const std::string& upstream, int state);  // 0 closed, 1 open, 2 half-open
    void rate_limited(const std::string& scope);
    void answer_provider(const std::string& route, const std::string& provider);
    // An AI answer refused before anyone saw it, by its reason (ai::AnswerFault labels, "secret").
    void answer_rejected(const std::string& route, const std::string& reason);
    // An upstream answered 402 Payment Required (its account's credits are used up).
    void payment_required(const std::string& upstream);

    std::string render();

private:
    static constexpr std::array<double, 11> kBuckets = {0.001, 0.005, 0.01, 0.025, 0.05, 0.1,
                                                        0.25,  0.5,   1,    2.5,   10};
    struct Histogram {
        std::array<unsigned long, kBuckets.size()> counts{};
        unsigned long count = 0;
        double sum = 0;
        void observe(double v);
    };
    std::mutex mutex_;
    std::map<std::tuple<std::string, std::string, int>, unsigned long> requests_;
    std::map<std::string, Histogram> request_seconds_;
    std::map<std::pair<std::string, std::string>, unsigned long> upstream_calls_;
    std::map<std::string, Histogram> upstream_seconds_;
    std::map<std::pair<std::string, bool>, unsigned long> cache_;
    std::map<std::string, int> breakers_;
    std::map<std::string, unsigned long> rate_limited_;
    std::map<std::pair<std::string, std::string>, unsigned long> providers_;
    std::map<std::pair<std::string, std::string>, unsigned long> rejected_answers_;
    std::map<std::string, unsigned long> payment_required_;
};

}  // namespace bank::proxy
