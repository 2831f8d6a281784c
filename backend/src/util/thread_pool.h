#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace replicant::backend::util {

// A fixed set of threads taking jobs from one queue. The destructor runs what is queued, then
// joins.
class ThreadPool {
public:
    explicit ThreadPool(unsigned threads);
    ~ThreadPool();
    ThreadPool(const ThreadPool&) = delete;
    ThreadPool& operator=(const ThreadPool&) = delete;

    void post(std::function<void()> job);
    // Runs what is queued (including jobs posted meanwhile by running jobs), then joins.
    // The pool stays a valid object throughout, so jobs may still post to it. Idempotent.
    void shutdown();

private:
    void run();

    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::function<void()>> jobs_;
    bool stopping_ = false;
    std::vector<std::thread> threads_;
};

}  // namespace replicant::backend::util
