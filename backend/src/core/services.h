#pragma once

#include "core/accounts.h"
#include "core/cog_service.h"
#include "core/files.h"
#include "core/models.h"
#include "core/predictions.h"
#include "core/webhooks.h"
#include "runners/registry.h"
#include "store/database.h"
#include "util/thread_pool.h"

namespace replicant::backend::core {

// The services one server instance owns; handlers reach the platform through this.
struct Services {
    store::Database& db;
    AccountService& accounts;
    ModelService& models;
    PredictionService& predictions;
    WebhookService& webhooks;
    runners::Registry& runners;
    FileService& files;
    util::ThreadPool& fetchers;  // for fetching URL inputs off the HTTP threads
    CogService& cog;
};

}  // namespace replicant::backend::core
