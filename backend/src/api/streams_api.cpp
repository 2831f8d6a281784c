#include "api/streams_api.h"

#include <boost/json.hpp>

#include <charconv>

#include "api/request.h"
#include "http/problem.h"

namespace replicant::backend::api {

using http::bhttp::status;

namespace {
constexpr auto kHeartbeat = std::chrono::seconds(15);

// Last-Event-ID is "<emitted_at>:<seq>" as we send it; a bare number is taken as the seq.
std::uint64_t lastSeq(std::string_view header) {
    if (auto colon = header.rfind(':'); colon != std::string_view::npos)
        header = header.substr(colon + 1);
    std::uint64_t seq = 0;
    std::from_chars(header.data(), header.data() + header.size(), seq);
    return seq;
}
}  // namespace

std::string formatSse(const core::StreamEvent& ev, const std::string& baseUrl) {
    const std::string data = core::PredictionService::withOrigin(ev.data, baseUrl);
    std::string out = "event: " + ev.event + "\nid: " + std::to_string(ev.emittedAtMicros) + ":" +
                      std::to_string(ev.seq) + "\n";
    // Every line of data gets its own data: field; clients join them with \n. The space after
    // the colon is stripped by parsers, so a token's own leading space survives.
    std::size_t start = 0;
    for (;;) {
        const auto nl = data.find('\n', start);
        out += "data: ";
        out.append(data, start, nl == std::string::npos ? std::string::npos : nl - start);
        out += '\n';
        if (nl == std::string::npos)
            break;
        start = nl + 1;
    }
    out += '\n';
    return out;
}

void addStreamRoutes(http::Router& router, core::Services& s) {
    router.add(
        {"GET", "/v1/streams/{id}/{signature}", false, http::BodyType::None,
         http::AsyncHandler([&s](std::shared_ptr<http::RequestContext> ctx, http::Responder done) {
             const auto& id = ctx->params.at("id");
             if (!s.predictions.verifyStreamSignature(id, ctx->params.at("signature")))
                 return done(http::problem(notFound()));
             auto subscription = std::make_shared<core::EventSubscription>();
             http::Response head{status::ok, 11};
             head.set(http::bhttp::field::content_type, "text/event-stream");
             head.set(http::bhttp::field::cache_control, "no-store");
             auto sink = ctx->startStream(*ctx, std::move(head));
             sink->heartbeat(kHeartbeat, ": keep-alive\n\n");
             sink->onClosed([subscription] { subscription->active = false; });
             subscription->deliver = [sink, baseUrl = ctx->baseUrl](const core::StreamEvent& ev) {
                 sink->write(formatSse(ev, baseUrl));
                 if (ev.event == "done")
                     sink->close();
             };
             const auto after = lastSeq(ctx->request["Last-Event-ID"]);
             if (!s.predictions.subscribe(id, after, subscription))
                 sink->close();
         })});
}

}  // namespace replicant::backend::api
