#include "api/request.h"

#include <boost/json.hpp>
#include <boost/url/params_encoded_view.hpp>
#include <boost/url/params_view.hpp>

#include "util/base64.h"

namespace replicant::backend::api {

namespace json = boost::json;

Result<json::object> jsonObjectBody(const http::RequestContext& ctx) {
    const auto& body = ctx.request.body();
    if (body.empty())
        return makeError(ErrorCode::BadRequest, "JSON parse error - the request body is empty.");
    std::error_code ec;
    auto value = json::parse(body, ec);
    if (ec)
        return makeError(ErrorCode::BadRequest, "JSON parse error - " + ec.message());
    if (!value.is_object())
        return makeError(ErrorCode::BadRequest,
                         "JSON parse error - the request body must be a JSON object.");
    return std::move(value.as_object());
}

std::optional<std::string> queryParam(const http::RequestContext& ctx, std::string_view name) {
    boost::urls::params_view params(ctx.query);
    auto it = params.find(name);
    if (it == params.end())
        return std::nullopt;
    return std::string((*it).value);
}

std::string pageUrl(const http::RequestContext& ctx, const std::string& cursor) {
    // Other query parameters (filters) carry over to the next page.
    std::string query;
    for (auto param : boost::urls::params_encoded_view(ctx.query)) {
        if (param.key == "cursor")
            continue;
        query += (query.empty() ? "" : "&");
        query += std::string(param.key) + "=" + std::string(param.value);
    }
    query += (query.empty() ? "" : "&") + std::string("cursor=") + cursor;
    return ctx.baseUrl + ctx.path + "?" + query;
}

json::object page(json::array results, const std::optional<std::string>& next,
                  const std::optional<std::string>& previous) {
    return json::object{{"previous", previous ? json::value(*previous) : json::value(nullptr)},
                        {"next", next ? json::value(*next) : json::value(nullptr)},
                        {"results", std::move(results)}};
}

Result<OffsetPage> offsetPage(const http::RequestContext& ctx, std::int64_t limit) {
    OffsetPage p{0, limit};
    if (auto cursor = queryParam(ctx, "cursor")) {
        auto raw = util::base64UrlDecode(*cursor);
        if (!raw || raw->size() < 3 || raw->substr(0, 2) != "o|" ||
            raw->find_first_not_of("0123456789", 2) != std::string::npos)
            return makeError(ErrorCode::BadRequest, "Invalid cursor");
        p.offset = std::stoll(raw->substr(2));
    }
    return p;
}

json::object offsetPageJson(const http::RequestContext& ctx, const OffsetPage& p,
                            json::array items) {
    std::optional<std::string> next, previous;
    if (static_cast<std::int64_t>(items.size()) > p.limit) {
        items.pop_back();
        next = pageUrl(ctx, util::base64UrlEncode("o|" + std::to_string(p.offset + p.limit)));
    }
    if (p.offset > 0)
        previous = pageUrl(ctx, util::base64UrlEncode("o|" + std::to_string(std::max<std::int64_t>(
                                                                 0, p.offset - p.limit))));
    return page(std::move(items), next, previous);
}

Error notFound() {
    return makeError(ErrorCode::NotFound, "The requested resource could not be found.");
}

}  // namespace replicant::backend::api
