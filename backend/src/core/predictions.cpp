#include "core/predictions.h"

#include <boost/asio/steady_timer.hpp>
#include <boost/json.hpp>

#include <algorithm>
#include <cstring>

#include "core/prediction_entry.h"
#include "core/secret_inputs.h"
#include "util/base64.h"
#include "util/clock.h"
#include "util/crypto.h"
#include "util/json_text.h"
#include "util/log.h"

namespace replicant::backend::core {

namespace json = boost::json;
namespace asio = boost::asio;

namespace {
constexpr const char* kStoppedError =
    "The server stopped while this prediction was running, so it did not finish. Run it again.";

std::string cursorFor(char direction, const json::object& doc) {
    return util::base64UrlEncode(std::string(1, direction) + "|" +
                                 std::string(doc.at("created_at").as_string()) + "|" +
                                 std::string(doc.at("id").as_string()));
}

struct Cursor {
    char direction;
    std::string createdAt, id;
};

std::optional<Cursor> parseCursor(const std::string& text) {
    auto raw = util::base64UrlDecode(text);
    if (!raw || raw->size() < 4 || (raw->at(0) != 'n' && raw->at(0) != 'p') || raw->at(1) != '|')
        return std::nullopt;
    const auto bar = raw->find('|', 2);
    if (bar == std::string::npos)
        return std::nullopt;
    return Cursor{raw->at(0), raw->substr(2, bar - 2), raw->substr(bar + 1)};
}
}  // namespace

PredictionService::PredictionService(store::Database& db, store::BatchWriter& writer,
                                     runners::Registry& runners, FileService& files,
                                     asio::io_context& ioc, unsigned workers, std::string streamKey)
    : db_(db),
      writer_(writer),
      runners_(runners),
      files_(files),
      ioc_(ioc),
      streamKey_(std::move(streamKey)),
      pool_(std::make_unique<util::ThreadPool>(workers)) {}

PredictionService::~PredictionService() {
    shutdown();
}

void PredictionService::shutdown() {
    if (shutDown_.exchange(true))
        return;
    // Let running models finish (the pool stays valid: finishing jobs post queued ones), then
    // let the commit callbacks they queued (which use this service) run.
    pool_->shutdown();
    writer_.flush();
}

Result<int> PredictionService::recoverAfterRestart() {
    auto lock = db_.lock();
    auto st = db_.prepare(
        "UPDATE predictions SET status = 'failed', doc = json_set(doc, '$.status', 'failed', "
        "'$.error', ?, '$.completed_at', ?) WHERE status IN ('starting', 'processing')");
    if (!st)
        return st.error();
    st->bind(1, std::string(kStoppedError)).bind(2, util::nowRfc3339());
    if (auto r = st->run(); !r)
        return r.error();
    return db_.changes();
}

void PredictionService::persist(Entry& e) {
    const auto& p = e.p;
    std::string doc = util::toJson(toDoc(p));
    std::string status(toString(p.status));
    // The first write inserts; later ones only touch what changes.
    e.lastSeq =
        writer_.enqueue([id = p.id, account = p.accountId, model = p.model, version = p.version,
                         created = util::rfc3339(p.createdAt), status = std::move(status),
                         doc = std::move(doc)](store::Database& db) {
            auto st = db.prepare(
                "INSERT INTO predictions (id, account_id, model, version, status, created_at, doc) "
                "VALUES (?,?,?,?,?,?,?) ON CONFLICT (id) DO UPDATE SET status = excluded.status, "
                "doc = excluded.doc");
            if (!st)
                return;
            st->bind(1, id).bind(2, account).bind(3, model).bind(4, version).bind(5, status);
            st->bind(6, created).bind(7, doc);
            if (auto r = st->run(); !r)
                util::logError("persisting prediction " + id + ": " + r.error().detail);
        });
}

std::string PredictionService::create(std::int64_t accountId, CreatePrediction request,
                                      DocCallback created) {
    auto e = std::make_shared<Entry>();
    auto& p = e->p;
    p.id = util::randomId(26);
    p.accountId = accountId;
    p.modelId = request.ref.model.id;
    p.model = request.ref.model.owner + "/" + request.ref.model.name;
    p.version = request.ref.version.id;
    // Secrets go to the model only: never into answers, the store, webhooks or streams.
    p.input = redactSecrets(*request.ref.version.openapiSchema, std::move(request.input));
    p.modelInput = std::move(request.modelInput);
    e->prefetched = std::move(request.prefetched);
    p.createdAt = std::chrono::system_clock::now();
    p.webhook = std::move(request.webhook);
    p.webhookEventsFilter = std::move(request.webhookEventsFilter);
    p.deployment = std::move(request.deployment);
    p.source = request.source;
    if (request.cancelAfter)
        p.deadline = p.createdAt + *request.cancelAfter;
    e->lane = request.ref.version.runner.value_or("");
    e->runner = e->lane.empty() ? nullptr : runners_.find(e->lane);
    p.streams = e->runner && e->runner->streams();

    json::object doc;
    std::uint64_t seq;
    {
        std::lock_guard lock(e->mutex);
        persist(*e);
        seq = e->lastSeq;
        if (created)
            doc = toDoc(p);
    }
    writer_.enqueue([modelId = p.modelId](store::Database& db) {
        if (auto st = db.prepare("UPDATE models SET run_count = run_count + 1 WHERE id = ?")) {
            st->bind(1, modelId);
            (void)st->run();
        }
    });
    {
        std::lock_guard lock(activeMutex_);
        active_.emplace(p.id, e);
    }
    writer_.whenCommitted(seq, [this, e, created = std::move(created), doc = std::move(doc),
                                startDoc = webhookSnapshot(*e)]() mutable {
        notify(*e, Lifecycle::Start, std::move(startDoc));
        if (created)
            created(std::move(doc));
    });

    if (!e->runner) {
        finish(e, Status::Failed, nullptr,
               "No runner is available for version " + p.version +
                   ": it was registered without one, or its runner is not loaded.");
    } else {
        if (p.deadline)
            armDeadline(e);
        schedule(e);
    }
    return p.id;
}

void PredictionService::schedule(const std::shared_ptr<Entry>& e) {
    std::lock_guard lock(laneMutex_);
    auto& lane = lanes_[e->lane];
    lane.limit = std::max(1, e->runner->concurrency());
    if (lane.active < lane.limit) {
        ++lane.active;
        pool_->post([this, e] { run(e); });
    } else {
        lane.queue.push_back(e);  // stays `starting` until a slot frees
    }
}

void PredictionService::releaseLane(const std::string& name) {
    std::lock_guard lock(laneMutex_);
    auto& lane = lanes_[name];
    if (!lane.queue.empty()) {
        auto next = std::move(lane.queue.front());
        lane.queue.pop_front();
        pool_->post([this, next] { run(next); });
    } else {
        --lane.active;
    }
}

void PredictionService::run(const std::shared_ptr<Entry>& e) {
    {
        std::lock_guard lock(e->mutex);
        if (isTerminal(e->p.status)) {  // canceled or aborted while queued
            releaseLane(e->lane);
            return;
        }
        e->p.status = Status::Processing;
        e->p.startedAt = std::chrono::system_clock::now();
        persist(*e);
    }
    runners::PredictContext ctx;
    ctx.predictionId = e->p.id;
    ctx.input = e->p.modelInput;  // immutable after creation
    ctx.canceled = &e->canceled;
    ctx.emitOutput = [this, e](json::value item) {
        json::object snapshot;
        {
            std::lock_guard lock(e->mutex);
            if (isTerminal(e->p.status))
                return;
            if (!e->p.output.is_array())
                e->p.output = json::array{};
            appendEvent(*e, "output",
                        item.is_string() ? std::string(item.as_string()) : util::toJson(item));
            e->p.output.as_array().push_back(std::move(item));
            snapshot = webhookSnapshot(*e);
        }
        notify(*e, Lifecycle::Output, std::move(snapshot));
    };
    // The values of secret inputs (redacted in the echoed input) are masked in logs too.
    std::vector<std::string> secrets;
    for (const auto& [key, value] : e->p.input)
        if (value == json::value(kRedacted))
            if (const auto* real = e->p.modelInput.if_contains(key);
                real && real->is_string() && real->as_string().size() >= 4 &&
                real->as_string() != kRedacted)
                secrets.emplace_back(real->as_string());
    ctx.log = [this, e, secrets = std::move(secrets)](const std::string& raw) {
        std::string text = raw;
        for (const auto& secret : secrets)
            for (auto at = text.find(secret); at != std::string::npos;
                 at = text.find(secret, at + std::strlen(kRedacted)))
                text.replace(at, secret.size(), kRedacted);
        json::object snapshot;
        {
            std::lock_guard lock(e->mutex);
            if (isTerminal(e->p.status))
                return;
            e->p.logs += text;
            appendEvent(*e, "logs", text);
            snapshot = webhookSnapshot(*e);
        }
        notify(*e, Lifecycle::Logs, std::move(snapshot));
    };

    auto prefetched = std::make_shared<std::map<std::string, std::string>>();
    {
        std::lock_guard lock(e->mutex);
        prefetched->swap(e->prefetched);
    }
    ctx.fetchInput = [this, e, prefetched](const std::string& uri) -> Result<std::string> {
        if (auto it = prefetched->find(uri); it != prefetched->end())
            return it->second;
        return files_.fetchInput(uri, e->p.accountId);
    };
    ctx.saveFile = [this, e](runners::OutputFile f) -> Result<std::string> {
        auto stored = files_.create(e->p.accountId, f.bytes, std::move(f.filename),
                                    std::move(f.contentType), {}, "output", e->p.id);
        if (!stored)
            return stored.error();
        return files_.outputUrl(*stored, std::string(kFileOrigin));
    };

    Result<json::value> result = json::value(nullptr);
    try {
        result = e->runner->predict(ctx);
    } catch (const std::exception& ex) {
        result = makeError(ErrorCode::Internal, std::string("The model crashed: ") + ex.what());
    }
    if (e->canceled) {
        finish(e, Status::Canceled, nullptr, std::nullopt);
    } else if (result) {
        if (e->runner->streams()) {
            finish(e, Status::Succeeded, nullptr, std::nullopt);  // keeps the emitted items
        } else {
            finish(e, Status::Succeeded, std::move(result.value()), std::nullopt);
        }
    } else {
        finish(e, Status::Failed, nullptr, result.error().detail);
    }
    releaseLane(e->lane);
}

bool PredictionService::finish(const std::shared_ptr<Entry>& e, Status status, json::value output,
                               std::optional<std::string> error) {
    std::uint64_t seq;
    json::object finalDoc;
    {
        std::lock_guard lock(e->mutex);
        auto& p = e->p;
        if (isTerminal(p.status))
            return false;  // the first terminal state wins
        p.status = status;
        p.completedAt = std::chrono::system_clock::now();
        if (!output.is_null())
            p.output = std::move(output);
        else if (status == Status::Succeeded && !p.output.is_array() && e->runner &&
                 e->runner->streams())
            p.output = json::array{};  // an iterator that yielded nothing
        p.error = std::move(error);
        if (e->deadlineTimer)
            e->deadlineTimer->cancel();
        // A model that returned its output whole reports it in the log now: one event per item.
        const bool iterator = e->runner && e->runner->streams();
        if (status == Status::Succeeded && !iterator && !p.output.is_null()) {
            auto text = [](const json::value& v) {
                return v.is_string() ? std::string(v.as_string()) : util::toJson(v);
            };
            if (p.output.is_array())
                for (const auto& item : p.output.as_array())
                    appendEvent(*e, "output", text(item));
            else
                appendEvent(*e, "output", text(p.output));
        }
        if (status == Status::Failed)
            appendEvent(*e, "error", util::toJson(json::object{{"detail", p.error.value_or("")}}));
        appendEvent(*e, "done", doneEventData(status));
        persist(*e);
        seq = e->lastSeq;
        finalDoc = webhookSnapshot(*e);
    }
    writer_.whenCommitted(seq, [this, e, finalDoc = std::move(finalDoc)]() mutable {
        std::vector<std::function<void()>> waiters;
        {
            std::lock_guard lock(e->mutex);
            e->terminalCommitted = true;
            waiters.swap(e->onTerminal);
        }
        {
            std::lock_guard lock(activeMutex_);
            active_.erase(e->p.id);
        }
        for (auto& w : waiters)
            w();
        notify(*e, Lifecycle::Completed, std::move(finalDoc));
    });
    return true;
}

void PredictionService::armDeadline(const std::shared_ptr<Entry>& e) {
    const auto delay = *e->p.deadline - std::chrono::system_clock::now();
    std::lock_guard lock(e->mutex);
    e->deadlineTimer = std::make_unique<asio::steady_timer>(ioc_, delay);
    e->deadlineTimer->async_wait([this, e](const boost::system::error_code& ec) {
        if (ec)
            return;
        Status now;
        {
            std::lock_guard l(e->mutex);
            now = e->p.status;
        }
        // Before it started: aborted. While running: canceled, and the runner is told to stop.
        if (now == Status::Starting) {
            finish(e, Status::Aborted, nullptr, std::nullopt);
        } else if (now == Status::Processing) {
            e->canceled = true;
            finish(e, Status::Canceled, nullptr, std::nullopt);
        }
    });
}

std::shared_ptr<PredictionService::Entry> PredictionService::findActive(const std::string& id) {
    std::lock_guard lock(activeMutex_);
    auto it = active_.find(id);
    return it == active_.end() ? nullptr : it->second;
}

std::optional<json::object> PredictionService::loadDoc(const std::string& id,
                                                       std::optional<std::int64_t> accountId) {
    std::string text;
    {
        auto lock = db_.lock();
        auto st =
            db_.prepare(accountId ? "SELECT doc FROM predictions WHERE id = ? AND account_id = ?"
                                  : "SELECT doc FROM predictions WHERE id = ?");
        if (!st)
            return std::nullopt;
        st->bind(1, id);
        if (accountId)
            st->bind(2, *accountId);
        if (!st->step())
            return std::nullopt;
        text = st->text(0);
    }
    std::error_code ec;
    auto v = json::parse(text, ec);
    if (ec || !v.is_object())
        return std::nullopt;
    return std::move(v.as_object());
}

std::optional<json::object> PredictionService::get(const std::string& id, std::int64_t accountId) {
    if (auto e = findActive(id)) {
        std::lock_guard lock(e->mutex);
        if (e->p.accountId != accountId)
            return std::nullopt;
        return toDoc(e->p);
    }
    return loadDoc(id, accountId);
}

void PredictionService::waitFor(const std::string& id, std::chrono::milliseconds timeout,
                                std::function<void(json::object, bool)> done) {
    auto e = findActive(id);
    struct Wait {
        std::atomic<bool> fired{false};
        std::function<void(json::object, bool)> done;
        std::unique_ptr<asio::steady_timer> timer;
    };
    auto w = std::make_shared<Wait>();
    w->done = std::move(done);
    if (!e) {
        // Not active: it finished and its final state is in the store.
        w->done(loadDoc(id, std::nullopt).value_or(json::object{}), true);
        return;
    }
    std::lock_guard lock(e->mutex);
    if (e->terminalCommitted) {
        w->done(toDoc(e->p), true);
        return;
    }
    e->onTerminal.push_back([w, e] {
        if (w->fired.exchange(true))
            return;
        if (w->timer)
            w->timer->cancel();
        json::object doc;
        {
            std::lock_guard l(e->mutex);
            doc = toDoc(e->p);
        }
        w->done(std::move(doc), true);
    });
    w->timer = std::make_unique<asio::steady_timer>(ioc_, timeout);
    w->timer->async_wait([w, e](const boost::system::error_code& ec) {
        if (ec || w->fired.exchange(true))
            return;
        json::object doc;
        {
            std::lock_guard l(e->mutex);
            doc = toDoc(e->p);
        }
        w->done(std::move(doc), false);
    });
}

bool PredictionService::cancel(const std::string& id, std::int64_t accountId, DocCallback done) {
    auto e = findActive(id);
    if (!e) {
        auto doc = loadDoc(id, accountId);
        if (!doc)
            return false;
        done(std::move(*doc));  // already terminal: answered unchanged
        return true;
    }
    {
        std::lock_guard lock(e->mutex);
        if (e->p.accountId != accountId)
            return false;
    }
    e->canceled = true;
    finish(e, Status::Canceled, nullptr, std::nullopt);
    std::uint64_t seq;
    {
        std::lock_guard lock(e->mutex);
        seq = e->lastSeq;
    }
    writer_.whenCommitted(seq, [e, done = std::move(done)] {
        json::object doc;
        {
            std::lock_guard lock(e->mutex);
            doc = toDoc(e->p);
        }
        done(std::move(doc));
    });
    return true;
}

Result<PredictionPage> PredictionService::list(std::int64_t accountId, const ListQuery& q) {
    std::optional<Cursor> cursor;
    if (q.cursor) {
        cursor = parseCursor(*q.cursor);
        if (!cursor)
            return makeError(ErrorCode::BadRequest, "Invalid cursor");
    }
    const bool backwards = cursor && cursor->direction == 'p';
    std::string sql = "SELECT doc FROM predictions WHERE account_id = ?";
    if (q.createdAfter)
        sql += " AND created_at >= ?";  // "at or after", as the spec says
    if (q.createdBefore)
        sql += " AND created_at < ?";
    if (cursor)
        sql += backwards ? " AND (created_at, id) > (?, ?)" : " AND (created_at, id) < (?, ?)";
    sql += backwards ? " ORDER BY created_at ASC, id ASC" : " ORDER BY created_at DESC, id DESC";
    sql += " LIMIT ?";

    std::vector<json::object> docs;
    {
        auto lock = db_.lock();
        auto st = db_.prepare(sql);
        if (!st)
            return st.error();
        int i = 1;
        st->bind(i++, accountId);
        if (q.createdAfter)
            st->bind(i++, util::rfc3339(*q.createdAfter));
        if (q.createdBefore)
            st->bind(i++, util::rfc3339(*q.createdBefore));
        if (cursor) {
            st->bind(i++, cursor->createdAt);
            st->bind(i++, cursor->id);
        }
        st->bind(i, static_cast<std::int64_t>(q.limit + 1));
        while (st->step()) {
            std::error_code ec;
            auto v = json::parse(st->text(0), ec);
            if (!ec && v.is_object())
                docs.push_back(std::move(v.as_object()));
        }
    }
    const bool more = docs.size() > q.limit;
    if (more)
        docs.pop_back();
    if (backwards)
        std::reverse(docs.begin(), docs.end());
    // Active predictions: the live state is newer than the last write.
    for (auto& doc : docs) {
        if (auto e = findActive(std::string(doc.at("id").as_string()))) {
            std::lock_guard lock(e->mutex);
            doc = toDoc(e->p);
        }
    }
    PredictionPage page;
    if (!docs.empty()) {
        const bool hasOlder = backwards ? true : more;
        const bool hasNewer = backwards ? more : cursor.has_value();
        if (hasOlder)
            page.nextCursor = cursorFor('n', docs.back());
        if (hasNewer)
            page.previousCursor = cursorFor('p', docs.front());
    }
    page.docs = std::move(docs);
    return page;
}

Result<bool> PredictionService::remove(const std::string& id, std::int64_t accountId) {
    if (auto e = findActive(id)) {
        std::lock_guard lock(e->mutex);
        if (e->p.accountId == accountId)
            return makeError(ErrorCode::Conflict,
                             "The prediction is still running: cancel it before deleting it.",
                             "Conflict");
        return false;
    }
    if (!loadDoc(id, accountId))
        return false;
    writer_.flush();  // nothing of it may still be on its way to the store
    {
        auto lock = db_.lock();
        for (const char* sql : {"DELETE FROM prediction_events WHERE prediction_id = ?",
                                "DELETE FROM predictions WHERE id = ?"}) {
            auto st = db_.prepare(sql);
            if (!st)
                return st.error();
            st->bind(1, id);
            if (auto r = st->run(); !r)
                return r.error();
        }
    }
    files_.removeForPrediction(id);
    return true;
}

}  // namespace replicant::backend::core
