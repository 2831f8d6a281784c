#pragma once

#include <boost/json/object.hpp>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "runners/cog/cog_process.h"
#include "runners/runner.h"

namespace replicant::backend::runners::cog {

// Cog's health states, plus UNREACHABLE (nothing answers at the server's address) and STOPPED.
enum class Health { Starting, Ready, Busy, SetupFailed, Defunct, Unhealthy, Unreachable, Stopped };
std::string healthName(Health h);

// How a Cog server is reached: a URL of a running server, a local command Replicant starts
// (it gets PORT and `--upload-url <url>`), or a Cog image run with `docker run`.
enum class Kind { Url, Command, Image };
std::string kindName(Kind k);
std::optional<Kind> kindFromName(const std::string& name);

struct CogConfig {
    std::string model;  // "owner/name"
    Kind kind = Kind::Url;
    std::string target;  // the URL, the command line or the image
    int concurrency = 1;
};

// Where the Cog server calls back: webhooks and file uploads under a per-runner secret path.
struct Callbacks {
    std::string webhookBase;  // "<server>/replicant/v1/cog/<secret>/webhooks/" + prediction id
    std::string uploadUrl;    // "<server>/replicant/v1/cog/<secret>/uploads/"
};

// A snapshot of a runner's state for the API.
struct CogStatus {
    Health health = Health::Starting;
    std::string url;            // the server's base URL (empty until a port is chosen)
    boost::json::object setup;  // Cog's `setup` object from /health-check
    std::string detail;         // why it is not ready, in words
    std::string processLog;     // the tail of a started server's stdout and stderr
    int restarts = 0;
    std::optional<std::string> cogVersion;
};

// A model served by a Cog prediction server. predict() sends `PUT /predictions/{id}` with
// `Prefer: respond-async` and a webhook back to Replicant, then turns the webhooks into logs
// and output events until a terminal state. A monitor thread polls /health-check, reads the
// schema, and (for servers Replicant started) restarts the process when it dies.
class CogRunner : public Runner {
public:
    // Called from the monitor thread when the server's OpenAPI document is first read or
    // changes (with the server's Cog version when it says).
    using SchemaListener =
        std::function<void(const boost::json::object& schema, std::optional<std::string> cog)>;

    CogRunner(CogConfig config, Callbacks callbacks, SchemaListener onSchema);
    ~CogRunner() override;

    void start();  // starts the monitor (and the process); idempotent
    void stop();   // stops the monitor, fails what is in flight, shuts a started server down
    void restart();

    const CogConfig& config() const { return config_; }
    CogStatus status() const;

    boost::json::object openapiSchema() const override;
    int concurrency() const override { return config_.concurrency; }
    bool streams() const override;
    Result<boost::json::value> predict(PredictContext& ctx) override;

    // A webhook from the server for `predictionId`; false when no such prediction is waiting.
    bool deliver(const std::string& predictionId, boost::json::object snapshot);
    // An output file the server uploaded; returns the Location to answer with.
    Result<std::string> stageUpload(const std::optional<std::string>& predictionId,
                                    std::string filename, std::string contentType,
                                    std::string bytes);

    // One prediction waiting for the server's webhooks (guarded by the runner's mutex).
    struct InFlight {
        std::deque<boost::json::object> snapshots;
        std::optional<std::string> failure;  // the server died or went away
        std::optional<std::chrono::steady_clock::time_point> acceptedAt;
        int idlePolls = 0;  // health polls that found the server idle while this waited
    };
    struct Staged {
        std::string filename, contentType, bytes;
        std::chrono::steady_clock::time_point at;
    };

private:
    CogStatus state() const;  // status() without the process output (the monitor's view)
    void monitor();
    void pollHealth();
    bool loadSchema();  // false when the server did not give one
    void superviseProcess();
    void failInFlight(const std::string& reason);
    std::string baseUrl() const;
    void setHealth(Health h, std::string detail);
    // Waits until predictions may be sent (or fails with why not).
    Result<void> waitUntilUsable(PredictContext& ctx);
    Result<void> submit(PredictContext& ctx, InFlight& f, const boost::json::object& input);
    void cancelOnServer(const std::string& id);
    std::optional<Staged> takeUpload(const std::string& uploadId);

    CogConfig config_;
    Callbacks callbacks_;
    SchemaListener onSchema_;

    mutable std::mutex mutex_;
    std::condition_variable changed_;
    CogStatus status_;
    // Replaced whole when the server's schema changes; predictions keep the one they started with.
    std::shared_ptr<const boost::json::object> schema_ = std::make_shared<boost::json::object>();
    std::string schemaText_;
    bool streams_ = false;
    bool stopping_ = false;
    bool started_ = false;
    std::map<std::string, std::shared_ptr<InFlight>> inFlight_;
    std::map<std::string, Staged> uploads_;
    std::uint64_t nextUpload_ = 0;
    std::unique_ptr<CogProcess> process_;
    std::chrono::steady_clock::time_point nextStart_{};
    std::chrono::milliseconds backoff_{500};
    bool restartRequested_ = false;
    std::thread thread_;
};

}  // namespace replicant::backend::runners::cog
