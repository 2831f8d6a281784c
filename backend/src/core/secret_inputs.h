#pragma once

#include <boost/json/object.hpp>

namespace replicant::backend::core {

// What a secret input reads as once the model has it, in API answers, the store, webhooks and
// streams (Cog's own mask).
inline constexpr const char* kRedacted = "**********";

// `input` with the values of the version's secret inputs (`format: password` or
// `x-cog-secret: true` in its Input schema) replaced by kRedacted. Only the model sees them.
boost::json::object redactSecrets(const boost::json::object& openapi, boost::json::object input);

}  // namespace replicant::backend::core
