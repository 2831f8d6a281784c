#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace replicant::backend::util {

// RFC 3339 UTC with microseconds and a Z suffix, as the real API writes timestamps.
std::string rfc3339(std::chrono::system_clock::time_point t);
// Microsecond time points cover any date a client may send (nanosecond ones end in 2262).
using MicroTime = std::chrono::sys_time<std::chrono::microseconds>;
std::string rfc3339(MicroTime t);
std::string nowRfc3339();
// Parses ISO 8601 / RFC 3339 dates and date-times ("2024-01-02", "2024-01-02T03:04:05.678Z",
// "2024-01-02T03:04:05+01:00"); no zone means UTC.
std::optional<MicroTime> parseRfc3339(std::string_view text);
// Seconds as a double, the unit of the API's metrics.
double seconds(std::chrono::system_clock::duration d);

}  // namespace replicant::backend::util
