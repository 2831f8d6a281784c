#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/accounts.h"
#include "core/models.h"
#include "runners/cog/cog_runner.h"
#include "runners/registry.h"
#include "store/database.h"

namespace replicant::backend::core {

// A Cog runner to register: from a flag, the config file or the API.
struct CogRegistration {
    runners::cog::CogConfig config;
    std::string hardware;  // the model's hardware SKU; empty keeps it (new models: cpu)
    bool persist = false;  // kept in the store (API registrations) and restarted with the server
    bool fromApi = false;  // commands and images from the API need allowApiCommands
};

// The Cog runners of this server: each one serves a model `owner/name` whose versions come from
// its server's /openapi.json (a new schema gives a new version). Webhooks and uploads from the
// Cog servers come back to /replicant/v1/cog/<secret>/..., a secret per runner.
class CogService {
public:
    CogService(store::Database& db, AccountService& accounts, ModelService& models,
               runners::Registry& registry);
    ~CogService();

    // Starts the runners kept in the store and those given; `callbackBase` is how Cog servers
    // reach this server ("http://127.0.0.1:5327").
    // `allowApiCommands`: whether API callers may have this server start commands (only when it
    // listens on loopback: a token would otherwise be a way to run programs on this machine).
    Result<void> start(const std::string& callbackBase, std::vector<CogRegistration> configured,
                       bool allowApiCommands);
    void stop();

    // Registers (or replaces) the runner of `config.model` for `accountId`.
    Result<boost::json::object> add(std::int64_t accountId, CogRegistration registration);
    Result<void> remove(std::int64_t accountId, const std::string& model);
    Result<boost::json::object> restart(std::int64_t accountId, const std::string& model);
    std::vector<boost::json::object> list(std::int64_t accountId) const;
    Result<boost::json::object> get(std::int64_t accountId, const std::string& model) const;

    // From the callback routes; false / NotFound when the secret or prediction is unknown.
    bool webhook(const std::string& secret, const std::string& predictionId,
                 boost::json::object snapshot);
    Result<std::string> upload(const std::string& secret,
                               const std::optional<std::string>& predictionId, std::string filename,
                               std::string contentType, std::string bytes);

    static std::string runnerName(const std::string& model) { return "cog:" + model; }

private:
    struct Entry {
        std::int64_t accountId = 0;
        std::string secret;
        bool persisted = false;
        std::shared_ptr<runners::cog::CogRunner> runner;
    };
    boost::json::object render(const Entry& e) const;
    bool visible(const Entry& e, std::int64_t accountId) const;
    void onSchema(const std::string& model, const boost::json::object& schema,
                  std::optional<std::string> cogVersion);
    Result<void> persist(std::int64_t accountId, const runners::cog::CogConfig& c);
    Result<void> forget(const std::string& model);

    store::Database& db_;
    AccountService& accounts_;
    ModelService& models_;
    runners::Registry& registry_;
    std::string callbackBase_;
    mutable std::mutex mutex_;
    std::map<std::string, Entry> entries_;         // by owner/name
    std::map<std::string, std::string> bySecret_;  // secret -> owner/name
    bool stopped_ = false;
    bool allowApiCommands_ = false;
    std::int64_t defaultAccountId_ = -1;
};

}  // namespace replicant::backend::core
