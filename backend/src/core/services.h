#pragma once

#include "core/accounts.h"
#include "core/models.h"
#include "core/predictions.h"
#include "core/webhooks.h"
#include "runners/registry.h"
#include "store/database.h"

namespace replicant::backend::core {

// The services one server instance owns; handlers reach the platform through this.
struct Services {
    store::Database& db;
    AccountService& accounts;
    ModelService& models;
    PredictionService& predictions;
    WebhookService& webhooks;
    runners::Registry& runners;
};

}  // namespace replicant::backend::core
