// CogRunner's monitor thread: starts (and restarts) a server Replicant runs, polls
// /health-check, reads /openapi.json, and fails predictions whose server died.
#include <boost/json/parse.hpp>

#include "runners/cog/cog_runner.h"
#include "runners/openapi.h"
#include "util/http_client.h"
#include "util/json_text.h"

namespace replicant::backend::runners::cog {

namespace json = boost::json;
using namespace std::chrono_literals;

namespace {
std::optional<json::object> getJson(const std::string& url, std::chrono::milliseconds timeout,
                                    std::string* error = nullptr) {
    util::HttpRequest get;
    get.url = url;
    get.timeout = timeout;
    get.connectTimeout = timeout;
    auto r = util::httpRequest(get);
    if (!r.ok()) {
        if (error)
            *error = r.error;
        return std::nullopt;
    }
    boost::system::error_code ec;
    auto doc = json::parse(r.response.body, ec);
    if (ec || !doc.is_object() || r.response.status != 200) {
        if (error)
            *error = url + " answered HTTP " + std::to_string(r.response.status);
        return std::nullopt;
    }
    return std::move(doc.as_object());
}

std::optional<Health> parseHealth(std::string_view s) {
    if (s == "STARTING" || s == "UNKNOWN")
        return Health::Starting;
    if (s == "READY")
        return Health::Ready;
    if (s == "BUSY")
        return Health::Busy;
    if (s == "SETUP_FAILED")
        return Health::SetupFailed;
    if (s == "DEFUNCT")
        return Health::Defunct;
    if (s == "UNHEALTHY")
        return Health::Unhealthy;
    return std::nullopt;
}

std::string lastLines(const std::string& text, int n) {
    std::size_t at = text.size();
    while (n-- > 0 && at > 0) {
        at = text.rfind('\n', at - 1);
        if (at == std::string::npos) {
            at = 0;
            break;
        }
    }
    std::string out = text.substr(at);
    while (!out.empty() && (out.front() == '\n'))
        out.erase(0, 1);
    return out;
}

// docker run for a Cog image: host networking so that it listens on PORT and reaches
// Replicant's loopback address for webhooks and uploads.
std::string dockerCommand(const std::string& image) {
    return "exec docker run --rm --network host -e PORT -e COG_THROTTLE_RESPONSE_INTERVAL '" +
           image + "' python -m cog.server.http";
}
}  // namespace

void CogRunner::start() {
    {
        std::lock_guard lock(mutex_);
        if (started_)
            return;
        started_ = true;
        stopping_ = false;
        status_.health = config_.kind == Kind::Url ? Health::Unreachable : Health::Starting;
        status_.detail = "not checked yet";
    }
    thread_ = std::thread([this] { monitor(); });
}

void CogRunner::restart() {
    {
        std::lock_guard lock(mutex_);
        restartRequested_ = true;
    }
    changed_.notify_all();
}

void CogRunner::stop() {
    {
        std::lock_guard lock(mutex_);
        if (!started_ || stopping_)
            return;
        stopping_ = true;
    }
    changed_.notify_all();
    if (thread_.joinable())
        thread_.join();
    failInFlight("The model's Cog runner stopped.");
    std::unique_ptr<CogProcess> process;
    {
        std::lock_guard lock(mutex_);
        process = std::move(process_);
        status_.health = Health::Stopped;
        status_.detail = "stopped";
    }
    if (process) {
        util::HttpRequest shutdown;
        shutdown.method = "POST";
        shutdown.url = baseUrl() + "/shutdown";
        shutdown.timeout = 1s;
        (void)util::httpRequest(shutdown);
        process->stop();
    }
}

void CogRunner::monitor() {
    bool schemaRead = false;
    Health last = Health::Starting;
    for (;;) {
        {
            std::lock_guard lock(mutex_);
            if (stopping_)
                return;
        }
        if (config_.kind != Kind::Url) {
            const auto incarnation = state().restarts;
            superviseProcess();
            if (state().restarts != incarnation)
                schemaRead = false;  // a new process may serve a new schema
        }
        pollHealth();
        const auto now = state();
        if (now.health == Health::Unreachable && last != Health::Unreachable)
            schemaRead = false;
        last = now.health;
        if (!schemaRead && now.health != Health::Unreachable && now.health != Health::Stopped &&
            !now.url.empty()) {
            schemaRead = loadSchema();
        }
        const bool settling = now.health == Health::Starting || now.health == Health::Defunct ||
                              (now.health == Health::Unreachable && config_.kind != Kind::Url);
        std::unique_lock lock(mutex_);
        changed_.wait_for(lock, settling ? 100ms : 500ms,
                          [&] { return stopping_ || restartRequested_; });
    }
}

void CogRunner::superviseProcess() {
    const auto now = std::chrono::steady_clock::now();
    std::unique_ptr<CogProcess> dead;
    std::string reason;
    bool requested;
    {
        std::lock_guard lock(mutex_);
        requested = restartRequested_;
        restartRequested_ = false;
        if (process_) {
            if (auto exit = process_->exited()) {
                reason = "The model's Cog server exited (" + *exit + ").";
                const std::string tail = lastLines(process_->output(), 20);
                if (!tail.empty())
                    reason += " Its last output:\n" + tail;
                dead = std::move(process_);
                if (status_.health == Health::SetupFailed && !requested) {
                    status_.detail += "\n" + reason;
                    return;  // setup fails again on a restart: wait to be told to retry
                }
                status_.health = Health::Defunct;
                status_.detail = reason;
                nextStart_ = now + backoff_;
                backoff_ = std::min(backoff_ * 2, std::chrono::milliseconds(30000));
            } else if (requested) {
                reason = "The model's Cog server was restarted: " + status_.detail;
                dead = std::move(process_);
                nextStart_ = now;
            } else {
                if (status_.health == Health::Ready && now > nextStart_ + 60s)
                    backoff_ = 500ms;  // healthy for a while: restarts start quick again
                return;
            }
        } else if (status_.health == Health::SetupFailed && !requested) {
            return;
        }
    }
    if (dead) {
        failInFlight(reason);
        dead->stop(1000ms);
    }
    if (std::chrono::steady_clock::now() < nextStart_)
        return;
    auto port = freeLocalPort();
    if (!port) {
        setHealth(Health::Defunct, port.error().detail);
        return;
    }
    const std::string command =
        config_.kind == Kind::Image ? dockerCommand(config_.target) : config_.target;
    auto spawned = CogProcess::spawn(
        command, {"--upload-url", callbacks_.uploadUrl},
        {{"PORT", std::to_string(*port)}, {"COG_THROTTLE_RESPONSE_INTERVAL", "0"}});
    std::lock_guard lock(mutex_);
    if (!spawned) {
        status_.health = Health::Defunct;
        status_.detail = spawned.error().detail;
        nextStart_ = now + backoff_;
        backoff_ = std::min(backoff_ * 2, std::chrono::milliseconds(30000));
        return;
    }
    if (process_ || dead || status_.restarts > 0 || status_.url.size())
        ++status_.restarts;
    process_ = std::move(*spawned);
    status_.url = "http://127.0.0.1:" + std::to_string(*port);
    status_.health = Health::Starting;
    status_.detail = "started (pid " + std::to_string(process_->pid()) + "), waiting for READY";
    status_.setup = {};
}

void CogRunner::pollHealth() {
    const std::string url = baseUrl();
    if (url.empty())
        return;
    std::string error;
    auto doc = getJson(url + "/health-check", 2s, &error);
    if (!doc) {
        std::lock_guard lock(mutex_);
        // A server that was just started is not listening yet.
        if (config_.kind != Kind::Url && status_.health == Health::Starting)
            return;
        if (config_.kind != Kind::Url && status_.health == Health::Defunct)
            return;
        status_.health = Health::Unreachable;
        status_.detail = error;
        return;
    }
    const auto* statusName = doc->if_contains("status");
    auto health = statusName && statusName->is_string()
                      ? parseHealth(std::string_view(statusName->as_string()))
                      : std::nullopt;
    if (!health)
        health = Health::Unhealthy;
    json::object setup;
    if (const auto* s = doc->if_contains("setup"); s && s->is_object())
        setup = s->as_object();
    std::string detail;
    if (*health == Health::SetupFailed) {
        const auto* logs = setup.if_contains("logs");
        detail = lastLines(logs && logs->is_string() ? std::string(logs->as_string()) : "", 12);
    } else if (const auto* e = doc->if_contains("user_healthcheck_error"); e && e->is_string()) {
        detail = std::string(e->as_string());
    }
    bool died = false;
    {
        std::lock_guard lock(mutex_);
        died = *health == Health::Defunct && status_.health != Health::Defunct;
        status_.health = *health;
        status_.detail = detail;
        status_.setup = std::move(setup);
        // A server with one slot that is idle while a prediction waits for its end has
        // finished it, and its webhook did not reach Replicant.
        if (config_.concurrency == 1 && *health == Health::Ready) {
            for (auto& [id, f] : inFlight_)
                if (f->acceptedAt && std::chrono::steady_clock::now() - *f->acceptedAt > 2s &&
                    ++f->idlePolls > 20 && !f->failure)
                    f->failure =
                        "The Cog server finished the prediction, but its webhook never "
                        "reached Replicant at " +
                        callbacks_.webhookBase + "; make sure the server can reach that address.";
        }
    }
    if (died) {
        failInFlight("The model's Cog worker died (its server reports DEFUNCT).");
        if (config_.kind != Kind::Url)
            restart();
    }
    changed_.notify_all();
}

bool CogRunner::loadSchema() {
    const std::string url = baseUrl();
    auto schema = getJson(url + "/openapi.json", 5s);
    if (!schema || !schema->contains("components"))
        return false;  // coglet answers 503 until setup is done: the next poll tries again
    std::optional<std::string> cogVersion;
    if (auto root = getJson(url + "/", 2s))
        if (const auto* v = root->if_contains("cog_version"); v && v->is_string())
            cogVersion = std::string(v->as_string());
    const std::string text = util::toJson(*schema);
    const bool iterator = isIteratorOutput(*schema);
    {
        std::lock_guard lock(mutex_);
        status_.cogVersion = cogVersion;
        if (text == schemaText_)
            return true;
        schemaText_ = text;
        schema_ = std::make_shared<const json::object>(*schema);
        streams_ = iterator;
    }
    if (onSchema_)
        onSchema_(*schema, cogVersion);
    return true;
}

}  // namespace replicant::backend::runners::cog
