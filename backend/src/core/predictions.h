#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/json/object.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/files.h"
#include "core/models.h"
#include "core/prediction.h"
#include "core/prediction_events.h"
#include "replicant/backend/result.h"
#include "runners/registry.h"
#include "store/batch_writer.h"
#include "store/database.h"
#include "util/clock.h"
#include "util/thread_pool.h"

namespace replicant::backend::core {

struct CreatePrediction {
    VersionRef ref;
    boost::json::object input;       // echoed back: the caller's keys, unknown ones dropped
                                     // (secret inputs are redacted by create())
    boost::json::object modelInput;  // validated, defaults applied
    std::optional<std::string> webhook;
    std::optional<std::vector<std::string>> webhookEventsFilter;
    std::optional<std::chrono::seconds> cancelAfter;
    std::optional<std::string> deployment;
    std::string source = "api";
    std::map<std::string, std::string> prefetched;  // file inputs fetched at creation, by URI
};

struct PredictionPage {
    std::vector<boost::json::object> docs;
    std::optional<std::string> nextCursor, previousCursor;
};

struct ListQuery {
    std::optional<util::MicroTime> createdAfter, createdBefore;
    std::optional<std::string> cursor;
    std::size_t limit = 100;
};

// Predictions: creation, the state machine, scheduling onto runners with per-model concurrency
// limits, waiting, cancel, deadlines, and persistence through the batch writer.
//
// A prediction lives in memory while it is active and a little after; its document is written
// (group-committed) on every state change. Callbacks that answer clients run only after the
// state they report is committed, so whatever a client saw survives a crash of the server.
class PredictionService {
public:
    using DocCallback = std::function<void(boost::json::object doc)>;

    PredictionService(store::Database& db, store::BatchWriter& writer, runners::Registry& runners,
                      FileService& files, boost::asio::io_context& ioc, unsigned workers,
                      std::string streamKey);
    // Output file URLs are stored with this placeholder origin and get the address the client
    // used when they are sent (render(), SSE, webhooks), so they survive a change of port.
    static constexpr std::string_view kFileOrigin = "http://files.replicant.invalid";
    // Replaces the placeholder origin in `text` with `baseUrl`.
    static std::string withOrigin(std::string text, const std::string& baseUrl);
    // Deletes a finished prediction with its events and output files; false if unknown or
    // still running.
    Result<bool> remove(const std::string& id, std::int64_t accountId);
    ~PredictionService();
    // Finishes running models and commits what they wrote; the service is inert afterwards.
    void shutdown();

    // Marks predictions that were active when the server last stopped as failed.
    Result<int> recoverAfterRestart();

    // Creates and schedules a prediction. `created` runs once its creation is committed.
    std::string create(std::int64_t accountId, CreatePrediction request, DocCallback created);
    // Runs `done` when the prediction reaches a terminal state (committed) or `timeout` passes;
    // `finished` tells which.
    void waitFor(const std::string& id, std::chrono::milliseconds timeout,
                 std::function<void(boost::json::object doc, bool finished)> done);

    std::optional<boost::json::object> get(const std::string& id, std::int64_t accountId);
    // Cancels (idempotent); `done` gets the document once the new state is committed.
    bool cancel(const std::string& id, std::int64_t accountId, DocCallback done);
    Result<PredictionPage> list(std::int64_t accountId, const ListQuery& query);

    // Replays the events after `afterSeq`, then delivers new ones until `done`. False when the
    // prediction does not exist.
    bool subscribe(const std::string& id, std::uint64_t afterSeq,
                   const std::shared_ptr<EventSubscription>& subscription);
    // Called (from worker or writer threads, must not block) once each lifecycle event is
    // committed; webhooks hang off this.
    void setLifecycleListener(std::function<void(const LifecycleEvent&)> listener);

    // The API document for a client that addressed the server at `baseUrl` (adds `urls`).
    boost::json::object render(boost::json::object doc, const std::string& baseUrl) const;
    // The capability in a stream URL; verify() checks one presented by a client.
    std::string streamSignature(const std::string& id) const;
    bool verifyStreamSignature(const std::string& id, const std::string& signature) const;

private:
    struct Entry;
    struct Lane {
        int active = 0;
        int limit = 1;
        std::deque<std::shared_ptr<Entry>> queue;
    };

    std::shared_ptr<Entry> findActive(const std::string& id);
    void persist(Entry& e);  // caller holds e.mutex
    // Appends to the event log, persists it and hands it to subscribers; caller holds e.mutex.
    void appendEvent(Entry& e, std::string event, std::string data);
    void notify(const Entry& e, Lifecycle kind, boost::json::object doc);
    // The document a webhook of this prediction would carry now; empty without a webhook.
    static boost::json::object webhookSnapshot(const Entry& e);
    void replayStored(const std::string& id, std::uint64_t afterSeq,
                      const std::shared_ptr<EventSubscription>& subscription);
    void schedule(const std::shared_ptr<Entry>& e);
    void run(const std::shared_ptr<Entry>& e);
    void releaseLane(const std::string& lane);
    // Moves to a terminal state unless already terminal; returns false if it was.
    bool finish(const std::shared_ptr<Entry>& e, Status status, boost::json::value output,
                std::optional<std::string> error);
    void armDeadline(const std::shared_ptr<Entry>& e);
    std::optional<boost::json::object> loadDoc(const std::string& id,
                                               std::optional<std::int64_t> accountId);

    store::Database& db_;
    store::BatchWriter& writer_;
    runners::Registry& runners_;
    FileService& files_;
    boost::asio::io_context& ioc_;
    std::string streamKey_;
    std::function<void(const LifecycleEvent&)> lifecycle_;

    std::mutex activeMutex_;
    std::unordered_map<std::string, std::shared_ptr<Entry>> active_;
    std::mutex laneMutex_;
    std::map<std::string, Lane> lanes_;
    std::unique_ptr<util::ThreadPool> pool_;
    std::atomic<bool> shutDown_{false};
};

}  // namespace replicant::backend::core
