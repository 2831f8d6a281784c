#include "http/problem.h"

#include "util/json_text.h"

#include <boost/json/serialize.hpp>

namespace replicant::backend::http {

unsigned statusFor(ErrorCode code) {
    switch (code) {
        case ErrorCode::BadRequest:
            return 400;
        case ErrorCode::Unauthenticated:
            return 401;
        case ErrorCode::Forbidden:
            return 403;
        case ErrorCode::NotFound:
            return 404;
        case ErrorCode::MethodNotAllowed:
            return 405;
        case ErrorCode::Conflict:
            return 409;
        case ErrorCode::PayloadTooLarge:
            return 413;
        case ErrorCode::UnsupportedMediaType:
            return 415;
        case ErrorCode::Unprocessable:
            return 422;
        case ErrorCode::TooManyRequests:
            return 429;
        case ErrorCode::Internal:
            return 500;
        case ErrorCode::Unavailable:
            return 503;
    }
    return 500;
}

Response problem(const Error& error, const boost::json::object& extra) {
    const unsigned status = statusFor(error.code);
    boost::json::object body;
    if (!error.title.empty())
        body["title"] = error.title;
    body["detail"] = error.detail;
    body["status"] = status;
    if (!error.invalidFields.empty()) {
        boost::json::array fields;
        for (const auto& f : error.invalidFields)
            fields.push_back(
                {{"type", f.type}, {"field", f.field}, {"description", f.description}});
        body["invalid_fields"] = std::move(fields);
    }
    for (const auto& [key, value] : extra)
        body[key] = value;
    Response res{static_cast<bhttp::status>(status), 11};
    res.set(bhttp::field::content_type, "application/problem+json");
    res.body() = util::toJson(body);
    return res;
}

Response jsonResponse(bhttp::status status, const boost::json::value& body) {
    Response res{status, 11};
    res.set(bhttp::field::content_type, "application/json");
    res.body() = util::toJson(body);
    return res;
}

Response textResponse(bhttp::status status, std::string body, std::string_view contentType) {
    Response res{status, 11};
    res.set(bhttp::field::content_type, contentType);
    res.body() = std::move(body);
    return res;
}

Response emptyResponse(bhttp::status status) {
    return Response{status, 11};
}

}  // namespace replicant::backend::http
