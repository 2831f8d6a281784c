#pragma once

#include <boost/json/value.hpp>

#include "http/types.h"
#include "replicant/backend/result.h"

namespace replicant::backend::http {

unsigned statusFor(ErrorCode code);

// The one place an Error becomes an HTTP response: application/problem+json with the fields the
// real API sends (title when it has one, detail, status) plus any `extra` members.
Response problem(const Error& error, const boost::json::object& extra = {});

Response jsonResponse(bhttp::status status, const boost::json::value& body);
Response textResponse(bhttp::status status, std::string body,
                      std::string_view contentType = "text/plain; charset=utf-8");
Response emptyResponse(bhttp::status status);

}  // namespace replicant::backend::http
