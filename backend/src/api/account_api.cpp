#include "api/account_api.h"

#include <boost/json.hpp>

#include "core/hardware.h"
#include "http/problem.h"
#include "replicant/backend/server.h"

namespace replicant::backend::api {

namespace json = boost::json;
using http::bhttp::status;

namespace {
json::value accountJson(const core::Account& a) {
    json::object o;
    o["type"] = a.type;
    o["username"] = a.username;
    o["name"] = a.name;
    o["github_url"] = a.githubUrl ? json::value(*a.githubUrl) : json::value(nullptr);
    if (a.avatarUrl)
        o["avatar_url"] = *a.avatarUrl;
    return o;
}
}  // namespace

void addAccountRoutes(http::Router& router) {
    router.add({"GET", "/v1/account", true, http::BodyType::None,
                http::SyncHandler([](const http::RequestContext& ctx) {
                    return http::jsonResponse(status::ok, accountJson(*ctx.account));
                })});
    router.add({"GET", "/v1/hardware", true, http::BodyType::None,
                http::SyncHandler([](const http::RequestContext&) {
                    json::array list;  // a bare array: the one list the API does not page
                    for (const auto& h : core::hardwareList())
                        list.push_back(json::object{{"sku", h.sku}, {"name", h.name}});
                    return http::jsonResponse(status::ok, list);
                })});
    router.add({"GET", "/health", false, http::BodyType::None,
                http::SyncHandler([](const http::RequestContext&) {
                    return http::jsonResponse(
                        status::ok, json::object{{"status", "ok"}, {"version", versionString()}});
                })});
}

}  // namespace replicant::backend::api
