#include "runners/registry.h"

namespace replicant::backend::runners {

void Registry::add(const std::string& name, RunnerPtr runner) {
    std::lock_guard lock(mutex_);
    runners_[name] = std::move(runner);
}

void Registry::remove(const std::string& name) {
    std::lock_guard lock(mutex_);
    runners_.erase(name);
}

RunnerPtr Registry::find(const std::string& name) const {
    std::lock_guard lock(mutex_);
    auto it = runners_.find(name);
    return it == runners_.end() ? nullptr : it->second;
}

}  // namespace replicant::backend::runners
