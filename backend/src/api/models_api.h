#pragma once

#include "core/services.h"
#include "http/router.h"

namespace replicant::backend::api {

// /v1/models and versions, readme, examples.
void addModelRoutes(http::Router& router, core::Services& services);

}  // namespace replicant::backend::api
