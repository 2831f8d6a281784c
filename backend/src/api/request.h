#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "http/types.h"
#include "replicant/backend/result.h"

namespace replicant::backend::api {

// The request body as a JSON object; a 400 in the real API's words when it is not one.
Result<boost::json::object> jsonObjectBody(const http::RequestContext& ctx);

// A decoded query parameter.
std::optional<std::string> queryParam(const http::RequestContext& ctx, std::string_view name);

// Absolute URL of `path` with a `cursor` query parameter (the JS client needs absolute URLs).
std::string pageUrl(const http::RequestContext& ctx, const std::string& cursor);

// A page in the real API's shape: previous, next, results.
boost::json::object page(boost::json::array results, const std::optional<std::string>& next,
                         const std::optional<std::string>& previous);

// Offset pagination behind an opaque cursor, for short lists (models, versions).
struct OffsetPage {
    std::int64_t offset = 0;
    std::int64_t limit = 25;
};
Result<OffsetPage> offsetPage(const http::RequestContext& ctx, std::int64_t limit);
// Builds the page for `items` fetched with limit+1 rows.
boost::json::object offsetPageJson(const http::RequestContext& ctx, const OffsetPage& p,
                                   boost::json::array items);

Error notFound();

}  // namespace replicant::backend::api
