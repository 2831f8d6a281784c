#include "api/models_api.h"

#include <boost/json.hpp>

#include "api/model_json.h"
#include "api/request.h"
#include "core/hardware.h"
#include "core/input_validation.h"
#include "http/problem.h"

namespace replicant::backend::api {

namespace json = boost::json;
using http::RequestContext;
using http::Response;
using http::bhttp::status;

namespace {
constexpr std::int64_t kModelsPerPage = 25;
constexpr std::int64_t kVersionsPerPage = 100;

std::optional<std::string> optionalString(const json::object& body, std::string_view key,
                                          std::vector<FieldError>& errors) {
    auto it = body.find(key);
    if (it == body.end() || it->value().is_null())
        return std::nullopt;
    if (!it->value().is_string()) {
        errors.push_back({"invalid_type", std::string(key),
                          "Invalid type. Expected: string, given: " +
                              std::string(json::to_string(it->value().kind()))});
        return std::nullopt;
    }
    return std::string(it->value().as_string());
}

Result<core::ModelFields> modelFields(const json::object& body,
                                      std::initializer_list<std::string_view> keys) {
    std::vector<FieldError> errors;
    core::ModelFields f;
    std::optional<std::string>* targets[] = {&f.description, &f.githubUrl,  &f.paperUrl,
                                             &f.licenseUrl,  &f.weightsUrl, &f.coverImageUrl,
                                             &f.readme,      &f.visibility, &f.hardware};
    const std::string_view names[] = {"description", "github_url",  "paper_url",
                                      "license_url", "weights_url", "cover_image_url",
                                      "readme",      "visibility",  "hardware"};
    for (std::size_t i = 0; i < std::size(names); ++i)
        if (std::find(keys.begin(), keys.end(), names[i]) != keys.end())
            *targets[i] = optionalString(body, names[i], errors);
    if (f.visibility && *f.visibility != "public" && *f.visibility != "private")
        errors.push_back({"enum", "visibility",
                          "visibility must be one of the following: \"public\", \"private\""});
    if (f.hardware && !core::knownHardware(*f.hardware))
        errors.push_back(
            {"enum", "hardware", "hardware must be one of the SKUs listed by GET /v1/hardware"});
    if (!errors.empty())
        return core::validationError(std::move(errors));
    return f;
}

json::object renderModel(core::Services& s, const core::Model& m, const RequestContext& ctx) {
    std::optional<json::object> example;
    if (m.defaultExample)
        if (auto doc = s.predictions.get(*m.defaultExample, m.accountId))
            example = s.predictions.render(std::move(*doc), ctx.baseUrl);
    return modelJson(m, s.models.latestVersion(m.id), example, ctx.baseUrl);
}

Result<core::Model> modelFor(core::Services& s, const RequestContext& ctx) {
    return s.models.get(ctx.params.at("owner"), ctx.params.at("name"), ctx.account->id);
}

Response createModel(core::Services& s, const RequestContext& ctx) {
    auto body = jsonObjectBody(ctx);
    if (!body)
        return http::problem(body.error());
    auto errors =
        core::validateBodyMembers(*body,
                                  {"owner", "name", "visibility", "hardware", "description",
                                   "github_url", "paper_url", "license_url", "cover_image_url"},
                                  {"owner", "name", "visibility", "hardware"});
    if (!errors.empty())
        return http::problem(core::validationError(std::move(errors)));
    auto fields = modelFields(*body, {"description", "github_url", "paper_url", "license_url",
                                      "cover_image_url", "visibility", "hardware"});
    if (!fields)
        return http::problem(fields.error());
    std::vector<FieldError> nameErrors;
    auto owner = optionalString(*body, "owner", nameErrors).value_or("");
    auto name = optionalString(*body, "name", nameErrors).value_or("");
    if (!nameErrors.empty())
        return http::problem(core::validationError(std::move(nameErrors)));
    if (owner != ctx.account->username)
        return http::problem(makeError(
            ErrorCode::Forbidden,
            "You can only create models under your own account (" + ctx.account->username + ").",
            "Forbidden"));
    if (!core::ModelService::validName(name))
        return http::problem(core::validationError(
            {{"invalid_name", "name",
              "Model names may contain lowercase letters, digits, dashes, underscores and "
              "periods, and cannot start with a dash or period"}}));
    auto model = s.models.create(ctx.account->id, owner, name, *fields);
    if (!model)
        return http::problem(model.error());
    return http::jsonResponse(status::created, renderModel(s, *model, ctx));
}

// Our extension: registers a version from its Cog OpenAPI document. On the real platform
// versions come from `cog push`; here a model author (or the Cog runner registration) posts
// the schema. Without a runner, predictions on the version fail and say so.
Response createVersion(core::Services& s, const RequestContext& ctx) {
    auto m = modelFor(s, ctx);
    if (!m || m->accountId != ctx.account->id)
        return http::problem(notFound());
    auto body = jsonObjectBody(ctx);
    if (!body)
        return http::problem(body.error());
    auto errors = core::validateBodyMembers(
        *body, {"openapi_schema", "cog_version", "python_version"}, {"openapi_schema"});
    const json::value* schema = body->if_contains("openapi_schema");
    if (schema && !schema->is_object())
        errors.push_back({"invalid_type", "openapi_schema", "Invalid type. Expected: object"});
    core::NewVersion v;
    v.cogVersion = optionalString(*body, "cog_version", errors);
    v.pythonVersion = optionalString(*body, "python_version", errors);
    if (!errors.empty())
        return http::problem(core::validationError(std::move(errors)));
    v.openapiSchema = schema->as_object();
    auto version = s.models.createVersion(*m, v);
    if (!version)
        return http::problem(version.error());
    return http::jsonResponse(status::created, versionJson(*version));
}
}  // namespace

void addModelRoutes(http::Router& router, core::Services& s) {
    using http::BodyType;
    using http::SyncHandler;

    router.add({"GET", "/v1/models", true, BodyType::None, SyncHandler([&s](auto& ctx) {
                    auto sortBy = queryParam(ctx, "sort_by").value_or("latest_version_created_at");
                    auto dir = queryParam(ctx, "sort_direction").value_or("desc");
                    if ((sortBy != "latest_version_created_at" && sortBy != "model_created_at") ||
                        (dir != "asc" && dir != "desc"))
                        return http::problem(makeError(
                            ErrorCode::BadRequest,
                            "sort_by must be latest_version_created_at or model_created_at, "
                            "sort_direction asc or desc"));
                    auto p = offsetPage(ctx, kModelsPerPage);
                    if (!p)
                        return http::problem(p.error());
                    auto models = s.models.list(ctx.account->id,
                                                sortBy == "model_created_at"
                                                    ? core::ModelSort::ModelCreatedAt
                                                    : core::ModelSort::LatestVersionCreatedAt,
                                                dir == "asc", p->offset, p->limit + 1);
                    if (!models)
                        return http::problem(models.error());
                    json::array items;
                    for (const auto& m : *models)
                        items.push_back(renderModel(s, m, ctx));
                    return http::jsonResponse(status::ok,
                                              offsetPageJson(ctx, *p, std::move(items)));
                })});
    router.add({"POST", "/v1/models", true, BodyType::Json,
                SyncHandler([&s](auto& ctx) { return createModel(s, ctx); })});
    router.add(
        {"GET", "/v1/models/{owner}/{name}", true, BodyType::None, SyncHandler([&s](auto& ctx) {
             auto m = modelFor(s, ctx);
             if (!m)
                 return http::problem(m.error());
             return http::jsonResponse(status::ok, renderModel(s, *m, ctx));
         })});
    router.add(
        {"PATCH", "/v1/models/{owner}/{name}", true, BodyType::Json, SyncHandler([&s](auto& ctx) {
             auto m = modelFor(s, ctx);
             if (!m || m->accountId != ctx.account->id)
                 return http::problem(notFound());
             auto body = jsonObjectBody(ctx);
             if (!body)
                 return http::problem(body.error());
             auto errors = core::validateBodyMembers(
                 *body,
                 {"description", "readme", "github_url", "paper_url", "weights_url", "license_url"},
                 {});
             if (!errors.empty())
                 return http::problem(core::validationError(std::move(errors)));
             auto fields = modelFields(*body, {"description", "readme", "github_url", "paper_url",
                                               "weights_url", "license_url"});
             if (!fields)
                 return http::problem(fields.error());
             auto updated = s.models.update(*m, *fields);
             if (!updated)
                 return http::problem(updated.error());
             return http::jsonResponse(status::ok, renderModel(s, *updated, ctx));
         })});
    router.add(
        {"DELETE", "/v1/models/{owner}/{name}", true, BodyType::None, SyncHandler([&s](auto& ctx) {
             auto m = modelFor(s, ctx);
             if (!m || m->accountId != ctx.account->id)
                 return http::problem(notFound());
             if (m->visibility != "private" || s.models.latestVersion(m->id))
                 return http::problem(
                     makeError(ErrorCode::Conflict,
                               "Only private models with no versions can be deleted. Delete the "
                               "versions first (or make the model private).",
                               "Conflict"));
             if (auto r = s.models.remove(*m); !r)
                 return http::problem(r.error());
             return http::emptyResponse(status::no_content);
         })});
    router.add({"GET", "/v1/models/{owner}/{name}/readme", true, BodyType::None,
                SyncHandler([&s](auto& ctx) {
                    auto m = modelFor(s, ctx);
                    if (!m)
                        return http::problem(m.error());
                    return http::textResponse(status::ok, m->readme, "text/plain; charset=utf-8");
                })});
    router.add({"GET", "/v1/models/{owner}/{name}/examples", true, BodyType::None,
                SyncHandler([&s](auto& ctx) {
                    auto m = modelFor(s, ctx);
                    if (!m)
                        return http::problem(m.error());
                    json::array items;
                    if (m->defaultExample)
                        if (auto doc = s.predictions.get(*m->defaultExample, m->accountId))
                            items.push_back(s.predictions.render(std::move(*doc), ctx.baseUrl));
                    return http::jsonResponse(status::ok,
                                              page(std::move(items), std::nullopt, std::nullopt));
                })});
    router.add({"GET", "/v1/models/{owner}/{name}/versions", true, BodyType::None,
                SyncHandler([&s](auto& ctx) {
                    auto m = modelFor(s, ctx);
                    if (!m)
                        return http::problem(m.error());
                    auto p = offsetPage(ctx, kVersionsPerPage);
                    if (!p)
                        return http::problem(p.error());
                    auto versions = s.models.listVersions(m->id, p->offset, p->limit + 1);
                    if (!versions)
                        return http::problem(versions.error());
                    json::array items;
                    for (const auto& v : *versions)
                        items.push_back(versionJson(v));
                    return http::jsonResponse(status::ok,
                                              offsetPageJson(ctx, *p, std::move(items)));
                })});
    router.add({"GET", "/v1/models/{owner}/{name}/versions/{id}", true, BodyType::None,
                SyncHandler([&s](auto& ctx) {
                    auto m = modelFor(s, ctx);
                    if (!m)
                        return http::problem(m.error());
                    auto ref = s.models.findVersion(ctx.params.at("id"), ctx.account->id);
                    if (!ref || ref->model.id != m->id)
                        return http::problem(notFound());
                    return http::jsonResponse(status::ok, versionJson(ref->version));
                })});
    router.add({"POST", "/replicant/v1/models/{owner}/{name}/versions", true, BodyType::Json,
                SyncHandler([&s](auto& ctx) { return createVersion(s, ctx); })});
    router.add({"DELETE", "/v1/models/{owner}/{name}/versions/{id}", true, BodyType::None,
                SyncHandler([&s](auto& ctx) {
                    auto m = modelFor(s, ctx);
                    if (!m || m->accountId != ctx.account->id)
                        return http::problem(notFound());
                    auto ref = s.models.findVersion(ctx.params.at("id"), ctx.account->id);
                    if (!ref || ref->model.id != m->id)
                        return http::problem(notFound());
                    if (auto r = s.models.deleteVersion(ref->version); !r)
                        return http::problem(r.error());
                    return http::emptyResponse(status::accepted);
                })});
}

}  // namespace replicant::backend::api
