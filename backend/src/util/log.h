#pragma once

#include <string_view>

namespace replicant::backend::util {

// Timestamped lines on stderr; stdout is kept for what scripts read ("listening on ...").
void logInfo(std::string_view message);
void logError(std::string_view message);
// Turns informational lines (request logs) on or off; errors are always written.
void setLogEnabled(bool enabled);

}  // namespace replicant::backend::util
