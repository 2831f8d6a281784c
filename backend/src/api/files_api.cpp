#include "api/files_api.h"

#include <boost/json.hpp>

#include <charconv>

#include "api/request.h"
#include "core/input_validation.h"
#include "http/problem.h"
#include "util/multipart.h"

namespace replicant::backend::api {

namespace json = boost::json;
using http::RequestContext;
using http::Response;
using http::bhttp::status;

namespace {
Error fileNotFound() {
    return makeError(ErrorCode::NotFound, "File not found");
}

Response upload(core::Services& s, const RequestContext& ctx) {
    auto parts =
        util::parseMultipart(ctx.request[http::bhttp::field::content_type], ctx.request.body());
    if (!parts)
        return http::problem(
            makeError(ErrorCode::BadRequest, "Malformed multipart/form-data body."));
    const util::FormPart* content = nullptr;
    std::string filename, type;
    json::object metadata;
    for (const auto& part : *parts) {
        if (part.name == "content") {
            content = &part;
        } else if (part.name == "filename") {
            filename = std::string(part.body);
        } else if (part.name == "type") {
            type = std::string(part.body);
        } else if (part.name == "metadata") {
            // The JS client sends it as a file part, the Python client as a field.
            std::error_code ec;
            auto v = json::parse(part.body, ec);
            if (ec || !v.is_object())
                return http::problem(core::validationError(
                    {{"invalid_type", "metadata", "metadata must be a JSON object"}}));
            metadata = std::move(v.as_object());
        }
    }
    if (!content)
        return http::problem(core::validationError({{"required", "", "content is required"}}));
    // The explicit fields win; otherwise the content part's own name and type.
    if (filename.empty())
        filename = content->filename.value_or("");
    if (type.empty())
        type = content->contentType;
    if (filename.size() > 255)
        return http::problem(core::validationError(
            {{"string_lte", "filename", "filename must be at most 255 bytes"}}));
    auto file = s.files.create(ctx.account->id, content->body, filename, type, metadata);
    if (!file)
        return http::problem(file.error());
    return http::jsonResponse(status::created, s.files.toJson(*file, ctx.baseUrl));
}

// Serves `bytes` honouring a single `Range: bytes=a-b` (206, or 416 when unsatisfiable).
Response withRange(const RequestContext& ctx, std::string bytes, const std::string& type) {
    const std::string range(ctx.request[http::bhttp::field::range]);
    const auto size = bytes.size();
    Response res{status::ok, 11};
    res.set(http::bhttp::field::content_type, type);
    res.set(http::bhttp::field::accept_ranges, "bytes");
    res.set(http::bhttp::field::cache_control, "private, max-age=3600");
    if (range.starts_with("bytes=") && range.find(',') == std::string::npos) {
        const auto dash = range.find('-');
        std::size_t first = 0, last = size ? size - 1 : 0;
        const std::string a = range.substr(6, dash - 6), b = range.substr(dash + 1);
        bool ok = dash != std::string::npos && (!a.empty() || !b.empty());
        if (ok && a.empty()) {  // the last N bytes
            std::size_t n = 0;
            std::from_chars(b.data(), b.data() + b.size(), n);
            first = n >= size ? 0 : size - n;
        } else if (ok) {
            std::from_chars(a.data(), a.data() + a.size(), first);
            if (!b.empty())
                std::from_chars(b.data(), b.data() + b.size(), last);
            last = std::min(last, size ? size - 1 : 0);
        }
        if (!ok || first >= size || first > last) {
            Response bad = http::problem(
                makeError(ErrorCode::BadRequest, "Range not satisfiable", "Range not satisfiable"));
            bad.result(status::range_not_satisfiable);
            bad.set(http::bhttp::field::content_range, "bytes */" + std::to_string(size));
            return bad;
        }
        res.result(status::partial_content);
        res.set(http::bhttp::field::content_range, "bytes " + std::to_string(first) + "-" +
                                                       std::to_string(last) + "/" +
                                                       std::to_string(size));
        res.body() = bytes.substr(first, last - first + 1);
        return res;
    }
    res.body() = std::move(bytes);
    return res;
}
}  // namespace

void addFileRoutes(http::Router& router, core::Services& s) {
    using http::BodyType;
    using http::SyncHandler;
    router.add({"POST", "/v1/files", true, BodyType::Multipart,
                SyncHandler([&s](auto& ctx) { return upload(s, ctx); })});
    router.add({"GET", "/v1/files", true, BodyType::None, SyncHandler([&s](auto& ctx) {
                    auto p = offsetPage(ctx, 100);
                    if (!p)
                        return http::problem(p.error());
                    auto files = s.files.list(ctx.account->id, p->offset, p->limit + 1);
                    if (!files)
                        return http::problem(files.error());
                    json::array items;
                    for (const auto& f : *files)
                        items.push_back(s.files.toJson(f, ctx.baseUrl));
                    return http::jsonResponse(status::ok,
                                              offsetPageJson(ctx, *p, std::move(items)));
                })});
    router.add({"GET", "/v1/files/{id}", true, BodyType::None, SyncHandler([&s](auto& ctx) {
                    auto f = s.files.get(ctx.params.at("id"), ctx.account->id);
                    if (!f || f->kind != "upload")
                        return http::problem(fileNotFound());
                    return http::jsonResponse(status::ok, s.files.toJson(*f, ctx.baseUrl));
                })});
    router.add({"DELETE", "/v1/files/{id}", true, BodyType::None, SyncHandler([&s](auto& ctx) {
                    auto f = s.files.get(ctx.params.at("id"), ctx.account->id);
                    if (!f || f->kind != "upload")
                        return http::problem(fileNotFound());
                    if (auto r = s.files.remove(*f); !r)
                        return http::problem(r.error());
                    return http::emptyResponse(status::no_content);
                })});
    // Signed, expiring download without a token: signature = base64 HMAC of "owner id expiry".
    router.add(
        {"GET", "/v1/files/{id}/download", false, BodyType::None, SyncHandler([&s](auto& ctx) {
             const auto& id = ctx.params.at("id");
             const auto owner = queryParam(ctx, "owner").value_or("");
             const auto expiry = queryParam(ctx, "expiry").value_or("");
             const auto signature = queryParam(ctx, "signature").value_or("");
             std::int64_t when = 0;
             std::from_chars(expiry.data(), expiry.data() + expiry.size(), when);
             const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                                  std::chrono::system_clock::now().time_since_epoch())
                                  .count();
             auto f = s.files.get(id);
             if (!f || when < now || signature != s.files.downloadSignature(owner, id, when))
                 return http::problem(fileNotFound());
             auto bytes = s.files.read(*f);
             if (!bytes)
                 return http::problem(bytes.error());
             return withRange(ctx, std::move(*bytes), "application/octet-stream");
         })});
    // Output files: the random id in the path is the capability.
    router.add({"GET", "/files/{id}/{name}", false, BodyType::None, SyncHandler([&s](auto& ctx) {
                    auto f = s.files.get(ctx.params.at("id"));
                    if (!f || f->kind != "output")
                        return http::problem(fileNotFound());
                    auto bytes = s.files.read(*f);
                    if (!bytes)
                        return http::problem(bytes.error());
                    return withRange(ctx, std::move(*bytes), f->contentType);
                })});
    router.add({"DELETE", "/replicant/v1/predictions/{id}", true, BodyType::None,
                SyncHandler([&s](auto& ctx) {
                    auto removed = s.predictions.remove(ctx.params.at("id"), ctx.account->id);
                    if (!removed)
                        return http::problem(removed.error());
                    if (!*removed)
                        return http::problem(notFound());
                    return http::emptyResponse(status::no_content);
                })});
}

}  // namespace replicant::backend::api
