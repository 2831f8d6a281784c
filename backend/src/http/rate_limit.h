#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <utility>

#include "http/router.h"

namespace replicant::backend::http {

// Token buckets per account and rate class: the bucket holds a minute's allowance, so short
// bursts pass, and refills continuously.
class RateLimiter {
public:
    struct Decision {
        bool allowed = true;
        long remaining = 0;
        long resetSeconds = 1;  // until the next request is allowed / a token is back
    };

    explicit RateLimiter(bool enabled) : enabled_(enabled) {}
    bool enabled() const { return enabled_; }

    Decision take(std::int64_t accountId, RateClass rateClass);

    static double perMinute(RateClass rateClass);

private:
    struct Bucket {
        double tokens;
        std::chrono::steady_clock::time_point updated;
    };
    bool enabled_;
    std::mutex mutex_;
    std::map<std::pair<std::int64_t, RateClass>, Bucket> buckets_;
};

}  // namespace replicant::backend::http
