#pragma once

#include <span>
#include <string_view>

#include "replicant/backend/result.h"
#include "store/database.h"

namespace replicant::backend::store {

struct Migration {
    int version;
    std::string_view sql;
};

// The project's schema history, oldest first. Append only: never edit a released migration.
std::span<const Migration> migrations();

// Brings the database to the newest schema, one transaction per migration, recording progress in
// PRAGMA user_version. Refuses a database written by a newer Replicant.
Result<void> migrate(Database& db, std::span<const Migration> steps = migrations());

}  // namespace replicant::backend::store
