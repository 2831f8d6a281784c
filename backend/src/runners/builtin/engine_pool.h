#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "replicant/backend/result.h"

namespace replicant::backend::runners::builtin {

// Engines that are costly to create and not safe to share between threads (a Tesseract
// instance, a cascade classifier): each prediction borrows one and gives it back, so that the
// set-up cost is paid once per concurrent prediction rather than once per prediction.
template <class Engine>
class EnginePool {
public:
    using Factory = std::function<Result<std::unique_ptr<Engine>>()>;
    explicit EnginePool(Factory factory) : factory_(std::move(factory)) {}

    // The engine goes back to the pool when the last copy of the pointer is dropped. The pool
    // must outlive the lease (runners hold their pools and outlive their predictions).
    Result<std::shared_ptr<Engine>> acquire() {
        std::unique_ptr<Engine> engine;
        {
            std::lock_guard lock(mutex_);
            if (!idle_.empty()) {
                engine = std::move(idle_.back());
                idle_.pop_back();
            }
        }
        if (!engine) {
            auto made = factory_();
            if (!made)
                return made.error();
            engine = std::move(*made);
        }
        Engine* raw = engine.release();
        return std::shared_ptr<Engine>(raw, [this](Engine* e) {
            std::lock_guard lock(mutex_);
            idle_.emplace_back(e);
        });
    }

private:
    Factory factory_;
    std::mutex mutex_;
    std::vector<std::unique_ptr<Engine>> idle_;
};

}  // namespace replicant::backend::runners::builtin
