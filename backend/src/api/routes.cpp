#include "api/routes.h"

#include "api/account_api.h"
#include "api/files_api.h"
#include "api/models_api.h"
#include "api/predictions_api.h"
#include "api/runners_api.h"
#include "api/streams_api.h"
#include "api/webhooks_api.h"

namespace replicant::backend::api {

void buildRoutes(http::Router& router, core::Services& services) {
    addAccountRoutes(router);
    addModelRoutes(router, services);
    addPredictionRoutes(router, services);
    addStreamRoutes(router, services);
    addWebhookRoutes(router, services);
    addFileRoutes(router, services);
    addRunnerRoutes(router, services);
}

}  // namespace replicant::backend::api
