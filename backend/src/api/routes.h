#pragma once

#include "core/services.h"
#include "http/router.h"

namespace replicant::backend::api {

// The route table: every endpoint the server answers is registered from here.
void buildRoutes(http::Router& router, core::Services& services);

}  // namespace replicant::backend::api
