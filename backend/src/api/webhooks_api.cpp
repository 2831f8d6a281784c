#include "api/webhooks_api.h"

#include <boost/json.hpp>

#include "api/request.h"
#include "http/problem.h"

namespace replicant::backend::api {

namespace json = boost::json;
using http::bhttp::status;

void addWebhookRoutes(http::Router& router, core::Services& s) {
    using http::BodyType;
    using http::SyncHandler;
    router.add({"GET", "/v1/webhooks/default/secret", true, BodyType::None,
                SyncHandler([&s](const http::RequestContext& ctx) {
                    auto secret = s.webhooks.secretFor(ctx.account->id);
                    if (!secret)
                        return http::problem(secret.error());
                    return http::jsonResponse(status::ok, json::object{{"key", *secret}});
                })});
    // Every delivery of one prediction's webhooks, with each attempt.
    router.add({"GET", "/replicant/v1/predictions/{id}/webhooks", true, BodyType::None,
                SyncHandler([&s](const http::RequestContext& ctx) {
                    const auto& id = ctx.params.at("id");
                    if (!s.predictions.get(id, ctx.account->id))
                        return http::problem(notFound());
                    auto list = s.webhooks.deliveriesOf(id, ctx.account->id);
                    if (!list)
                        return http::problem(list.error());
                    return http::jsonResponse(status::ok, json::object{{"results", *list}});
                })});
    // The account's deliveries of the last `hours` (default 24, at most 720), newest first.
    router.add({"GET", "/replicant/v1/webhooks/deliveries", true, BodyType::None,
                SyncHandler([&s](const http::RequestContext& ctx) {
                    long hours = 24;
                    if (auto h = queryParam(ctx, "hours")) {
                        hours = std::strtol(h->c_str(), nullptr, 10);
                        if (hours < 1 || hours > 720)
                            return http::problem(makeError(ErrorCode::BadRequest,
                                                           "hours must be between 1 and 720"));
                    }
                    auto list = s.webhooks.recentDeliveries(
                        ctx.account->id,
                        std::chrono::system_clock::now() - std::chrono::hours(hours), 1000);
                    if (!list)
                        return http::problem(list.error());
                    return http::jsonResponse(status::ok, json::object{{"results", *list}});
                })});
}

}  // namespace replicant::backend::api
