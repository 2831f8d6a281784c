#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "replicant/backend/result.h"

namespace replicant::backend::util {

struct HttpRequest {
    std::string method = "GET";
    std::string url;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    std::chrono::milliseconds timeout{30000};
    std::chrono::milliseconds connectTimeout{5000};
    std::size_t maxBytes = 128 * 1024 * 1024;  // larger answers fail
    bool followRedirects = false;
};

struct HttpResponse {
    long status = 0;
    std::string body;
    std::string contentType;
    std::string location;  // the Location header, when there is one
};

// Why a request got no HTTP answer at all, so callers can tell "retry the same request"
// (Timeout) from "nobody is listening" (Unreachable).
enum class TransportFailure { None, Timeout, Unreachable, TooLarge, Other };

struct HttpResult {
    TransportFailure failure = TransportFailure::None;
    std::string error;  // set when failure != None
    HttpResponse response;
    bool ok() const { return failure == TransportFailure::None; }
};

// One blocking HTTP request with libcurl (http and https only). Connections are reused per
// calling thread, so a worker that talks to one server keeps its connection alive.
HttpResult httpRequest(const HttpRequest& request);

}  // namespace replicant::backend::util
