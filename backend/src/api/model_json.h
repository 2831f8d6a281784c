#pragma once

#include <boost/json/object.hpp>

#include <optional>
#include <string>

#include "core/models.h"

namespace replicant::backend::api {

boost::json::object versionJson(const core::Version& v);
// The model object; `latest` and `example` are the latest version and the default example's
// rendered prediction, when there are ones.
boost::json::object modelJson(const core::Model& m, const std::optional<core::Version>& latest,
                              const std::optional<boost::json::object>& example,
                              const std::string& baseUrl);

}  // namespace replicant::backend::api
