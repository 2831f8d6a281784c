// Runs built-in models directly, without the platform: inputs are validated and completed with
// the schema's defaults as the platform does, file inputs are data: URIs or earlier outputs, and
// output files stay in memory under memory:// URLs.
#pragma once

#include <boost/json.hpp>

#include <atomic>
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "runners/builtin/catalog.h"

namespace harness {

namespace json = boost::json;
using replicant::backend::Result;
using replicant::backend::runners::OutputFile;
using Clock = std::chrono::steady_clock;

struct Run {
    std::optional<Result<json::value>> result;
    std::vector<std::string> invalid;  // input validation errors; the model did not run
    std::vector<json::value> emitted;
    std::vector<Clock::time_point> emittedAt;
    Clock::time_point started, finished;
    std::string logs;

    bool ok() const { return invalid.empty() && result && result->ok(); }
    std::string error() const;  // the validation errors or the model's error detail
    const json::value& output() const { return result->value(); }
};

// The built-in model `name` ("face-detect"), or null.
const replicant::backend::runners::builtin::BuiltinModel* model(const std::string& name);

// Runs `name` on `input`. `cancel`, when given, is the prediction's cancel flag.
Run run(const std::string& name, json::object input, std::atomic<bool>* cancel = nullptr);

// The file behind a memory:// URL that an earlier run returned.
const OutputFile* file(const std::string& url);

// "data:<type>;base64,..." of `bytes`.
std::string dataUri(const std::string& bytes, const std::string& type);

}  // namespace harness
