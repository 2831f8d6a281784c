#pragma once

#include <chrono>
#include <optional>
#include <string_view>

#include "replicant/backend/result.h"

namespace replicant::backend::api {

// `Prefer: wait` (60 s) or `Prefer: wait=N`. Values over 60 are clamped to 60: the JS client
// sends its own timeout as is, and a user would rather wait the maximum than get an error.
// Returns nullopt when the header asks for no waiting; an Error when it is malformed.
Result<std::optional<std::chrono::seconds>> parsePreferWait(std::string_view header);

// `Cancel-After`: "30", "30s", "5m", "1h30m45s"; at least 5 seconds.
Result<std::chrono::seconds> parseCancelAfter(std::string_view header);

}  // namespace replicant::backend::api
