#pragma once

#include "core/services.h"
#include "http/router.h"

namespace replicant::backend::api {

// Our extension: the account's Cog runners under /replicant/v1/runners, and the routes the Cog
// servers call back on (webhooks and output uploads under /replicant/v1/cog/<secret>/).
void addRunnerRoutes(http::Router& router, core::Services& services);

}  // namespace replicant::backend::api
