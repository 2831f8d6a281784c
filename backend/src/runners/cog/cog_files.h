#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <functional>
#include <optional>
#include <string>

#include "runners/runner.h"

namespace replicant::backend::runners::cog {

// The origin of the Location URLs Replicant answers Cog's output uploads with; the runner swaps
// them for stored files when they appear in an output.
inline constexpr std::string_view kUploadOrigin = "http://uploads.replicant.invalid/";

// The input as the Cog server gets it: file inputs (`format: uri` in the version's Input
// schema, alone or in arrays) become data: URIs, so a server on any host or in a container can
// read them without reaching back to Replicant.
Result<boost::json::object> cogInput(const boost::json::object& openapi,
                                     const boost::json::object& input, PredictContext& ctx);

// An output from the server as Replicant keeps it: data: URIs and uploaded files become stored
// files (URLs the platform serves). A plain path where the schema says file means the server
// could not upload it (Cog's Python server without --upload-url): an error that says so.
// `index` numbers the files of one prediction.
using UploadLookup = std::function<std::optional<OutputFile>(const std::string& url)>;
Result<boost::json::value> replicantOutput(const boost::json::value& output,
                                           const boost::json::value* schema, PredictContext& ctx,
                                           const UploadLookup& uploads, int& index);

}  // namespace replicant::backend::runners::cog
