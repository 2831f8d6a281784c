#include "core/cog_service.h"

#include "util/clock.h"
#include "util/crypto.h"
#include "util/log.h"

namespace replicant::backend::core {

namespace json = boost::json;
using runners::cog::CogConfig;
using runners::cog::CogRunner;

CogService::CogService(store::Database& db, AccountService& accounts, ModelService& models,
                       runners::Registry& registry)
    : db_(db), accounts_(accounts), models_(models), registry_(registry) {}

CogService::~CogService() {
    stop();
}

Result<void> CogService::start(const std::string& callbackBase,
                               std::vector<CogRegistration> configured, bool allowApiCommands) {
    callbackBase_ = callbackBase;
    allowApiCommands_ = allowApiCommands;
    std::vector<std::pair<std::int64_t, CogRegistration>> all;
    {
        auto lock = db_.lock();
        auto st = db_.prepare(
            "SELECT model, account_id, kind, target, concurrency FROM cog_runners ORDER BY model");
        if (!st)
            return st.error();
        while (st->step()) {
            CogRegistration r;
            r.config.model = st->text(0);
            r.config.kind =
                runners::cog::kindFromName(st->text(2)).value_or(runners::cog::Kind::Url);
            r.config.target = st->text(3);
            r.config.concurrency = static_cast<int>(st->integer(4));
            r.persist = true;
            all.emplace_back(st->integer(1), std::move(r));
        }
    }
    auto owner = accounts_.defaultAccount();
    if (!owner)
        return owner.error();
    defaultAccountId_ = owner->id;
    for (auto& r : configured)
        all.emplace_back(-1, std::move(r));  // owned by the model's owner, made if need be
    for (auto& [accountId, r] : all) {
        const std::string model = r.config.model;
        if (auto added = add(accountId, std::move(r)); !added)
            util::logError("Cog runner for " + model + ": " + added.error().detail);
    }
    return {};
}

void CogService::stop() {
    std::vector<std::shared_ptr<CogRunner>> runners;
    {
        std::lock_guard lock(mutex_);
        stopped_ = true;
        for (auto& [name, e] : entries_)
            runners.push_back(e.runner);
    }
    for (auto& r : runners)
        r->stop();
}

Result<json::object> CogService::add(std::int64_t accountId, CogRegistration registration) {
    auto& c = registration.config;
    const auto slash = c.model.find('/');
    if (slash == std::string::npos || c.model.find('/', slash + 1) != std::string::npos ||
        !ModelService::validName(c.model.substr(0, slash)) ||
        !ModelService::validName(c.model.substr(slash + 1)))
        return makeError(ErrorCode::Unprocessable,
                         "model must be owner/name, in lowercase letters, digits, dashes, "
                         "underscores and periods");
    if (c.target.empty())
        return makeError(ErrorCode::Unprocessable, "the runner needs a url, command or image");
    if (c.kind == runners::cog::Kind::Url && !c.target.starts_with("http://") &&
        !c.target.starts_with("https://"))
        return makeError(ErrorCode::Unprocessable, "url must be an http(s) URL");
    if (registration.fromApi && c.kind != runners::cog::Kind::Url && !allowApiCommands_)
        return makeError(ErrorCode::Forbidden,
                         "This server listens on a public address, so it does not start "
                         "commands or images for API callers; give them to replicant-server "
                         "with --cog-command, --cog-image or --config instead.",
                         "Forbidden");
    if (c.concurrency < 1 || c.concurrency > 64)
        return makeError(ErrorCode::Unprocessable, "concurrency must be between 1 and 64");
    const std::string owner = c.model.substr(0, slash);
    const std::string name = c.model.substr(slash + 1);
    if (accountId < 0) {  // from the command line or config file: any owner
        auto account = accounts_.ensureAccount(owner, "organization", owner);
        if (!account)
            return account.error();
        accountId = account->id;
    }  // an API caller's runner: the route checked that the owner is the caller
    ModelFields fields;
    if (!registration.hardware.empty())
        fields.hardware = registration.hardware;
    auto model = models_.get(owner, name, accountId);
    if (model && model->accountId != accountId)
        return makeError(ErrorCode::Forbidden, "The model belongs to another account.",
                         "Forbidden");
    if (!model) {
        fields.description = "A model served by a Cog prediction server.";
        // The operator's models (flags, config file) are for every user of this server, like
        // the built-ins; an API caller's are their own.
        fields.visibility = registration.fromApi ? "private" : "public";
        model = models_.create(accountId, owner, name, fields);
    } else if (!registration.hardware.empty()) {
        model = models_.update(*model, fields);
    }
    if (!model)
        return model.error();
    if (registration.persist)
        if (auto r = persist(accountId, c); !r)
            return r.error();

    Entry e;
    e.accountId = accountId;
    e.secret = util::randomAlnum(40);
    e.persisted = registration.persist;
    const std::string base = callbackBase_ + "/replicant/v1/cog/" + e.secret;
    e.runner = std::make_shared<CogRunner>(
        c, runners::cog::Callbacks{base + "/webhooks/", base + "/uploads/"},
        [this, m = c.model](const json::object& schema, std::optional<std::string> cog) {
            onSchema(m, schema, std::move(cog));
        });
    std::shared_ptr<CogRunner> previous;
    {
        std::lock_guard lock(mutex_);
        if (stopped_)
            return makeError(ErrorCode::Unavailable, "the server is shutting down");
        if (auto it = entries_.find(c.model); it != entries_.end()) {
            previous = it->second.runner;
            bySecret_.erase(it->second.secret);
        }
        bySecret_[e.secret] = c.model;
        entries_[c.model] = e;
    }
    if (previous)
        previous->stop();
    registry_.add(runnerName(c.model), e.runner);
    e.runner->start();
    util::logInfo("Cog runner for " + c.model + " (" + runners::cog::kindName(c.kind) + ")");
    return render(e);
}

void CogService::onSchema(const std::string& model, const json::object& schema,
                          std::optional<std::string> cogVersion) {
    std::int64_t owner;
    {
        std::lock_guard lock(mutex_);
        auto it = entries_.find(model);
        if (it == entries_.end())
            return;  // removed meanwhile
        owner = it->second.accountId;
    }
    const auto slash = model.find('/');
    auto m = models_.get(model.substr(0, slash), model.substr(slash + 1), owner);
    if (!m) {
        util::logError("Cog runner for " + model + ": its model is gone");
        return;
    }
    auto v = models_.createVersion(
        *m, NewVersion{"", schema, std::move(cogVersion), std::nullopt, runnerName(model)});
    if (!v)
        util::logError("Cog runner for " + model + ": " + v.error().detail);
    else
        util::logInfo("Cog runner for " + model + ": version " + v->id);
}

Result<void> CogService::remove(std::int64_t accountId, const std::string& model) {
    std::shared_ptr<CogRunner> runner;
    {
        std::lock_guard lock(mutex_);
        auto it = entries_.find(model);
        if (it == entries_.end() || !visible(it->second, accountId))
            return makeError(ErrorCode::NotFound, "Not found", "Not found");
        runner = it->second.runner;
        bySecret_.erase(it->second.secret);
        entries_.erase(it);
    }
    registry_.remove(runnerName(model));
    runner->stop();
    return forget(model);
}

Result<json::object> CogService::restart(std::int64_t accountId, const std::string& model) {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(model);
    if (it == entries_.end() || !visible(it->second, accountId))
        return makeError(ErrorCode::NotFound, "Not found", "Not found");
    it->second.runner->restart();
    return render(it->second);
}

std::vector<json::object> CogService::list(std::int64_t accountId) const {
    std::lock_guard lock(mutex_);
    std::vector<json::object> out;
    for (const auto& [name, e] : entries_)
        if (visible(e, accountId))
            out.push_back(render(e));
    return out;
}

Result<json::object> CogService::get(std::int64_t accountId, const std::string& model) const {
    std::lock_guard lock(mutex_);
    auto it = entries_.find(model);
    if (it == entries_.end() || !visible(it->second, accountId))
        return makeError(ErrorCode::NotFound, "Not found", "Not found");
    return render(it->second);
}

bool CogService::visible(const Entry& e, std::int64_t accountId) const {
    // The operator's runners (flags, config file) are managed by the server's default account.
    return e.accountId == accountId || (!e.persisted && accountId == defaultAccountId_);
}

json::object CogService::render(const Entry& e) const {
    const auto& c = e.runner->config();
    const auto s = e.runner->status();
    json::object o;
    o["model"] = c.model;
    o["kind"] = runners::cog::kindName(c.kind);
    o[c.kind == runners::cog::Kind::Url       ? "url"
      : c.kind == runners::cog::Kind::Command ? "command"
                                              : "image"] = c.target;
    o["concurrency"] = c.concurrency;
    o["persistent"] = e.persisted;
    o["status"] = runners::cog::healthName(s.health);
    o["detail"] = s.detail;
    o["server_url"] = s.url.empty() ? json::value(nullptr) : json::value(s.url);
    o["upload_url"] = callbackBase_ + "/replicant/v1/cog/" + e.secret + "/uploads/";
    o["setup"] = s.setup;
    o["restarts"] = s.restarts;
    o["cog_version"] = s.cogVersion ? json::value(*s.cogVersion) : json::value(nullptr);
    if (c.kind != runners::cog::Kind::Url)
        o["process_log"] = s.processLog;
    const auto schema = e.runner->openapiSchema();
    o["schema_loaded"] = !schema.empty();
    return o;
}

bool CogService::webhook(const std::string& secret, const std::string& predictionId,
                         json::object snapshot) {
    std::shared_ptr<CogRunner> runner;
    {
        std::lock_guard lock(mutex_);
        auto it = bySecret_.find(secret);
        if (it == bySecret_.end())
            return false;
        runner = entries_.at(it->second).runner;
    }
    return runner->deliver(predictionId, std::move(snapshot));
}

Result<std::string> CogService::upload(const std::string& secret,
                                       const std::optional<std::string>& predictionId,
                                       std::string filename, std::string contentType,
                                       std::string bytes) {
    std::shared_ptr<CogRunner> runner;
    {
        std::lock_guard lock(mutex_);
        auto it = bySecret_.find(secret);
        if (it == bySecret_.end())
            return makeError(ErrorCode::NotFound, "Not found", "Not found");
        runner = entries_.at(it->second).runner;
    }
    return runner->stageUpload(predictionId, std::move(filename), std::move(contentType),
                               std::move(bytes));
}

Result<void> CogService::persist(std::int64_t accountId, const CogConfig& c) {
    auto lock = db_.lock();
    auto st = db_.prepare(
        "INSERT INTO cog_runners (model, account_id, kind, target, concurrency, created_at) "
        "VALUES (?,?,?,?,?,?) ON CONFLICT (model) DO UPDATE SET kind = excluded.kind, "
        "target = excluded.target, concurrency = excluded.concurrency");
    if (!st)
        return st.error();
    st->bind(1, c.model).bind(2, accountId).bind(3, runners::cog::kindName(c.kind));
    st->bind(4, c.target).bind(5, static_cast<std::int64_t>(c.concurrency));
    st->bind(6, util::nowRfc3339());
    return st->run();
}

Result<void> CogService::forget(const std::string& model) {
    auto lock = db_.lock();
    auto st = db_.prepare("DELETE FROM cog_runners WHERE model = ?");
    if (!st)
        return st.error();
    st->bind(1, model);
    return st->run();
}

}  // namespace replicant::backend::core
