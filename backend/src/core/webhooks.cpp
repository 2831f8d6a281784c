#include "core/webhooks.h"

#include <curl/curl.h>
#include <boost/json.hpp>
#include <boost/url/parse.hpp>

#include <algorithm>
#include <random>

#include "util/base64.h"
#include "util/clock.h"
#include "util/crypto.h"
#include "util/json_text.h"
#include "util/log.h"

namespace replicant::backend::core {

namespace json = boost::json;
using Clock = std::chrono::system_clock;

struct WebhookService::Delivery {
    std::string id;  // msg_...
    std::uint64_t seq = 0;
    std::string predictionId;
    std::int64_t accountId = 0;
    std::string event;
    std::string url;
    int attempts = 0;
    Clock::time_point nextAttempt;
    std::string state = "pending";
    bool inFlight = false;
    std::string body;  // the prediction when the event happened; empty: render when sending
};

namespace {
const char* eventName(Lifecycle k) {
    switch (k) {
        case Lifecycle::Start:
            return "start";
        case Lifecycle::Output:
            return "output";
        case Lifecycle::Logs:
            return "logs";
        case Lifecycle::Completed:
            return "completed";
    }
    return "completed";
}

std::int64_t millis(Clock::time_point t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

// Without a filter the platform sends "whenever there are new outputs or the prediction has
// finished" (reference §7.1).
bool wanted(const std::optional<std::vector<std::string>>& filter, const std::string& event) {
    if (!filter)
        return event == "output" || event == "completed";
    return std::find(filter->begin(), filter->end(), event) != filter->end();
}

struct Request {
    std::shared_ptr<void> delivery;
    std::string body;
    curl_slist* headers = nullptr;
    Clock::time_point started;
    std::string response;
};

std::size_t discard(char*, std::size_t size, std::size_t n, void*) {
    return size * n;  // the receiver's answer body is not needed, only its status
}
}  // namespace

std::optional<FieldError> checkWebhookUrl(const std::string& url) {
    auto bad = [](std::string why) { return FieldError{"invalid_webhook", "webhook", why}; };
    if (url.size() > 2048)
        return bad("webhook URLs must be at most 2048 characters");
    auto parsed = boost::urls::parse_absolute_uri(url);
    if (!parsed)
        return bad("webhook must be an absolute http or https URL");
    const auto scheme = parsed->scheme();
    if (scheme != "http" && scheme != "https")
        return bad("webhook must use http or https, not " + std::string(scheme));
    if (parsed->host().empty())
        return bad("webhook must name a host");
    return std::nullopt;
}

std::string webhookSignature(const std::string& secret, const std::string& id,
                             const std::string& timestamp, const std::string& body) {
    const auto underscore = secret.rfind('_');
    const auto key = util::base64Decode(secret.substr(underscore + 1)).value_or("");
    return "v1," + util::base64Encode(util::hmacSha256(key, id + "." + timestamp + "." + body));
}

WebhookService::WebhookService(store::Database& db, store::BatchWriter& writer,
                               AccountService& accounts, PredictionService& predictions,
                               WebhookOptions options)
    : db_(db), writer_(writer), accounts_(accounts), predictions_(predictions), options_(options) {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    multi_ = curl_multi_init();
}

WebhookService::~WebhookService() {
    stop();
    curl_multi_cleanup(static_cast<CURLM*>(multi_));
}

Result<void> WebhookService::start(const std::string& baseUrl) {
    baseUrl_ = baseUrl;
    if (auto r = loadPending(); !r)
        return r;
    if (auto r = recoverLostCompletions(); !r)
        return r;
    thread_ = std::thread([this] { run(); });
    return {};
}

void WebhookService::stop() {
    {
        std::lock_guard lock(mutex_);
        if (stopping_ || !thread_.joinable())
            return;
        stopping_ = true;
    }
    curl_multi_wakeup(static_cast<CURLM*>(multi_));
    thread_.join();
}

Result<std::string> WebhookService::secretFor(std::int64_t accountId) {
    {
        std::lock_guard lock(mutex_);
        if (auto it = secrets_.find(accountId); it != secrets_.end())
            return it->second;
    }
    std::string secret;
    {
        auto lock = db_.lock();
        auto st = db_.prepare("SELECT webhook_secret FROM accounts WHERE id = ?");
        if (!st)
            return st.error();
        st->bind(1, accountId);
        if (st->step() && !st->isNull(0))
            secret = st->text(0);
    }
    if (secret.empty()) {
        // 24 random bytes, as the real secrets are.
        secret = "whsec_" + util::base64Encode(util::randomBytes(24));
        auto lock = db_.lock();
        auto st = db_.prepare(
            "UPDATE accounts SET webhook_secret = ? WHERE id = ? AND webhook_secret IS NULL");
        if (!st)
            return st.error();
        st->bind(1, secret).bind(2, accountId);
        if (auto r = st->run(); !r)
            return r.error();
        auto again = db_.prepare("SELECT webhook_secret FROM accounts WHERE id = ?");
        if (again) {
            again->bind(1, accountId);
            if (again->step())
                secret = again->text(0);
        }
    }
    std::lock_guard lock(mutex_);
    secrets_[accountId] = secret;
    return secret;
}

void WebhookService::onLifecycle(const LifecycleEvent& ev) {
    const std::string event = eventName(ev.kind);
    if (!wanted(ev.filter, event))
        return;
    enqueue(ev.predictionId, ev.accountId, ev.kind, ev.webhook, ev.doc);
}

void WebhookService::enqueue(const std::string& predictionId, std::int64_t accountId,
                             Lifecycle kind, const std::string& url, json::object doc) {
    const std::string event = eventName(kind);
    const auto now = Clock::now();
    // The body is the prediction as it is now, at the event (the whole object, as GET gives).
    std::string body;
    if (!doc.empty())
        body = util::toJson(predictions_.render(std::move(doc), baseUrl_));
    auto d = std::make_shared<Delivery>();
    {
        std::lock_guard lock(mutex_);
        auto& queue = queues_[predictionId];
        const bool intermediate = kind == Lifecycle::Output || kind == Lifecycle::Logs;
        if (intermediate) {
            // An unsent delivery of the same kind takes the newer state instead of a new one.
            for (const auto& q : queue)
                if (q->event == event && q->attempts == 0 && !q->inFlight) {
                    q->body = std::move(body);
                    return;
                }
        }
        d->body = std::move(body);
        d->id = "msg_" + util::randomAlnum(24);
        d->seq = nextSeq_++;
        d->predictionId = predictionId;
        d->accountId = accountId;
        d->event = event;
        d->url = url;
        d->nextAttempt = now;
        if (intermediate) {
            auto& last = lastIntermediate_[predictionId + "/" + event];
            d->nextAttempt = std::max(now, last + options_.throttle);
            last = d->nextAttempt;
        }
        queue.push_back(d);
    }
    writer_.enqueue([d = *d, created = util::nowRfc3339()](store::Database& db) {
        auto st = db.prepare(
            "INSERT INTO webhook_deliveries (id, seq, prediction_id, account_id, event, url, "
            "state, attempts, next_attempt, created_at) VALUES (?,?,?,?,?,?,'pending',0,?,?)");
        if (!st)
            return;
        st->bind(1, d.id)
            .bind(2, static_cast<std::int64_t>(d.seq))
            .bind(3, d.predictionId)
            .bind(4, d.accountId)
            .bind(5, d.event)
            .bind(6, d.url)
            .bind(7, millis(d.nextAttempt))
            .bind(8, created);
        (void)st->run();
    });
    curl_multi_wakeup(static_cast<CURLM*>(multi_));
}

std::shared_ptr<WebhookService::Delivery> WebhookService::nextDue(Clock::time_point now,
                                                                  std::chrono::milliseconds& wait) {
    for (auto it = queues_.begin(); it != queues_.end();) {
        if (it->second.empty()) {
            it = queues_.erase(it);
            continue;
        }
        const auto& head = it->second.front();  // only the oldest of a prediction may go
        if (!head->inFlight) {
            if (head->nextAttempt <= now)
                return head;
            wait = std::min(wait, std::chrono::duration_cast<std::chrono::milliseconds>(
                                      head->nextAttempt - now) +
                                      std::chrono::milliseconds(1));
        }
        ++it;
    }
    return nullptr;
}

void WebhookService::run() {
    auto* multi = static_cast<CURLM*>(multi_);
    for (;;) {
        std::vector<std::shared_ptr<Delivery>> starting;
        auto wait = std::chrono::milliseconds(1000);
        {
            std::lock_guard lock(mutex_);
            if (stopping_)
                break;
            const auto now = Clock::now();
            while (inFlight_ < options_.maxInFlight) {
                auto d = nextDue(now, wait);
                if (!d)
                    break;
                d->inFlight = true;
                ++inFlight_;
                starting.push_back(d);
            }
        }
        for (const auto& d : starting) {
            auto secret = secretFor(d->accountId);
            std::string body;
            {
                std::lock_guard lock(mutex_);
                body = d->body;
            }
            if (body.empty())  // loaded after a restart: the prediction as it is now
                if (auto doc = predictions_.get(d->predictionId, d->accountId))
                    body = util::toJson(predictions_.render(std::move(*doc), baseUrl_));
            if (!secret || body.empty()) {
                completeAttempt(d, 0, "the prediction or its account is gone", 0);
                continue;
            }
            auto* r = new Request;
            r->delivery = d;
            r->body = std::move(body);
            const auto timestamp = std::to_string(
                std::chrono::duration_cast<std::chrono::seconds>(Clock::now().time_since_epoch())
                    .count());
            for (const std::string& h :
                 {std::string("Content-Type: application/json"),
                  "User-Agent: replicant-webhooks/" + std::string("1"), "webhook-id: " + d->id,
                  "webhook-timestamp: " + timestamp,
                  "webhook-signature: " + webhookSignature(*secret, d->id, timestamp, r->body)})
                r->headers = curl_slist_append(r->headers, h.c_str());
            CURL* easy = curl_easy_init();
            curl_easy_setopt(easy, CURLOPT_URL, d->url.c_str());
            curl_easy_setopt(easy, CURLOPT_POSTFIELDS, r->body.c_str());
            curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE, static_cast<long>(r->body.size()));
            curl_easy_setopt(easy, CURLOPT_HTTPHEADER, r->headers);
            curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);  // the platform does not follow
            curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.timeout.count()));
            curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
            curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, discard);
            curl_easy_setopt(easy, CURLOPT_WRITEDATA, r);
            curl_easy_setopt(easy, CURLOPT_PRIVATE, r);
            r->started = Clock::now();
            curl_multi_add_handle(multi, easy);
        }
        int running = 0;
        curl_multi_perform(multi, &running);
        int left = 0;
        while (CURLMsg* msg = curl_multi_info_read(multi, &left)) {
            if (msg->msg != CURLMSG_DONE)
                continue;
            CURL* easy = msg->easy_handle;
            Request* r = nullptr;
            curl_easy_getinfo(easy, CURLINFO_PRIVATE, &r);
            long status = 0;
            curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
            const std::string error =
                msg->data.result == CURLE_OK ? "" : curl_easy_strerror(msg->data.result);
            const double ms =
                std::chrono::duration<double, std::milli>(Clock::now() - r->started).count();
            completeAttempt(std::static_pointer_cast<Delivery>(r->delivery),
                            msg->data.result == CURLE_OK ? status : 0, error, ms);
            curl_multi_remove_handle(multi, easy);
            curl_easy_cleanup(easy);
            curl_slist_free_all(r->headers);
            delete r;
        }
        curl_multi_poll(multi, nullptr, 0, static_cast<int>(std::min<long>(wait.count(), 1000)),
                        nullptr);
    }
    // In-flight requests are abandoned; they stay pending in the store and go again next start.
}

void WebhookService::completeAttempt(const std::shared_ptr<Delivery>& d, long status,
                                     const std::string& error, double latencyMs) {
    const bool ok = status >= 200 && status < 300;
    std::string outcome = error;
    if (!ok && error.empty())
        outcome = status ? "HTTP " + std::to_string(status) : "no response";
    {
        std::lock_guard lock(mutex_);
        d->inFlight = false;
        --inFlight_;
        ++d->attempts;
        auto& queue = queues_[d->predictionId];
        const bool newerBehind = queue.size() > 1 && queue.front() == d;
        if (ok) {
            d->state = "delivered";
        } else if (newerBehind && d->event != "completed") {
            d->state = "superseded";  // a later delivery carries a newer state
        } else if (d->attempts >= options_.maxAttempts) {
            d->state = "failed";
        } else {
            static thread_local std::mt19937 rng{std::random_device{}()};
            const auto base = options_.firstRetry * (1LL << std::min(d->attempts - 1, 20));
            std::uniform_int_distribution<long> jitter(0, base.count() / 4);
            d->nextAttempt = Clock::now() + base + std::chrono::milliseconds(jitter(rng));
        }
        if (d->state != "pending" && !queue.empty() && queue.front() == d)
            queue.pop_front();
    }
    writer_.enqueue([d = *d, status, outcome, ok, latencyMs,
                     at = util::nowRfc3339()](store::Database& db) {
        if (auto st = db.prepare("INSERT OR REPLACE INTO webhook_attempts (delivery_id, attempt, "
                                 "at, status_code, latency_ms, error) VALUES (?,?,?,?,?,?)")) {
            st->bind(1, d.id).bind(2, std::int64_t{d.attempts}).bind(3, at);
            if (status)
                st->bind(4, std::int64_t{status});
            else
                st->bindNull(4);
            st->bind(5, latencyMs);
            if (ok)
                st->bindNull(6);
            else
                st->bind(6, outcome);
            (void)st->run();
        }
        if (auto st = db.prepare("UPDATE webhook_deliveries SET state = ?, attempts = ?, "
                                 "next_attempt = ? WHERE id = ?")) {
            st->bind(1, d.state)
                .bind(2, std::int64_t{d.attempts})
                .bind(3, millis(d.nextAttempt))
                .bind(4, d.id);
            (void)st->run();
        }
    });
}

Result<void> WebhookService::loadPending() {
    auto lock = db_.lock();
    auto st = db_.prepare(
        "SELECT id, seq, prediction_id, account_id, event, url, attempts, next_attempt FROM "
        "webhook_deliveries WHERE state = 'pending' ORDER BY seq");
    if (!st)
        return st.error();
    std::lock_guard guard(mutex_);
    while (st->step()) {
        auto d = std::make_shared<Delivery>();
        d->id = st->text(0);
        d->seq = static_cast<std::uint64_t>(st->integer(1));
        d->predictionId = st->text(2);
        d->accountId = st->integer(3);
        d->event = st->text(4);
        d->url = st->text(5);
        d->attempts = static_cast<int>(st->integer(6));
        d->nextAttempt = Clock::time_point(std::chrono::milliseconds(st->integer(7)));
        nextSeq_ = std::max(nextSeq_, d->seq + 1);
        queues_[d->predictionId].push_back(d);
    }
    auto max = db_.prepare("SELECT coalesce(max(seq), 0) FROM webhook_deliveries");
    if (max && max->step())
        nextSeq_ =
            std::max<std::uint64_t>(nextSeq_, static_cast<std::uint64_t>(max->integer(0)) + 1);
    return {};
}

Result<void> WebhookService::recoverLostCompletions() {
    // A crash between a prediction's end and its delivery's first write, or a prediction the
    // restart marked failed, would leave a `completed` webhook unsent: queue those now.
    struct Lost {
        std::string id;
        std::int64_t account;
        std::string url;
        std::optional<std::vector<std::string>> filter;
    };
    std::vector<Lost> lost;
    {
        auto lock = db_.lock();
        auto st = db_.prepare(
            "SELECT p.id, p.account_id, json_extract(p.doc, '$.webhook'), "
            "json_extract(p.doc, '$.webhook_events_filter') FROM predictions p "
            "WHERE json_extract(p.doc, '$.webhook') IS NOT NULL "
            "AND p.status IN ('succeeded', 'failed', 'canceled', 'aborted') AND NOT EXISTS "
            "(SELECT 1 FROM webhook_deliveries d WHERE d.prediction_id = p.id AND "
            "d.event = 'completed')");
        if (!st)
            return st.error();
        while (st->step()) {
            Lost l{st->text(0), st->integer(1), st->text(2), std::nullopt};
            if (!st->isNull(3)) {
                std::error_code ec;
                auto v = json::parse(st->text(3), ec);
                if (!ec && v.is_array()) {
                    l.filter.emplace();
                    for (const auto& e : v.as_array())
                        if (e.is_string())
                            l.filter->emplace_back(e.as_string());
                }
            }
            lost.push_back(std::move(l));
        }
    }
    for (const auto& l : lost)
        if (wanted(l.filter, "completed"))
            enqueue(l.id, l.account, Lifecycle::Completed, l.url, {});
    return {};
}

namespace {
json::array readDeliveries(store::Database& db, const std::string& where, int limit,
                           const std::function<void(store::Statement&)>& bind) {
    json::array out;
    auto lock = db.lock();
    auto st = db.prepare(
        "SELECT d.id, d.prediction_id, d.event, d.url, d.state, d.attempts, d.created_at, "
        "(SELECT json_group_array(json_object('attempt', a.attempt, 'at', a.at, 'status_code', "
        "a.status_code, 'latency_ms', a.latency_ms, 'error', a.error)) FROM webhook_attempts a "
        "WHERE a.delivery_id = d.id) FROM webhook_deliveries d " +
        where + " ORDER BY d.seq DESC LIMIT " + std::to_string(limit));
    if (!st)
        return out;
    bind(*st);
    while (st->step()) {
        std::error_code ec;
        auto attempts = json::parse(st->text(7), ec);
        out.push_back(json::object{{"id", st->text(0)},
                                   {"prediction_id", st->text(1)},
                                   {"event", st->text(2)},
                                   {"url", st->text(3)},
                                   {"state", st->text(4)},
                                   {"attempt_count", st->integer(5)},
                                   {"created_at", st->text(6)},
                                   {"attempts", ec ? json::value(json::array{}) : attempts}});
    }
    return out;
}
}  // namespace

Result<json::array> WebhookService::deliveriesOf(const std::string& predictionId,
                                                 std::int64_t accountId) {
    writer_.flush();  // what was just attempted is in the store
    return readDeliveries(
        db_, "WHERE d.prediction_id = ? AND d.account_id = ?", 1000,
        [&](store::Statement& st) { st.bind(1, predictionId).bind(2, accountId); });
}

Result<json::array> WebhookService::recentDeliveries(std::int64_t accountId,
                                                     Clock::time_point since, int limit) {
    writer_.flush();
    return readDeliveries(
        db_, "WHERE d.account_id = ? AND d.created_at >= ?", limit,
        [&](store::Statement& st) { st.bind(1, accountId).bind(2, util::rfc3339(since)); });
}

}  // namespace replicant::backend::core
