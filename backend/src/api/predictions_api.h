#pragma once

#include "core/services.h"
#include "http/router.h"

namespace replicant::backend::api {

// Creating (three ways), reading, listing and canceling predictions.
void addPredictionRoutes(http::Router& router, core::Services& services);

}  // namespace replicant::backend::api
