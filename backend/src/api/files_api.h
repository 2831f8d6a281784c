#pragma once

#include "core/services.h"
#include "http/router.h"

namespace replicant::backend::api {

// The Files API (/v1/files), output file delivery (/files/<id>/<name>, Range supported) and
// deleting a prediction with its files (/replicant/v1/predictions/{id}).
void addFileRoutes(http::Router& router, core::Services& services);

}  // namespace replicant::backend::api
