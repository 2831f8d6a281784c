#include "http/rate_limit.h"

#include <algorithm>
#include <cmath>

namespace replicant::backend::http {

double RateLimiter::perMinute(RateClass rateClass) {
    return rateClass == RateClass::Create ? 600.0 : 3000.0;
}

RateLimiter::Decision RateLimiter::take(std::int64_t accountId, RateClass rateClass) {
    const double capacity = perMinute(rateClass);
    const double perSecond = capacity / 60.0;
    const auto now = std::chrono::steady_clock::now();
    std::lock_guard lock(mutex_);
    auto [it, inserted] = buckets_.try_emplace({accountId, rateClass}, Bucket{capacity, now});
    auto& b = it->second;
    const double elapsed = std::chrono::duration<double>(now - b.updated).count();
    b.tokens = std::min(capacity, b.tokens + elapsed * perSecond);
    b.updated = now;
    Decision d;
    if (b.tokens >= 1.0) {
        b.tokens -= 1.0;
        d.allowed = true;
    } else {
        d.allowed = false;
    }
    d.remaining = static_cast<long>(std::floor(b.tokens));
    const double missing = std::max(0.0, 1.0 - (b.tokens - std::floor(b.tokens)));
    d.resetSeconds = std::max(1L, static_cast<long>(std::ceil(missing / perSecond)));
    return d;
}

}  // namespace replicant::backend::http
