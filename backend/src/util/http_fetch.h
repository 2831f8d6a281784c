#pragma once

#include <chrono>
#include <cstddef>
#include <string>

#include "replicant/backend/result.h"

namespace replicant::backend::util {

struct Fetched {
    std::string bytes;
    std::string contentType;
};

// GETs an http(s) URL with libcurl: redirects followed (at most 5), at most `maxBytes`, within
// `timeout`. Errors say which limit or what failure, for a 422 the user can act on.
Result<Fetched> fetchUrl(const std::string& url, std::size_t maxBytes,
                         std::chrono::milliseconds timeout);

}  // namespace replicant::backend::util
