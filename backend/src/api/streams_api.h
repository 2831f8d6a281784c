#pragma once

#include "core/services.h"
#include "http/router.h"

namespace replicant::backend::api {

// GET /v1/streams/{id}/{signature}: a prediction's events as server-sent events. The signature
// in the URL is the capability (the official JS client sends no Authorization header here).
void addStreamRoutes(http::Router& router, core::Services& services);

// One event in SSE wire format: `event:`, `id:`, one `data:` line per line of data.
// File URLs in the data get `baseUrl` as their origin.
std::string formatSse(const core::StreamEvent& event, const std::string& baseUrl);

}  // namespace replicant::backend::api
