#include "util/http_client.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <memory>

namespace replicant::backend::util {

namespace {
struct Sink {
    HttpResponse* response;
    std::size_t max;
    bool tooBig = false;
};

std::size_t collectBody(char* data, std::size_t size, std::size_t n, void* user) {
    auto* sink = static_cast<Sink*>(user);
    if (sink->response->body.size() + size * n > sink->max) {
        sink->tooBig = true;
        return 0;  // aborts the transfer
    }
    sink->response->body.append(data, size * n);
    return size * n;
}

std::size_t collectHeader(char* data, std::size_t size, std::size_t n, void* user) {
    auto* response = static_cast<HttpResponse*>(user);
    std::string_view line(data, size * n);
    constexpr std::string_view key = "location:";
    if (line.size() > key.size() &&
        std::equal(key.begin(), key.end(), line.begin(), [](char a, char b) {
            return a == std::tolower(static_cast<unsigned char>(b));
        })) {
        line.remove_prefix(key.size());
        while (!line.empty() && (line.front() == ' ' || line.front() == '\t'))
            line.remove_prefix(1);
        while (!line.empty() && (line.back() == '\r' || line.back() == '\n' || line.back() == ' '))
            line.remove_suffix(1);
        response->location = std::string(line);
    }
    return size * n;
}

struct CurlDeleter {
    void operator()(CURL* c) const { curl_easy_cleanup(c); }
};

// One handle per thread: curl keeps its connection cache in the handle.
CURL* threadHandle() {
    thread_local std::unique_ptr<CURL, CurlDeleter> handle(curl_easy_init());
    if (handle)
        curl_easy_reset(handle.get());
    return handle.get();
}
}  // namespace

HttpResult httpRequest(const HttpRequest& request) {
    HttpResult result;
    CURL* curl = threadHandle();
    if (!curl) {
        result.failure = TransportFailure::Other;
        result.error = "cannot start an HTTP client";
        return result;
    }
    Sink sink{&result.response, request.maxBytes};
    curl_slist* headers = nullptr;
    for (const auto& [name, value] : request.headers)
        headers = curl_slist_append(headers, (name + ": " + value).c_str());
    // curl would otherwise add "Expect: 100-continue" to larger bodies and wait for it.
    headers = curl_slist_append(headers, "Expect:");
    curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    if (request.method == "HEAD")
        curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
    if (!request.body.empty() || request.method == "POST" || request.method == "PUT") {
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.data());
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE,
                         static_cast<curl_off_t>(request.body.size()));
    }
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, request.followRedirects ? 1L : 0L);
    curl_easy_setopt(curl, CURLOPT_MAXREDIRS, 5L);
    curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout.count()));
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(request.connectTimeout.count()));
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(request.maxBytes));
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collectBody);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, collectHeader);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &result.response);
    curl_easy_setopt(curl, CURLOPT_USERAGENT, "replicant/1");
    const CURLcode rc = curl_easy_perform(curl);
    curl_slist_free_all(headers);
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &result.response.status);
    char* type = nullptr;
    curl_easy_getinfo(curl, CURLINFO_CONTENT_TYPE, &type);
    result.response.contentType = type ? type : "";
    if (sink.tooBig || rc == CURLE_FILESIZE_EXCEEDED) {
        result.failure = TransportFailure::TooLarge;
        result.error = request.url + " is larger than the limit of " +
                       std::to_string(request.maxBytes) + " bytes";
    } else if (rc == CURLE_OPERATION_TIMEDOUT) {
        result.failure = TransportFailure::Timeout;
        const auto ms = request.timeout.count();
        result.error =
            request.url + " did not answer within " +
            (ms % 1000 == 0 ? std::to_string(ms / 1000) + " s" : std::to_string(ms) + " ms");
    } else if (rc == CURLE_COULDNT_CONNECT || rc == CURLE_COULDNT_RESOLVE_HOST ||
               rc == CURLE_GOT_NOTHING || rc == CURLE_SEND_ERROR || rc == CURLE_RECV_ERROR) {
        result.failure = TransportFailure::Unreachable;
        result.error = "cannot reach " + request.url + ": " + curl_easy_strerror(rc);
    } else if (rc != CURLE_OK) {
        result.failure = TransportFailure::Other;
        result.error = "request to " + request.url + " failed: " + curl_easy_strerror(rc);
    }
    return result;
}

}  // namespace replicant::backend::util
