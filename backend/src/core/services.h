#pragma once

#include "core/accounts.h"
#include "store/database.h"

namespace replicant::backend::core {

// The services one server instance owns; handlers reach the platform through this.
struct Services {
    store::Database& db;
    AccountService& accounts;
};

}  // namespace replicant::backend::core
