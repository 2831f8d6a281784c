#include "api/routes.h"

#include "api/account_api.h"

namespace replicant::backend::api {

void buildRoutes(http::Router& router, core::Services&) {
    addAccountRoutes(router);
}

}  // namespace replicant::backend::api
