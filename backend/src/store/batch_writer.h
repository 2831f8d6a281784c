#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "store/database.h"

namespace replicant::backend::store {

// Group commit: writes from any thread are queued and applied by one writer thread, many to a
// transaction, so durability costs one commit per batch instead of one per write. A caller that
// must not answer before its write is durable (against a process crash) asks for a callback
// once everything it queued so far has committed.
class BatchWriter {
public:
    using Op = std::function<void(Database&)>;
    using Callback = std::function<void()>;

    explicit BatchWriter(Database& db);
    ~BatchWriter();  // drains the queue, then stops

    // Queues a write; returns its sequence number.
    std::uint64_t enqueue(Op op);
    // Calls `done` (on the writer thread, or inline when already committed) once every write up
    // to and including `seq` is committed.
    void whenCommitted(std::uint64_t seq, Callback done);
    // Queues a write and calls `done` once it is committed.
    void write(Op op, Callback done);
    // Blocks until everything queued so far is committed.
    void flush();

    std::uint64_t batches() const;

private:
    void run();

    Database& db_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<Op> queue_;
    std::multimap<std::uint64_t, Callback> waiting_;
    std::uint64_t queued_ = 0;     // sequence of the last queued op
    std::uint64_t committed_ = 0;  // sequence of the last committed op
    std::uint64_t batches_ = 0;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace replicant::backend::store
