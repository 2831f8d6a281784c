#pragma once

#include <chrono>
#include <string>

namespace replicant::backend::util {

// RFC 3339 UTC with microseconds and a Z suffix, as the real API writes timestamps.
std::string rfc3339(std::chrono::system_clock::time_point t);
std::string nowRfc3339();

}  // namespace replicant::backend::util
