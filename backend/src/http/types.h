#pragma once

#include <boost/beast/http.hpp>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>

#include "core/accounts.h"

namespace replicant::backend::http {

namespace bhttp = boost::beast::http;
using Request = bhttp::request<bhttp::string_body>;
using Response = bhttp::response<bhttp::string_body>;
using PathParams = std::map<std::string, std::string, std::less<>>;

// Everything a handler may know about one request, after the middleware ran.
struct RequestContext {
    Request request;
    std::string requestId;
    std::string path;     // percent-decoded, without the query
    std::string query;    // raw query string, without '?'
    PathParams params;    // from the route pattern's {placeholders}
    std::string baseUrl;  // "http://host:port" as the client addressed us, for absolute URLs
    std::optional<core::Account> account;  // set on authenticated routes
};

// Completes a request from any thread; the connection writes the response on its own strand.
using Responder = std::function<void(Response)>;

using SyncHandler = std::function<Response(const RequestContext&)>;
using AsyncHandler = std::function<void(std::shared_ptr<RequestContext>, Responder)>;
using Handler = std::variant<SyncHandler, AsyncHandler>;

}  // namespace replicant::backend::http
