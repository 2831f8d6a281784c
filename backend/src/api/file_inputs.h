#pragma once

#include <boost/json/object.hpp>

#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/files.h"
#include "replicant/backend/result.h"
#include "util/thread_pool.h"

namespace replicant::backend::api {

// (field, uri) for every value of a `format: uri` input (or array of them) in `input`.
std::vector<std::pair<std::string, std::string>> uriInputs(const boost::json::object& openapi,
                                                           const boost::json::object& input);

// Checks file inputs before a prediction is created, as the platform does: data: URIs must
// decode, our own file URLs must exist, other URLs are fetched (with size and time limits) so
// that an unreachable or oversized one is a 422 now rather than a failed prediction later.
// `done` gets the field errors, or the fetched bytes by URI; it may run on a fetch thread.
using FileInputsDone =
    std::function<void(std::vector<FieldError> errors, std::map<std::string, std::string> bytes)>;
void resolveFileInputs(core::FileService& files, util::ThreadPool& fetchers, std::int64_t accountId,
                       std::vector<std::pair<std::string, std::string>> inputs,
                       FileInputsDone done);

}  // namespace replicant::backend::api
