#pragma once

#include "http/router.h"

namespace replicant::backend::api {

// GET /v1/account and GET /health.
void addAccountRoutes(http::Router& router);

}  // namespace replicant::backend::api
