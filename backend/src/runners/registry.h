#pragma once

#include <map>
#include <mutex>
#include <string>

#include "runners/runner.h"

namespace replicant::backend::runners {

// Runners by name ("builtin:hello-world"). A version records the name of the runner that serves
// it; the registry resolves it when a prediction is scheduled.
class Registry {
public:
    void add(const std::string& name, RunnerPtr runner);
    void remove(const std::string& name);
    RunnerPtr find(const std::string& name) const;

private:
    mutable std::mutex mutex_;
    std::map<std::string, RunnerPtr, std::less<>> runners_;
};

}  // namespace replicant::backend::runners
