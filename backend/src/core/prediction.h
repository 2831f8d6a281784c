#pragma once

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace replicant::backend::core {

enum class Status { Starting, Processing, Succeeded, Failed, Canceled, Aborted };

std::string_view toString(Status s);
bool isTerminal(Status s);

using TimePoint = std::chrono::system_clock::time_point;

// One prediction, as the platform keeps it while it lives in memory.
struct Prediction {
    std::string id;
    std::int64_t accountId = 0;
    std::int64_t modelId = 0;
    std::string model;               // owner/name
    std::string version;             // 64 hex
    boost::json::object input;       // as the client sent it (unknown keys dropped)
    boost::json::object modelInput;  // what the model receives: defaults applied
    boost::json::value output = nullptr;
    std::string logs;
    std::optional<std::string> error;
    Status status = Status::Starting;
    std::string source = "api";
    TimePoint createdAt;
    std::optional<TimePoint> startedAt, completedAt, deadline;
    std::optional<std::string> webhook;
    std::optional<std::vector<std::string>> webhookEventsFilter;
    std::optional<std::string> deployment;
    bool dataRemoved = false;
    bool streams = false;  // the model streams: the prediction gets urls.stream
};

// The API document without `urls` (added per request, since they depend on the address the
// client used): what the store keeps and what renderPrediction() completes.
boost::json::object toDoc(const Prediction& p);

// Adds `urls` to a stored document for a client that addressed the server at `baseUrl`;
// `streamPath` ("/v1/streams/<id>/<signature>") when the prediction streams.
boost::json::object renderPrediction(boost::json::object doc, const std::string& baseUrl,
                                     const std::string& streamPath);

// The SSE `done` event's data for a terminal status, and whether it streams at all.
std::string doneEventData(Status s);

}  // namespace replicant::backend::core
