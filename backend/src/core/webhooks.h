#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "core/accounts.h"
#include "core/prediction_events.h"
#include "core/predictions.h"
#include "replicant/backend/result.h"
#include "store/batch_writer.h"
#include "store/database.h"

namespace replicant::backend::core {

// Checks a webhook URL as given at creation: http(s), a host, at most 2048 characters.
std::optional<FieldError> checkWebhookUrl(const std::string& url);

// Signs like the real platform (Standard Webhooks): base64 HMAC-SHA256 of "id.timestamp.body"
// under the base64-decoded part of the `whsec_` secret. Returns the `webhook-signature` value.
std::string webhookSignature(const std::string& secret, const std::string& id,
                             const std::string& timestamp, const std::string& body);

struct WebhookOptions {
    int maxAttempts = 13;  // 1 + 12 retries: backoff 1 s doubling, about 68 minutes in all
    std::chrono::milliseconds firstRetry{1000};
    std::chrono::milliseconds timeout{10000};
    std::chrono::milliseconds throttle{500};  // output/logs at most this often
    int maxInFlight = 64;
};

// Durable, at-least-once webhook delivery. Deliveries are queued in the store, sent with
// libcurl (many at once), retried with exponential backoff and jitter, and never reordered
// within a prediction: a prediction's next delivery waits for the one before it. Unsent
// output/logs deliveries coalesce, since each carries the whole prediction as it is when sent.
class WebhookService {
public:
    WebhookService(store::Database& db, store::BatchWriter& writer, AccountService& accounts,
                   PredictionService& predictions, WebhookOptions options = {});
    ~WebhookService();

    // Loads pending deliveries (and queues `completed` ones a crash may have lost), then starts
    // sending. `baseUrl` is the server's own address, for the URLs inside bodies.
    Result<void> start(const std::string& baseUrl);
    void stop();

    void onLifecycle(const LifecycleEvent& event);

    // The account's signing secret, `whsec_<base64>`, created on first use.
    Result<std::string> secretFor(std::int64_t accountId);

    // Deliveries with their attempts, newest first: of one prediction, or of the account since
    // `since`.
    Result<boost::json::array> deliveriesOf(const std::string& predictionId,
                                            std::int64_t accountId);
    Result<boost::json::array> recentDeliveries(std::int64_t accountId,
                                                std::chrono::system_clock::time_point since,
                                                int limit);

private:
    struct Delivery;
    // `doc`: the prediction at the event; empty: rendered when sent.
    void enqueue(const std::string& predictionId, std::int64_t accountId, Lifecycle kind,
                 const std::string& url, boost::json::object doc);
    void run();
    void persistState(const Delivery& d);
    void completeAttempt(const std::shared_ptr<Delivery>& d, long status, const std::string& error,
                         double latencyMs);
    std::shared_ptr<Delivery> nextDue(std::chrono::system_clock::time_point now,
                                      std::chrono::milliseconds& wait);
    Result<void> loadPending();
    Result<void> recoverLostCompletions();

    store::Database& db_;
    store::BatchWriter& writer_;
    AccountService& accounts_;
    PredictionService& predictions_;
    WebhookOptions options_;
    std::string baseUrl_;

    std::mutex mutex_;
    std::condition_variable wake_;
    std::map<std::string, std::deque<std::shared_ptr<Delivery>>> queues_;  // by prediction
    std::map<std::string, std::chrono::system_clock::time_point> lastIntermediate_;
    std::map<std::int64_t, std::string> secrets_;
    std::uint64_t nextSeq_ = 1;
    int inFlight_ = 0;
    bool stopping_ = false;
    void* multi_ = nullptr;  // CURLM*
    std::thread thread_;
};

}  // namespace replicant::backend::core
