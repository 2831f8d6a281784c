#include "runners/cog/cog_runner.h"

#include <boost/json/parse.hpp>

#include "runners/cog/cog_files.h"
#include "util/http_client.h"
#include "util/json_text.h"

namespace replicant::backend::runners::cog {

namespace json = boost::json;
using namespace std::chrono_literals;

namespace {
// Uploaded files wait in memory until their prediction's output names them.
constexpr std::size_t kMaxStagedBytes = std::size_t{2} << 30;
}  // namespace

std::string healthName(Health h) {
    switch (h) {
        case Health::Starting:
            return "STARTING";
        case Health::Ready:
            return "READY";
        case Health::Busy:
            return "BUSY";
        case Health::SetupFailed:
            return "SETUP_FAILED";
        case Health::Defunct:
            return "DEFUNCT";
        case Health::Unhealthy:
            return "UNHEALTHY";
        case Health::Unreachable:
            return "UNREACHABLE";
        case Health::Stopped:
            return "STOPPED";
    }
    return "UNKNOWN";
}

std::string kindName(Kind k) {
    switch (k) {
        case Kind::Url:
            return "url";
        case Kind::Command:
            return "command";
        case Kind::Image:
            return "image";
    }
    return "url";
}

std::optional<Kind> kindFromName(const std::string& name) {
    if (name == "url")
        return Kind::Url;
    if (name == "command")
        return Kind::Command;
    if (name == "image")
        return Kind::Image;
    return std::nullopt;
}

CogRunner::CogRunner(CogConfig config, Callbacks callbacks, SchemaListener onSchema)
    : config_(std::move(config)), callbacks_(std::move(callbacks)), onSchema_(std::move(onSchema)) {
    if (config_.kind == Kind::Url) {
        status_.url = config_.target;
        while (status_.url.ends_with('/'))
            status_.url.pop_back();
    }
}

CogRunner::~CogRunner() {
    stop();
}

json::object CogRunner::openapiSchema() const {
    std::lock_guard lock(mutex_);
    return *schema_;
}

bool CogRunner::streams() const {
    std::lock_guard lock(mutex_);
    return streams_;
}

CogStatus CogRunner::state() const {
    std::lock_guard lock(mutex_);
    return status_;
}

CogStatus CogRunner::status() const {
    std::lock_guard lock(mutex_);
    CogStatus s = status_;
    if (process_)
        s.processLog = process_->output();
    return s;
}

std::string CogRunner::baseUrl() const {
    std::lock_guard lock(mutex_);
    return status_.url;
}

void CogRunner::setHealth(Health h, std::string detail) {
    {
        std::lock_guard lock(mutex_);
        status_.health = h;
        status_.detail = std::move(detail);
    }
    changed_.notify_all();
}

bool CogRunner::deliver(const std::string& predictionId, json::object snapshot) {
    {
        std::lock_guard lock(mutex_);
        auto it = inFlight_.find(predictionId);
        if (it == inFlight_.end())
            return false;
        it->second->snapshots.push_back(std::move(snapshot));
    }
    changed_.notify_all();
    return true;
}

Result<std::string> CogRunner::stageUpload(const std::optional<std::string>& predictionId,
                                           std::string filename, std::string contentType,
                                           std::string bytes) {
    std::lock_guard lock(mutex_);
    // Cog's header is a hint, not a credential: an id that is not in flight here is refused.
    if (predictionId && !inFlight_.contains(*predictionId))
        return makeError(ErrorCode::NotFound, "no prediction " + *predictionId + " is running");
    // Files nobody claimed within ten minutes (a prediction that failed after uploading).
    const auto now = std::chrono::steady_clock::now();
    std::erase_if(uploads_, [&](const auto& kv) { return now - kv.second.at > 10min; });
    std::size_t staged = 0;
    for (const auto& [key, file] : uploads_)
        staged += file.bytes.size();
    if (staged + bytes.size() > kMaxStagedBytes)
        return makeError(ErrorCode::PayloadTooLarge,
                         "too many output files are waiting for their predictions");
    const std::string id = std::to_string(++nextUpload_);
    for (char& c : filename)
        if (c == '/' || c == '?' || c == '#')
            c = '_';
    const std::string location = std::string(kUploadOrigin) + id + "/" + filename;
    uploads_[id] = Staged{std::move(filename), std::move(contentType), std::move(bytes), now};
    return location;
}

std::optional<CogRunner::Staged> CogRunner::takeUpload(const std::string& url) {
    std::string rest = url.substr(kUploadOrigin.size());
    const std::string id = rest.substr(0, rest.find('/'));
    std::lock_guard lock(mutex_);
    auto it = uploads_.find(id);
    if (it == uploads_.end())
        return std::nullopt;
    Staged s = std::move(it->second);
    uploads_.erase(it);
    return s;
}

void CogRunner::failInFlight(const std::string& reason) {
    {
        std::lock_guard lock(mutex_);
        for (auto& [id, f] : inFlight_)
            if (!f->failure)
                f->failure = reason;
    }
    changed_.notify_all();
}

Result<void> CogRunner::waitUntilUsable(PredictContext& ctx) {
    std::unique_lock lock(mutex_);
    auto unreachableSince = std::chrono::steady_clock::time_point::max();
    for (;;) {
        if (stopping_)
            return makeError(ErrorCode::Unavailable, "the server is shutting down");
        if (ctx.isCanceled())
            return makeError(ErrorCode::Unavailable, "canceled");
        switch (status_.health) {
            case Health::Ready:
            case Health::Busy:  // the PUT finds out; 409 means wait
            case Health::Unhealthy:
                return {};
            case Health::SetupFailed:
                return makeError(ErrorCode::Unavailable,
                                 "The model's setup failed on its Cog server: " + status_.detail);
            case Health::Stopped:
                return makeError(ErrorCode::Unavailable, "The model's Cog runner is stopped.");
            case Health::Unreachable:
                if (config_.kind == Kind::Url) {
                    const auto now = std::chrono::steady_clock::now();
                    if (unreachableSince == std::chrono::steady_clock::time_point::max())
                        unreachableSince = now;
                    else if (now - unreachableSince > 30s)
                        return makeError(
                            ErrorCode::Unavailable,
                            "The model's Cog server is not reachable: " + status_.detail);
                }
                break;
            case Health::Defunct:
                if (config_.kind == Kind::Url)
                    return makeError(
                        ErrorCode::Unavailable,
                        "The model's Cog server is DEFUNCT (its worker died): " + status_.detail);
                break;  // a server Replicant started is being restarted
            case Health::Starting:
                break;
        }
        changed_.wait_for(lock, 50ms);
    }
}

Result<void> CogRunner::submit(PredictContext& ctx, InFlight& f, const json::object& input) {
    json::object body;
    body["id"] = ctx.predictionId;
    body["input"] = input;
    body["webhook"] = callbacks_.webhookBase + ctx.predictionId;
    body["webhook_events_filter"] = json::array{"start", "output", "logs", "completed"};
    util::HttpRequest put;
    put.method = "PUT";
    put.headers = {{"Content-Type", "application/json"}, {"Prefer", "respond-async"}};
    put.body = util::toJson(body);
    put.timeout = 10s;
    auto wait = 20ms;
    int timeouts = 0;
    for (;;) {
        if (auto usable = waitUntilUsable(ctx); !usable)
            return usable;
        put.url = baseUrl() + "/predictions/" + ctx.predictionId;
        const auto r = util::httpRequest(put);
        if (!r.ok()) {
            // The same PUT again: Cog treats a repeated id as the same prediction.
            if (r.failure == util::TransportFailure::Timeout && ++timeouts < 5)
                continue;
            if (r.failure == util::TransportFailure::Unreachable && config_.kind != Kind::Url) {
                std::this_thread::sleep_for(wait);  // being restarted
                wait = std::min(wait * 2, std::chrono::milliseconds(1000));
                continue;
            }
            return makeError(ErrorCode::Unavailable, "The model's Cog server: " + r.error);
        }
        const auto& res = r.response;
        if (res.status == 200 || res.status == 202) {
            boost::system::error_code ec;
            if (auto doc = json::parse(res.body, ec); !ec && doc.is_object()) {
                std::lock_guard lock(mutex_);
                f.snapshots.push_back(std::move(doc.as_object()));
            }
            std::lock_guard lock(mutex_);
            f.acceptedAt = std::chrono::steady_clock::now();
            return {};
        }
        if (res.status == 409 || res.status == 503) {  // busy or not ready: wait, don't fail
            std::unique_lock lock(mutex_);
            changed_.wait_for(lock, wait);
            wait = std::min(wait * 2, std::chrono::milliseconds(500));
            continue;
        }
        std::string detail = res.body.substr(0, 2000);
        if (res.status == 422)
            return makeError(ErrorCode::Unprocessable,
                             "The Cog server refused the input: " + detail);
        if (res.status == 500 && config_.kind != Kind::Url)
            restart();  // a dead worker answers 500 to everything
        return makeError(ErrorCode::Internal, "The Cog server answered HTTP " +
                                                  std::to_string(res.status) + ": " + detail);
    }
}

void CogRunner::cancelOnServer(const std::string& id) {
    util::HttpRequest post;
    post.method = "POST";
    post.url = baseUrl() + "/predictions/" + id + "/cancel";
    post.timeout = 5s;
    (void)util::httpRequest(post);
}

}  // namespace replicant::backend::runners::cog
