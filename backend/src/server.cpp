#include "replicant/backend/server.h"

#include <boost/asio/io_context.hpp>

#include <cstdlib>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>
#include <vector>

#include "api/routes.h"
#include "core/accounts.h"
#include "core/cog_service.h"
#include "core/input_validation.h"
#include "core/models.h"
#include "core/predictions.h"
#include "core/services.h"
#include "http/dispatcher.h"
#include "http/listener.h"
#include "http/rate_limit.h"
#include "http/router.h"
#include "runners/builtin/catalog.h"
#include "runners/builtin/cover.h"
#include "runners/registry.h"
#include "server_config.h"
#include "store/batch_writer.h"
#include "store/migrations.h"
#include "util/base64.h"
#include "util/crypto.h"
#include "util/log.h"

namespace replicant::backend {

std::filesystem::path defaultDataDir() {
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg)
        return std::filesystem::path(xdg) / "replicant";
    const char* home = std::getenv("HOME");
    return std::filesystem::path(home && *home ? home : ".") / ".local/share/replicant";
}

std::string versionString() {
    return REPLICANT_VERSION;
}

namespace {
// "http://host:port", with an IPv6 host in brackets.
std::string httpUrl(const std::string& host, std::uint16_t port) {
    const bool v6 = host.find(':') != std::string::npos;
    return "http://" + (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

// A username the API will accept: [a-z0-9_-], from $USER when possible.
std::string defaultUsername() {
    const char* user = std::getenv("USER");
    std::string out;
    for (const char* c = user ? user : ""; *c; ++c) {
        const char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(*c)));
        if (std::isalnum(static_cast<unsigned char>(lower)) || lower == '-' || lower == '_')
            out.push_back(lower);
    }
    return out.empty() ? "local" : out;
}
}  // namespace

struct Server::Impl {
    explicit Impl(ServerOptions o) : options(std::move(o)) {}

    ServerOptions options;
    boost::asio::io_context ioc;
    std::unique_ptr<store::Database> db;       // reads and rare direct writes
    std::unique_ptr<store::Database> writeDb;  // the batch writer's own connection
    std::unique_ptr<store::BatchWriter> writer;
    std::unique_ptr<core::AccountService> accounts;
    std::unique_ptr<core::ModelService> models;
    runners::Registry runners;
    std::unique_ptr<core::FileService> files;
    std::unique_ptr<util::ThreadPool> fetchers;
    std::unique_ptr<core::PredictionService> predictions;
    std::unique_ptr<core::WebhookService> webhooks;
    std::unique_ptr<core::CogService> cog;
    std::unique_ptr<core::Services> services;
    http::Router router;
    std::unique_ptr<http::RateLimiter> limiter;
    std::unique_ptr<http::Dispatcher> dispatcher;
    std::shared_ptr<http::Listener> listener;
    std::vector<std::thread> threads;
    std::optional<boost::asio::executor_work_guard<boost::asio::io_context::executor_type>> work;
    std::string host;
    std::uint16_t port = 0;
    std::string generatedToken;
    std::int64_t accountId = 0;
    std::mutex stopMutex;
    bool running = false;

    Result<void> openStore() {
        auto dir = options.dataDir.empty() ? defaultDataDir() : options.dataDir;
        std::error_code ec;
        std::filesystem::create_directories(dir, ec);
        if (ec)
            return makeError(ErrorCode::Internal,
                             "cannot create data directory " + dir.string() + ": " + ec.message());
        // The data dir holds hashed tokens and users' files: keep it private.
        std::filesystem::permissions(dir, std::filesystem::perms::owner_all,
                                     std::filesystem::perm_options::replace, ec);
        auto opened = store::Database::open(dir / "replicant.db");
        if (!opened)
            return opened.error();
        db = std::move(opened.value());
        if (auto r = store::migrate(*db); !r)
            return r;
        auto second = store::Database::open(dir / "replicant.db");
        if (!second)
            return second.error();
        writeDb = std::move(second.value());
        writer = std::make_unique<store::BatchWriter>(*writeDb);
        accounts = std::make_unique<core::AccountService>(*db);
        models = std::make_unique<core::ModelService>(*db);
        const unsigned workers =
            options.workers ? options.workers
                            : std::max(8u, 4 * std::max(1u, std::thread::hardware_concurrency()));
        auto streamKey = settingOrCreate("stream_key", [] { return util::randomBytes(32); });
        if (!streamKey)
            return streamKey.error();
        auto filesKey = settingOrCreate("files_key", [] { return util::randomBytes(32); });
        if (!filesKey)
            return filesKey.error();
        files = std::make_unique<core::FileService>(*db, dir / "files", *filesKey);
        fetchers = std::make_unique<util::ThreadPool>(4);
        predictions = std::make_unique<core::PredictionService>(*db, *writer, runners, *files, ioc,
                                                                workers, *streamKey);
        webhooks = std::make_unique<core::WebhookService>(*db, *writer, *accounts, *predictions);
        predictions->setLifecycleListener(
            [w = webhooks.get()](const core::LifecycleEvent& e) { w->onLifecycle(e); });
        cog = std::make_unique<core::CogService>(*db, *accounts, *models, runners);
        services = std::make_unique<core::Services>(core::Services{
            *db, *accounts, *models, *predictions, *webhooks, runners, *files, *fetchers, *cog});
        auto recovered = predictions->recoverAfterRestart();
        if (!recovered)
            return recovered.error();
        if (*recovered > 0)
            util::logInfo(std::to_string(*recovered) +
                          " prediction(s) were running when the server stopped; marked failed");
        return {};
    }

    // Stops sending webhooks (unsent ones stay queued in the store), finishes running models,
    // then commits everything they wrote, while every service the commit callbacks may reach is
    // still alive. Idempotent.
    void shutdownServices() {
        if (webhooks)
            webhooks->stop();
        // Before the predictions drain: a Cog prediction waits for webhooks that cannot
        // arrive once the listener is closed.
        if (cog)
            cog->stop();
        fetchers.reset();
        if (predictions)
            predictions->shutdown();
        writer.reset();
        predictions.reset();
    }

    // A server-wide secret kept in the settings table, created on first use.
    Result<std::string> settingOrCreate(const std::string& key,
                                        const std::function<std::string()>& make) {
        auto lock = db->lock();
        auto get = db->prepare("SELECT value FROM settings WHERE key = ?");
        if (!get)
            return get.error();
        get->bind(1, key);
        if (get->step())
            return *util::base64Decode(get->text(0));
        const std::string value = make();
        auto put = db->prepare("INSERT INTO settings (key, value) VALUES (?, ?)");
        if (!put)
            return put.error();
        put->bind(1, key).bind(2, util::base64Encode(value));
        if (auto r = put->run(); !r)
            return r.error();
        return value;
    }

    // Registers the built-in models' runners and keeps their models and versions current.
    Result<void> installBuiltins() {
        for (auto& bm : runners::builtin::catalog()) {
            const std::string runnerName = "builtin:" + bm.owner + "/" + bm.name;
            runners.add(runnerName, bm.runner);
            auto owner = accounts->ensureAccount(bm.owner, "organization", bm.owner);
            if (!owner)
                return owner.error();
            core::ModelFields fields;
            fields.description = bm.description;
            fields.readme = bm.readme;
            fields.hardware = bm.hardware;
            fields.visibility = "public";
            if (!bm.githubUrl.empty())
                fields.githubUrl = bm.githubUrl;
            auto model = models->get(bm.owner, bm.name, owner->id);
            if (!model)
                model = models->create(owner->id, bm.owner, bm.name, fields);
            else
                model = models->update(*model, fields);
            if (!model)
                return model.error();
            auto version = models->createVersion(
                *model, core::NewVersion{bm.versionId, bm.runner->openapiSchema(), std::nullopt,
                                         std::nullopt, runnerName});
            if (!version)
                return version.error();
            if (!model->defaultExample && options.runExamples)
                runDefaultExample(*model, *version, bm.exampleInput, owner->id);
        }
        return {};
    }

    void runDefaultExample(const core::Model& model, const core::Version& version,
                           const boost::json::object& input, std::int64_t ownerId) {
        core::CreatePrediction request;
        request.ref = core::VersionRef{model, version};
        request.input = input;
        request.modelInput = core::validateInput(*version.openapiSchema, input).input;
        request.source = "web";
        const auto id = predictions->create(ownerId, std::move(request), nullptr);
        predictions->waitFor(id, std::chrono::minutes(10),
                             [this, model, id, ownerId](boost::json::object doc, bool finished) {
                                 if (!finished)
                                     return;
                                 (void)models->setDefaultExample(model.id, id);
                                 if (!model.coverImageUrl)
                                     setCover(model, doc, ownerId);
                             });
    }

    // The cover of a built-in: the first image its example produced, else a title card.
    void setCover(const core::Model& model, const boost::json::object& example,
                  std::int64_t ownerId) {
        std::optional<std::string> cover;
        std::function<void(const boost::json::value&)> find = [&](const boost::json::value& v) {
            if (cover)
                return;
            if (v.is_string()) {
                const std::string s(v.as_string());
                const auto at = s.find("/files/");
                if (at == std::string::npos)
                    return;
                const auto id = s.substr(at + 7, s.find('/', at + 7) - at - 7);
                if (auto f = files->get(id); f && f->contentType.starts_with("image/"))
                    cover = s.substr(at);
            } else if (v.is_array()) {
                for (const auto& item : v.as_array())
                    find(item);
            } else if (v.is_object()) {
                for (const auto& member : v.as_object())
                    find(member.value());
            }
        };
        if (const auto* output = example.if_contains("output"))
            find(*output);
        if (!cover) {
            auto card =
                files->create(ownerId,
                              runners::builtin::renderCoverPng(model.owner + "/" + model.name,
                                                               model.description.value_or("")),
                              "cover.png", "image/png", {}, "output");
            if (card)
                cover = "/files/" + card->id + "/cover.png";
        }
        if (cover)
            (void)models->setCoverImage(model.id, *cover);
    }

    // The Cog runners of the options and the config file, and those registered through the API.
    Result<void> startCogRunners() {
        auto configured = cogOptions(options);
        if (!configured)
            return configured.error();
        std::vector<core::CogRegistration> list;
        for (const auto& o : *configured) {
            core::CogRegistration r;
            r.config.model = o.model;
            auto kind = runners::cog::kindFromName(o.kind);
            if (!kind)
                return makeError(ErrorCode::BadRequest,
                                 "Cog runner for " + o.model + ": unknown kind \"" + o.kind + "\"");
            r.config.kind = *kind;
            r.config.target = o.target;
            r.config.concurrency = o.concurrency;
            r.hardware = o.hardware;
            list.push_back(std::move(r));
        }
        // A wildcard address is not one to call back on: its loopback is.
        std::string callback = options.callbackUrl;
        if (callback.empty())
            callback = httpUrl(host == "0.0.0.0" ? "127.0.0.1" : host == "::" ? "::1" : host, port);
        while (callback.ends_with('/'))
            callback.pop_back();
        const bool loopback = host.starts_with("127.") || host == "::1";
        return cog->start(callback, std::move(list), loopback);
    }

    Result<void> ensureCredentials() {
        auto account = accounts->ensureDefaultAccount(options.username.empty() ? defaultUsername()
                                                                               : options.username);
        if (!account)
            return account.error();
        accountId = account->id;
        if (!options.token.empty())
            return accounts->registerToken(accountId, options.token, "command line");
        auto count = accounts->tokenCount(accountId);
        if (!count)
            return count.error();
        if (*count == 0) {
            auto token = accounts->createToken(accountId, "default");
            if (!token)
                return token.error();
            generatedToken = *token;
        }
        return {};
    }
};

Server::Server(ServerOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}

Server::~Server() {
    stop();
    impl_->shutdownServices();  // also after a start() that failed half way
}

Result<std::string> Server::start() {
    auto& d = *impl_;
    if (d.running)
        return baseUrl();
    util::setLogEnabled(d.options.logRequests);
    if (auto r = d.openStore(); !r)
        return r.error();
    if (auto r = d.ensureCredentials(); !r)
        return r.error();

    if (auto r = d.installBuiltins(); !r)
        return r.error();
    api::buildRoutes(d.router, *d.services);
    d.limiter = std::make_unique<http::RateLimiter>(d.options.rateLimit);
    d.dispatcher = std::make_unique<http::Dispatcher>(d.router, *d.accounts, *d.limiter,
                                                      d.options.logRequests);
    d.listener = std::make_shared<http::Listener>(d.ioc, *d.dispatcher, d.options.maxBodyBytes);
    auto bound = d.listener->bind(d.options.host, d.options.port);
    if (!bound)
        return bound.error();
    d.host = bound->address().to_string();
    d.port = bound->port();
    d.listener->run();
    if (auto r = d.webhooks->start(baseUrl()); !r)
        return r.error();
    if (auto r = d.startCogRunners(); !r)
        return r.error();

    d.work.emplace(d.ioc.get_executor());
    const unsigned n =
        d.options.threads ? d.options.threads : std::max(2u, std::thread::hardware_concurrency());
    for (unsigned i = 0; i < n; ++i)
        d.threads.emplace_back([&ioc = d.ioc] { ioc.run(); });
    d.running = true;
    return baseUrl();
}

void Server::stop() {
    auto& d = *impl_;
    std::lock_guard lock(d.stopMutex);
    if (!d.running)
        return;
    d.listener->close();
    d.work.reset();
    // Open keep-alive sessions would keep run() going until their idle timeout; stopping the
    // context ends them now. Handlers finish their current step first.
    d.ioc.stop();
    for (auto& t : d.threads)
        t.join();
    d.threads.clear();
    d.shutdownServices();
    d.running = false;
}

std::string Server::host() const {
    return impl_->host;
}
std::uint16_t Server::port() const {
    return impl_->port;
}

std::string Server::baseUrl() const {
    return httpUrl(impl_->host, impl_->port);
}

std::string Server::generatedToken() const {
    return impl_->generatedToken;
}

Result<std::string> Server::createToken(const std::string& name) {
    if (!impl_->accounts)
        return makeError(ErrorCode::Unavailable, "the server is not started");
    return impl_->accounts->createToken(impl_->accountId, name);
}

}  // namespace replicant::backend
