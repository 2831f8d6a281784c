#pragma once

#include "core/services.h"
#include "http/router.h"

namespace replicant::backend::api {

// GET /v1/webhooks/default/secret, and our delivery log under /replicant/v1/.
void addWebhookRoutes(http::Router& router, core::Services& services);

}  // namespace replicant::backend::api
