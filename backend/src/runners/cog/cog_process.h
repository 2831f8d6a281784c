#pragma once

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "replicant/backend/result.h"

namespace replicant::backend::runners::cog {

// A Cog server process Replicant started: `/bin/sh -c "<command> \"$@\"" sh <args...>` in a
// process group of its own, with extra environment variables, stdout and stderr captured (the
// last 64 KB are kept).
class CogProcess {
public:
    static Result<std::unique_ptr<CogProcess>> spawn(
        const std::string& command, const std::vector<std::string>& args,
        const std::vector<std::pair<std::string, std::string>>& env);
    ~CogProcess();  // stops it

    pid_t pid() const { return pid_; }
    // The exit status once it has exited ("exit 255", "signal 9"); nullopt while it runs.
    std::optional<std::string> exited();
    // SIGTERM to the group, then SIGKILL after `grace`; waits for it.
    void stop(std::chrono::milliseconds grace = std::chrono::milliseconds(3000));
    std::string output() const;

private:
    CogProcess() = default;
    void readOutput(int fd);

    pid_t pid_ = -1;
    std::optional<std::string> exitStatus_;
    std::atomic<bool> readerDone_{false};
    std::thread reader_;
    mutable std::mutex mutex_;
    std::string output_;
};

// A TCP port on 127.0.0.1 that was free a moment ago.
Result<std::uint16_t> freeLocalPort();

}  // namespace replicant::backend::runners::cog
