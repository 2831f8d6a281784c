#include "http/dispatcher.h"

#include <boost/url/parse.hpp>

#include <algorithm>
#include <chrono>
#include <exception>

#include "http/problem.h"
#include "util/crypto.h"
#include "util/log.h"

namespace replicant::backend::http {

namespace {
bool ciStartsWith(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() &&
           std::equal(prefix.begin(), prefix.end(), s.begin(), [](char a, char b) {
               return std::tolower(static_cast<unsigned char>(a)) ==
                      std::tolower(static_cast<unsigned char>(b));
           });
}

std::string_view mediaType(std::string_view contentType) {
    auto semi = contentType.find(';');
    auto type = contentType.substr(0, semi);
    while (!type.empty() && type.back() == ' ')
        type.remove_suffix(1);
    return type;
}

// The path as logged: path parameters that are capabilities (a stream's signature, a Cog
// runner's callback secret) are left out.
std::string loggedPath(const RequestContext& ctx) {
    std::string path = ctx.path;
    for (const char* name : {"signature", "secret"}) {
        const auto it = ctx.params.find(name);
        if (it == ctx.params.end() || it->second.empty())
            continue;
        if (const auto at = path.find('/' + it->second); at != std::string::npos)
            path.replace(at + 1, it->second.size(), "***");
    }
    return path;
}

bool acceptsBody(BodyType want, const Request& req) {
    if (req.body().empty() && req.find(bhttp::field::content_type) == req.end())
        return true;
    const auto type = mediaType(req[bhttp::field::content_type]);
    switch (want) {
        case BodyType::None:
            return req.body().empty();
        case BodyType::Json:
            return ciStartsWith(type, "application/json") && type.size() == 16;
        case BodyType::Multipart:
            return ciStartsWith(type, "multipart/form-data");
        case BodyType::Text:
            return ciStartsWith(type, "text/plain");
        case BodyType::Any:
            return true;
    }
    return false;
}

const char* expectedType(BodyType want) {
    switch (want) {
        case BodyType::None:
            return "no request body";
        case BodyType::Json:
            return "application/json";
        case BodyType::Multipart:
            return "multipart/form-data";
        case BodyType::Text:
            return "text/plain";
        case BodyType::Any:
            return "any body";
    }
    return "";
}

std::string joined(const std::vector<std::string>& methods) {
    std::string out;
    for (const auto& m : methods)
        out += (out.empty() ? "" : ", ") + m;
    return out;
}
}  // namespace

std::string tokenFromAuthorization(std::string_view header) {
    for (std::string_view scheme : {"Bearer ", "Token "}) {
        if (ciStartsWith(header, scheme)) {
            auto token = header.substr(scheme.size());
            while (!token.empty() && token.front() == ' ')
                token.remove_prefix(1);
            while (!token.empty() && token.back() == ' ')
                token.remove_suffix(1);
            return std::string(token);
        }
    }
    return {};
}

std::string requestIdFor(std::string_view supplied) {
    const bool usable =
        !supplied.empty() && supplied.size() <= 128 &&
        std::all_of(supplied.begin(), supplied.end(), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
        });
    return usable ? std::string(supplied) : util::randomId(26);
}

Response Dispatcher::early(const Error& error, const std::string& requestId) {
    Response res = problem(error);
    res.set("X-Request-Id", requestId);
    res.keep_alive(false);
    res.prepare_payload();
    return res;
}

void Dispatcher::dispatch(std::shared_ptr<RequestContext> ctx, Responder done) const {
    const auto started = std::chrono::steady_clock::now();
    const std::string method(ctx->request.method_string());
    const bool keepAlive = ctx->request.keep_alive();

    // Every response leaves through here: headers common to all, and one log line. The log has
    // the path only: query strings and headers can carry secrets.
    Responder finish = [ctx, done = std::move(done), started, method, keepAlive,
                        log = logRequests_](Response res) {
        res.set("X-Request-Id", ctx->requestId);
        res.set(bhttp::field::server, "replicant");
        res.keep_alive(keepAlive);
        res.prepare_payload();
        if (log) {
            const auto ms = std::chrono::duration<double, std::milli>(
                                std::chrono::steady_clock::now() - started)
                                .count();
            util::logInfo(method + " " + loggedPath(*ctx) + " " + std::to_string(res.result_int()) +
                          " " + std::to_string(static_cast<long>(ms)) + "ms " + ctx->requestId);
        }
        done(std::move(res));
    };

    const auto match = router_.match(method, ctx->path);
    if (!match.route) {
        if (match.allowed.empty())
            return finish(problem(
                makeError(ErrorCode::NotFound, "The requested resource could not be found.")));
        Response res =
            problem(makeError(ErrorCode::MethodNotAllowed, "Method \"" + method + "\" not allowed.",
                              "Method not allowed"));
        res.set(bhttp::field::allow, joined(match.allowed));
        return finish(std::move(res));
    }
    const Route& route = *match.route;
    ctx->params = match.params;

    if (route.authenticated) {
        ctx->account = accounts_.authenticate(
            tokenFromAuthorization(ctx->request[bhttp::field::authorization]));
        if (!ctx->account)
            return finish(problem(makeError(ErrorCode::Unauthenticated,
                                            "You did not pass a valid authentication token",
                                            "Unauthenticated")));
    }
    if (route.authenticated && limiter_.enabled()) {
        const auto d = limiter_.take(ctx->account->id, route.rate);
        if (!d.allowed) {
            Response res = problem(makeError(ErrorCode::TooManyRequests,
                                             "Request was throttled. Expected available in " +
                                                 std::to_string(d.resetSeconds) +
                                                 (d.resetSeconds == 1 ? " second." : " seconds.")));
            res.set(bhttp::field::retry_after, std::to_string(d.resetSeconds));
            res.set("ratelimit-remaining", "0");
            res.set("ratelimit-reset", std::to_string(d.resetSeconds));
            return finish(std::move(res));
        }
        // Every answer to this request carries the allowance left.
        finish = [finish = std::move(finish), d](Response res) {
            res.set("ratelimit-remaining", std::to_string(d.remaining));
            res.set("ratelimit-reset", std::to_string(d.resetSeconds));
            finish(std::move(res));
        };
    }
    if (!acceptsBody(route.body, ctx->request)) {
        return finish(
            problem(makeError(ErrorCode::UnsupportedMediaType,
                              std::string("Unsupported media type \"") +
                                  std::string(ctx->request[bhttp::field::content_type]) +
                                  "\" in request; expected " + expectedType(route.body) + ".",
                              "Unsupported media type")));
    }

    try {
        if (const auto* sync = std::get_if<SyncHandler>(&route.handler)) {
            finish((*sync)(*ctx));
        } else {
            std::get<AsyncHandler>(route.handler)(ctx, finish);
        }
    } catch (const std::exception& e) {
        util::logError("handler " + route.pattern + " threw: " + e.what());
        finish(problem(makeError(ErrorCode::Internal, "Internal server error")));
    }
}

}  // namespace replicant::backend::http
