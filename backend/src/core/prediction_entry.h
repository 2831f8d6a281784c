#pragma once

// The in-memory state of one active prediction; shared by the files that implement
// PredictionService (predictions.cpp, prediction_log.cpp).
#include <boost/asio/steady_timer.hpp>

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "core/predictions.h"

namespace replicant::backend::core {

struct PredictionService::Entry {
    std::mutex mutex;
    Prediction p;
    runners::RunnerPtr runner;
    std::string lane;
    std::atomic<bool> canceled{false};
    std::uint64_t lastSeq = 0;
    bool terminalCommitted = false;
    std::vector<std::function<void()>> onTerminal;  // run once the terminal state is committed
    std::unique_ptr<boost::asio::steady_timer> deadlineTimer;
    std::uint64_t nextSeq = 1;
    std::vector<StreamEvent> events;  // the whole log while active
    std::vector<std::shared_ptr<EventSubscription>> subscribers;
    std::map<std::string, std::string> prefetched;  // file inputs by URI, until it runs
};

}  // namespace replicant::backend::core
