#pragma once

#include <boost/json/object.hpp>

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace replicant::backend::core {

// One entry of a prediction's append-only event log. `event` is an SSE event name: output,
// logs, error or done.
struct StreamEvent {
    std::uint64_t seq = 0;  // monotonic within the prediction, from 1
    std::string event;
    std::string data;
    std::int64_t emittedAtMicros = 0;  // unix time
};

// A reader of one prediction's events (an SSE stream). `deliver` is called in order, from the
// thread that appended the event, and must not block; it is called last with the `done` event.
struct EventSubscription {
    std::atomic<bool> active{true};  // set false to stop receiving
    std::function<void(const StreamEvent&)> deliver;
};

// What happened to a prediction, for webhooks.
enum class Lifecycle { Start, Output, Logs, Completed };

struct LifecycleEvent {
    std::string predictionId;
    std::int64_t accountId = 0;
    Lifecycle kind = Lifecycle::Start;
    std::string webhook;                             // the prediction's webhook URL
    std::optional<std::vector<std::string>> filter;  // webhook_events_filter, if given
    boost::json::object doc;                         // the prediction as it was when this happened
};

}  // namespace replicant::backend::core
