#include "api/runners_api.h"

#include <boost/json.hpp>

#include "api/request.h"
#include "core/input_validation.h"
#include "http/problem.h"

namespace replicant::backend::api {

namespace json = boost::json;
using http::BodyType;
using http::SyncHandler;
using http::bhttp::status;

namespace {
std::string modelOf(const http::RequestContext& ctx) {
    return ctx.params.at("owner") + "/" + ctx.params.at("name");
}

http::Response registerRunner(core::Services& s, const http::RequestContext& ctx) {
    auto body = jsonObjectBody(ctx);
    if (!body)
        return http::problem(body.error());
    auto errors = core::validateBodyMembers(
        *body, {"model", "url", "command", "image", "concurrency", "hardware"}, {"model"});
    core::CogRegistration r;
    r.persist = true;
    r.fromApi = true;
    auto text = [&](const char* key) -> std::optional<std::string> {
        const auto* v = body->if_contains(key);
        if (!v || v->is_null())
            return std::nullopt;
        if (!v->is_string()) {
            errors.push_back({"invalid_type", key, "Invalid type. Expected: string"});
            return std::nullopt;
        }
        return std::string(v->as_string());
    };
    r.config.model = text("model").value_or("");
    int targets = 0;
    if (auto url = text("url")) {
        r.config.kind = runners::cog::Kind::Url;
        r.config.target = *url;
        ++targets;
    }
    if (auto command = text("command")) {
        r.config.kind = runners::cog::Kind::Command;
        r.config.target = *command;
        ++targets;
    }
    if (auto image = text("image")) {
        r.config.kind = runners::cog::Kind::Image;
        r.config.target = *image;
        ++targets;
    }
    if (targets != 1)
        errors.push_back({"required", "", "Exactly one of url, command and image is required"});
    if (const auto* c = body->if_contains("concurrency")) {
        if (c->is_int64())
            r.config.concurrency = static_cast<int>(c->as_int64());
        else
            errors.push_back({"invalid_type", "concurrency", "Invalid type. Expected: integer"});
    }
    r.hardware = text("hardware").value_or("");
    if (!errors.empty())
        return http::problem(core::validationError(std::move(errors)));
    if (r.config.model.substr(0, r.config.model.find('/')) != ctx.account->username)
        return http::problem(makeError(
            ErrorCode::Forbidden,
            "You can only run models under your own account (" + ctx.account->username + ").",
            "Forbidden"));
    auto added = s.cog.add(ctx.account->id, std::move(r));
    if (!added)
        return http::problem(added.error());
    return http::jsonResponse(status::created, *added);
}
}  // namespace

void addRunnerRoutes(http::Router& router, core::Services& s) {
    router.add(
        {"GET", "/replicant/v1/runners", true, BodyType::None,
         SyncHandler([&s](const http::RequestContext& ctx) {
             json::array results;
             for (auto& r : s.cog.list(ctx.account->id))
                 results.push_back(std::move(r));
             return http::jsonResponse(status::ok, json::object{{"results", std::move(results)}});
         })});
    router.add(
        {"POST", "/replicant/v1/runners", true, BodyType::Json,
         SyncHandler([&s](const http::RequestContext& ctx) { return registerRunner(s, ctx); })});
    router.add({"GET", "/replicant/v1/runners/{owner}/{name}", true, BodyType::None,
                SyncHandler([&s](const http::RequestContext& ctx) {
                    auto r = s.cog.get(ctx.account->id, modelOf(ctx));
                    return r ? http::jsonResponse(status::ok, *r) : http::problem(r.error());
                })});
    router.add({"DELETE", "/replicant/v1/runners/{owner}/{name}", true, BodyType::None,
                SyncHandler([&s](const http::RequestContext& ctx) {
                    auto r = s.cog.remove(ctx.account->id, modelOf(ctx));
                    return r ? http::emptyResponse(status::no_content) : http::problem(r.error());
                })});
    router.add({"POST", "/replicant/v1/runners/{owner}/{name}/restart", true, BodyType::None,
                SyncHandler([&s](const http::RequestContext& ctx) {
                    auto r = s.cog.restart(ctx.account->id, modelOf(ctx));
                    return r ? http::jsonResponse(status::ok, *r) : http::problem(r.error());
                })});

    // The Cog servers' side: no token (they cannot have one); the secret in the path is the
    // credential, and predictions are matched against those in flight on that runner.
    router.add(
        {"POST", "/replicant/v1/cog/{secret}/webhooks/{id}", false, BodyType::Json,
         SyncHandler([&s](const http::RequestContext& ctx) {
             auto body = jsonObjectBody(ctx);
             if (!body)
                 return http::problem(body.error());
             if (!s.cog.webhook(ctx.params.at("secret"), ctx.params.at("id"), std::move(*body)))
                 return http::problem(notFound());
             return http::jsonResponse(status::ok, json::object{});
         })});
    router.add({"PUT", "/replicant/v1/cog/{secret}/uploads/{filename}", false, BodyType::Any,
                SyncHandler([&s](const http::RequestContext& ctx) {
                    std::optional<std::string> prediction;
                    if (auto h = ctx.request.find("X-Prediction-ID"); h != ctx.request.end())
                        prediction = std::string(h->value());
                    std::string type(ctx.request[http::bhttp::field::content_type]);
                    if (type.empty())
                        type = "application/octet-stream";
                    auto location =
                        s.cog.upload(ctx.params.at("secret"), prediction, ctx.params.at("filename"),
                                     type, ctx.request.body());
                    if (!location)
                        return http::problem(location.error());
                    auto res = http::jsonResponse(status::created, json::object{});
                    res.set(http::bhttp::field::location, *location);
                    return res;
                })});
}

}  // namespace replicant::backend::api
