#include "util/http_fetch.h"

#include <curl/curl.h>

namespace replicant::backend::util {

namespace {
struct Sink {
    std::string bytes;
    std::size_t max;
    bool tooBig = false;
};

std::size_t collect(char* data, std::size_t size, std::size_t n, void* user) {
    auto* sink = static_cast<Sink*>(user);
    if (sink->bytes.size() + size * n > sink->max) {
        sink->tooBig = true;
        return 0;  // aborts the transfer
    }
    sink->bytes.append(data, size * n);
    return size * n;
}
}  // namespace

Result<Fetched> fetchUrl(const std::string& url, std::size_t maxBytes,
                         std::chrono::milliseconds timeout) {
    CURL* curl = curl_easy_init();
    if (!curl)
        return makeError(ErrorCode::Internal, "cannot start an HTTP client");
    Sink sink{{}, maxBytes};
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 5L);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout.count()));
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(maxBytes));
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
    curl_easy_setopt(curl, CURLOPT_USERAGENT, "replicant/1");
    const CURLcode rc = curl_easy_perform(curl);
    long status = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    char* type = nullptr;
    curl_easy_getinfo(curl, CURLINFO_CONTENT_TYPE, &type);
    Fetched out{std::move(sink.bytes), type ? type : ""};
    curl_easy_cleanup(curl);
    if (sink.tooBig || rc == CURLE_FILESIZE_EXCEEDED)
        return makeError(ErrorCode::Unprocessable, url + " is larger than the limit of " +
                                                       std::to_string(maxBytes) + " bytes");
    if (rc == CURLE_OPERATION_TIMEDOUT)
        return makeError(
            ErrorCode::Unprocessable,
            url + " did not answer within " + std::to_string(timeout.count() / 1000) + " s");
    if (rc != CURLE_OK)
        return makeError(ErrorCode::Unprocessable,
                         "cannot fetch " + url + ": " + curl_easy_strerror(rc));
    if (status < 200 || status >= 300)
        return makeError(ErrorCode::Unprocessable,
                         "fetching " + url + " returned HTTP " + std::to_string(status));
    return out;
}

}  // namespace replicant::backend::util
