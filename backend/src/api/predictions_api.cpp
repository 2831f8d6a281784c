#include "api/predictions_api.h"

#include <boost/json.hpp>

#include "api/file_inputs.h"
#include "api/prediction_headers.h"
#include "api/request.h"
#include "core/input_validation.h"
#include "core/webhooks.h"
#include "http/problem.h"
#include "util/clock.h"

namespace replicant::backend::api {

namespace json = boost::json;
using http::RequestContext;
using http::Response;
using http::bhttp::status;

namespace {
constexpr std::size_t kPredictionsPerPage = 100;

Error invalidVersion() {
    return makeError(ErrorCode::Unprocessable,
                     "The specified version does not exist (or perhaps you don't have permission "
                     "to use it?)",
                     "Invalid version or not permitted");
}

bool isHexVersion(const std::string& s) {
    return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

// `version` as 64-hex, owner/name:64-hex, or owner/name (its latest version).
Result<core::VersionRef> resolveVersion(core::Services& s, const std::string& ref,
                                        std::int64_t viewer) {
    const auto colon = ref.find(':');
    const std::string id = colon == std::string::npos ? ref : ref.substr(colon + 1);
    if (isHexVersion(id)) {
        auto found = s.models.findVersion(id, viewer);
        if (!found)
            return invalidVersion();
        if (colon != std::string::npos &&
            ref.substr(0, colon) != found->model.owner + "/" + found->model.name)
            return invalidVersion();
        return *found;
    }
    const auto slash = ref.find('/');
    if (colon == std::string::npos && slash != std::string::npos && slash > 0 &&
        ref.find('/', slash + 1) == std::string::npos) {
        if (auto found = s.models.findLatest(ref.substr(0, slash), ref.substr(slash + 1), viewer))
            return *found;
    }
    return invalidVersion();
}

// Python 3.7 reached its end of life, and the platform stopped running models built for it.
bool builtForPython37(const core::Version& v) {
    return v.pythonVersion && (*v.pythonVersion == "3.7" || v.pythonVersion->starts_with("3.7."));
}

std::vector<FieldError> checkOptionalMembers(const json::object& body,
                                             std::optional<std::string>& webhook,
                                             std::optional<std::vector<std::string>>& filter) {
    std::vector<FieldError> errors;
    if (auto it = body.find("webhook"); it != body.end() && !it->value().is_null()) {
        if (!it->value().is_string())
            errors.push_back({"invalid_type", "webhook", "Invalid type. Expected: string"});
        else if (auto bad = core::checkWebhookUrl(std::string(it->value().as_string())))
            errors.push_back(*bad);
        else
            webhook = std::string(it->value().as_string());
    }
    if (auto it = body.find("webhook_events_filter"); it != body.end() && !it->value().is_null()) {
        std::vector<std::string> events;
        if (!it->value().is_array()) {
            errors.push_back(
                {"invalid_type", "webhook_events_filter", "Invalid type. Expected: array"});
        } else {
            for (const auto& v : it->value().as_array()) {
                const bool known =
                    v.is_string() && (v.as_string() == "start" || v.as_string() == "output" ||
                                      v.as_string() == "logs" || v.as_string() == "completed");
                if (!known) {
                    errors.push_back({"enum", "webhook_events_filter",
                                      "webhook_events_filter must be one of the following: "
                                      "\"start\", \"output\", \"logs\", \"completed\""});
                    break;
                }
                events.emplace_back(v.as_string());
            }
            filter = std::move(events);
        }
    }
    if (auto it = body.find("stream"); it != body.end() && !it->value().is_bool())
        errors.push_back({"invalid_type", "stream", "Invalid type. Expected: boolean"});
    return errors;
}

// A wait that ran out answers the prediction as not started: clients take any other status as
// finished and would return partial output as the result.
json::object unfinishedView(json::object doc) {
    doc["status"] = "starting";
    doc["output"] = nullptr;
    return doc;
}

// Creates the prediction and answers: at once, or when it finishes within `wait`.
void submit(core::Services& s, const std::shared_ptr<RequestContext>& ctx,
            const http::Responder& done, core::CreatePrediction request,
            std::optional<std::chrono::seconds> wait) {
    const auto& req = ctx->request;
    const std::string baseUrl = ctx->baseUrl;
    if (!wait) {
        s.predictions.create(
            ctx->account->id, std::move(request), [&s, done, baseUrl](json::object doc) {
                done(http::jsonResponse(status::created,
                                        s.predictions.render(std::move(doc), baseUrl)));
            });
        return;
    }
    const auto seconds = *wait;
    const std::string applied = req["Prefer"].find('=') == std::string_view::npos
                                    ? std::string("wait")
                                    : "wait=" + std::to_string(seconds.count());
    const auto id = s.predictions.create(ctx->account->id, std::move(request), nullptr);
    s.predictions.waitFor(
        id, seconds, [&s, done, baseUrl, applied](json::object doc, bool finished) {
            auto rendered = s.predictions.render(
                finished ? std::move(doc) : unfinishedView(std::move(doc)), baseUrl);
            Response res = http::jsonResponse(status::created, rendered);
            res.set("Preference-Applied", applied);
            if (!finished)
                res.set(http::bhttp::field::location,
                        std::string(rendered.at("urls").at("get").as_string()));
            done(std::move(res));
        });
}

void createPrediction(core::Services& s, const std::shared_ptr<RequestContext>& ctx,
                      const http::Responder& done, bool modelEndpoint) {
    auto fail = [&](const Error& e) { done(http::problem(e)); };
    auto body = jsonObjectBody(*ctx);
    if (!body)
        return fail(body.error());
    auto errors =
        modelEndpoint
            ? core::validateBodyMembers(
                  *body, {"input", "webhook", "webhook_events_filter", "stream"}, {"input"})
            : core::validateBodyMembers(
                  *body, {"version", "input", "webhook", "webhook_events_filter", "stream"},
                  {"version", "input"});
    core::CreatePrediction request;
    auto more = checkOptionalMembers(*body, request.webhook, request.webhookEventsFilter);
    errors.insert(errors.end(), more.begin(), more.end());
    const json::value* input = body->if_contains("input");
    if (input && !input->is_object())
        errors.push_back({"invalid_type", "input",
                          "Invalid type. Expected: object, given: " +
                              std::string(json::to_string(input->kind()))});
    const json::value* version = body->if_contains("version");
    if (version && !version->is_string())
        errors.push_back({"invalid_type", "version", "Invalid type. Expected: string"});
    if (!errors.empty())
        return fail(core::validationError(std::move(errors)));

    Result<core::VersionRef> ref = invalidVersion();
    if (modelEndpoint) {
        auto found =
            s.models.findLatest(ctx->params.at("owner"), ctx->params.at("name"), ctx->account->id);
        if (!found)
            return fail(notFound());
        ref = *found;
    } else {
        ref = resolveVersion(s, std::string(version->as_string()), ctx->account->id);
        if (!ref)
            return fail(ref.error());
    }
    if (builtForPython37(ref->version))
        return fail(makeError(
            ErrorCode::Unprocessable,
            "This version was built for Python 3.7, which is no longer supported. Rebuild the "
            "model with Python 3.8 or later and push a new version.",
            "Unsupported Python version"));

    // The deprecated `stream: true` is harmless for a model that streams, and refused otherwise.
    if (auto it = body->find("stream"); it != body->end() && it->value() == json::value(true)) {
        auto runner = s.runners.find(ref->version.runner.value_or(""));
        if (!runner || !runner->streams())
            return fail(core::validationError(
                {{"invalid_stream", "stream", "This model does not support streaming"}}));
    }

    auto checked = core::validateInput(*ref->version.openapiSchema, input->as_object());
    if (!checked.ok())
        return fail(core::validationError(std::move(checked.errors)));
    request.ref = std::move(ref.value());
    // The real platform echoes the caller's input, not the defaults it applied.
    for (const auto& [key, value] : input->as_object())
        if (checked.input.contains(key))
            request.input.emplace(key, value);
    request.modelInput = std::move(checked.input);

    const auto& req = ctx->request;
    auto wait = parsePreferWait(req["Prefer"]);
    if (!wait)
        return fail(wait.error());
    if (auto header = req["Cancel-After"]; !header.empty()) {
        auto after = parseCancelAfter(header);
        if (!after)
            return fail(after.error());
        request.cancelAfter = *after;
    }

    auto uris = uriInputs(*request.ref.version.openapiSchema, request.modelInput);
    if (uris.empty())
        return submit(s, ctx, done, std::move(request), *wait);
    resolveFileInputs(
        s.files, s.fetchers, ctx->account->id, std::move(uris),
        [&s, ctx, done, request = std::move(request), wait = *wait](
            std::vector<FieldError> fileErrors, std::map<std::string, std::string> bytes) mutable {
            if (!fileErrors.empty())
                return done(http::problem(core::validationError(std::move(fileErrors))));
            request.prefetched = std::move(bytes);
            submit(s, ctx, done, std::move(request), wait);
        });
}

Response listPredictions(core::Services& s, const RequestContext& ctx) {
    core::ListQuery q;
    q.limit = kPredictionsPerPage;
    for (auto [name, target] : {std::pair{"created_after", &q.createdAfter},
                                std::pair{"created_before", &q.createdBefore}}) {
        if (auto value = queryParam(ctx, name)) {
            *target = util::parseRfc3339(*value);
            if (!*target)
                return http::problem(
                    makeError(ErrorCode::BadRequest, std::string(name) +
                                                         " must be an ISO 8601 date or date-time, "
                                                         "such as 2024-01-31T12:00:00Z"));
        }
    }
    q.cursor = queryParam(ctx, "cursor");
    auto page = s.predictions.list(ctx.account->id, q);
    if (!page)
        return http::problem(page.error());
    json::array results;
    for (auto& doc : page->docs)
        results.push_back(s.predictions.render(std::move(doc), ctx.baseUrl));
    auto url = [&](const std::optional<std::string>& c) -> std::optional<std::string> {
        return c ? std::optional(pageUrl(ctx, *c)) : std::nullopt;
    };
    return http::jsonResponse(status::ok, api::page(std::move(results), url(page->nextCursor),
                                                    url(page->previousCursor)));
}
}  // namespace

void addPredictionRoutes(http::Router& router, core::Services& s) {
    using http::AsyncHandler;
    using http::BodyType;
    using http::SyncHandler;

    router.add({"POST", "/v1/predictions", true, BodyType::Json,
                AsyncHandler([&s](auto ctx, auto done) { createPrediction(s, ctx, done, false); }),
                http::RateClass::Create});
    router.add({"POST", "/v1/models/{owner}/{name}/predictions", true, BodyType::Json,
                AsyncHandler([&s](auto ctx, auto done) { createPrediction(s, ctx, done, true); }),
                http::RateClass::Create});
    router.add({"GET", "/v1/predictions", true, BodyType::None,
                SyncHandler([&s](auto& ctx) { return listPredictions(s, ctx); })});
    router.add({"GET", "/v1/predictions/{id}", true, BodyType::None, SyncHandler([&s](auto& ctx) {
                    auto doc = s.predictions.get(ctx.params.at("id"), ctx.account->id);
                    if (!doc)
                        return http::problem(notFound());
                    return http::jsonResponse(status::ok,
                                              s.predictions.render(std::move(*doc), ctx.baseUrl));
                })});
    router.add({"POST", "/v1/predictions/{id}/cancel", true, BodyType::Json,
                AsyncHandler([&s](auto ctx, auto done) {
                    const std::string baseUrl = ctx->baseUrl;
                    const bool found = s.predictions.cancel(
                        ctx->params.at("id"), ctx->account->id,
                        [&s, done, baseUrl](json::object doc) {
                            done(http::jsonResponse(status::ok,
                                                    s.predictions.render(std::move(doc), baseUrl)));
                        });
                    if (!found)
                        done(http::problem(notFound()));
                })});
}

}  // namespace replicant::backend::api
