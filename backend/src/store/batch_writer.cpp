#include "store/batch_writer.h"

#include <future>

#include "util/log.h"

namespace replicant::backend::store {

BatchWriter::BatchWriter(Database& db) : db_(db), thread_([this] { run(); }) {}

BatchWriter::~BatchWriter() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    thread_.join();
}

std::uint64_t BatchWriter::enqueue(Op op) {
    std::uint64_t seq;
    {
        std::lock_guard lock(mutex_);
        queue_.push_back(std::move(op));
        seq = ++queued_;
    }
    wake_.notify_one();
    return seq;
}

void BatchWriter::whenCommitted(std::uint64_t seq, Callback done) {
    {
        std::lock_guard lock(mutex_);
        if (seq > committed_) {
            waiting_.emplace(seq, std::move(done));
            return;
        }
    }
    done();
}

void BatchWriter::write(Op op, Callback done) {
    std::lock_guard lock(mutex_);
    queue_.push_back(std::move(op));
    waiting_.emplace(++queued_, std::move(done));
    wake_.notify_one();
}

void BatchWriter::flush() {
    std::promise<void> done;
    std::uint64_t seq;
    {
        std::lock_guard lock(mutex_);
        seq = queued_;
    }
    whenCommitted(seq, [&done] { done.set_value(); });
    done.get_future().wait();
}

std::uint64_t BatchWriter::batches() const {
    std::lock_guard lock(mutex_);
    return batches_;
}

void BatchWriter::run() {
    std::deque<Op> batch;
    for (;;) {
        std::uint64_t last;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (queue_.empty() && stopping_)
                return;
            batch.swap(queue_);
            last = queued_;
        }
        {
            auto dbLock = db_.lock();
            (void)db_.exec("BEGIN IMMEDIATE");
            for (auto& op : batch)
                op(db_);
            if (auto r = db_.exec("COMMIT"); !r) {
                // A failed commit is a broken disk or database; nothing sensible can be retried
                // here, but the callers are still released so no request hangs.
                util::logError("batch commit failed: " + r.error().detail);
                (void)db_.exec("ROLLBACK");
            }
        }
        batch.clear();
        std::vector<Callback> ready;
        {
            std::lock_guard lock(mutex_);
            committed_ = last;
            ++batches_;
            auto end = waiting_.upper_bound(last);
            for (auto it = waiting_.begin(); it != end; ++it)
                ready.push_back(std::move(it->second));
            waiting_.erase(waiting_.begin(), end);
        }
        for (auto& callback : ready)
            callback();
    }
}

}  // namespace replicant::backend::store
