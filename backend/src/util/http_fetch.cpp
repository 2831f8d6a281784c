#include "util/http_fetch.h"

#include "util/http_client.h"

namespace replicant::backend::util {

Result<Fetched> fetchUrl(const std::string& url, std::size_t maxBytes,
                         std::chrono::milliseconds timeout) {
    if (!url.starts_with("http://") && !url.starts_with("https://"))
        return makeError(ErrorCode::Unprocessable, "cannot fetch " + url + ": not an http(s) URL");
    HttpRequest request;
    request.url = url;
    request.maxBytes = maxBytes;
    request.timeout = timeout;
    request.connectTimeout = std::min(timeout, std::chrono::milliseconds(10000));
    request.followRedirects = true;
    auto result = httpRequest(request);
    if (!result.ok())
        return makeError(ErrorCode::Unprocessable, result.error);
    auto& response = result.response;
    if (response.status < 200 || response.status >= 300)
        return makeError(ErrorCode::Unprocessable,
                         "fetching " + url + " returned HTTP " + std::to_string(response.status));
    return Fetched{std::move(response.body), std::move(response.contentType)};
}

}  // namespace replicant::backend::util
