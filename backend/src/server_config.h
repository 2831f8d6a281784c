#pragma once

#include <vector>

#include "replicant/backend/result.h"
#include "replicant/backend/server_options.h"

namespace replicant::backend {

// The Cog runners to start: those of the options, then those of the config file, a JSON
// object like {"runners": [{"model": "me/echo", "url": "http://127.0.0.1:5000"},
// {"model": "me/llm", "command": "python -m cog.server.http", "concurrency": 1}]}.
// Errors name the file and the entry.
Result<std::vector<CogRunnerOption>> cogOptions(const ServerOptions& options);

}  // namespace replicant::backend
