#pragma once

#include <memory>

#include "core/accounts.h"
#include "http/rate_limit.h"
#include "http/router.h"
#include "http/types.h"

namespace replicant::backend::http {

// The middleware chain in front of the route table: request id, routing (404/405), auth (401),
// rate limit (429), content type (415), then the handler, with exceptions mapped to 500. It
// finishes every request through `done`, on whatever thread the handler completes.
class Dispatcher {
public:
    Dispatcher(const Router& router, core::AccountService& accounts, RateLimiter& limiter,
               bool logRequests)
        : router_(router), accounts_(accounts), limiter_(limiter), logRequests_(logRequests) {}

    void dispatch(std::shared_ptr<RequestContext> ctx, Responder done) const;

    // A response for a request that never reached dispatch (oversized or malformed).
    static Response early(const Error& error, const std::string& requestId);

private:
    const Router& router_;
    core::AccountService& accounts_;
    RateLimiter& limiter_;
    bool logRequests_;
};

// The bearer token from an Authorization header: "Bearer X" or the legacy "Token X".
std::string tokenFromAuthorization(std::string_view header);

// A client-supplied X-Request-Id if it is short and printable, else a fresh one.
std::string requestIdFor(std::string_view supplied);

}  // namespace replicant::backend::http
