#pragma once

#include <boost/beast/http.hpp>

#include <chrono>
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

// The body of a streamed response (SSE): chunks written from any thread are queued and sent in
// order on the connection's strand. A client that disconnects, or falls too far behind, closes
// the sink; writers should then stop.
class StreamSink {
public:
    virtual ~StreamSink() = default;
    virtual void write(std::string chunk) = 0;
    virtual void close() = 0;  // ends the response once queued chunks are sent
    virtual bool closed() const = 0;
    // Runs once when the stream ends, for whatever reason (on the connection's strand).
    virtual void onClosed(std::function<void()> callback) = 0;
    // Writes `text` whenever nothing was written for `interval` (SSE comments keep proxies and
    // clients from timing out an idle stream).
    virtual void heartbeat(std::chrono::seconds interval, std::string text) = 0;
};

struct RequestContext;
// Sends the head of a streamed response; the returned sink carries the body.
using StreamStarter =
    std::function<std::shared_ptr<StreamSink>(struct RequestContext&, Response head)>;

// Everything a handler may know about one request, after the middleware ran.
struct RequestContext {
    Request request;
    std::string requestId;
    std::string path;     // percent-decoded, without the query
    std::string query;    // raw query string, without '?'
    PathParams params;    // from the route pattern's {placeholders}
    std::string baseUrl;  // "http://host:port" as the client addressed us, for absolute URLs
    std::optional<core::Account> account;  // set on authenticated routes
    StreamStarter startStream;             // for handlers that stream instead of answering once
};

// Completes a request from any thread; the connection writes the response on its own strand.
using Responder = std::function<void(Response)>;

using SyncHandler = std::function<Response(const RequestContext&)>;
using AsyncHandler = std::function<void(std::shared_ptr<RequestContext>, Responder)>;
using Handler = std::variant<SyncHandler, AsyncHandler>;

}  // namespace replicant::backend::http
