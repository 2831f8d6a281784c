#pragma once

#include <QObject>
#include <QPointer>

#include "replicant/ui/client/api_result.h"
#include "replicant/ui/client/prediction.h"

class QTimer;

namespace replicant::ui {

class ApiClient;
class SseClient;
struct SseEvent;

// Follows one prediction until it ends. With `urls.stream` it reads the event stream (output
// chunks and log lines as they happen, reconnecting with Last-Event-ID) and fetches the final
// prediction at `done`; without one, or when the stream fails, it polls GET
// /v1/predictions/{id} every `pollInterval` ms. A server that stops answering is retried, more
// slowly, and reported through connectionProblem(); a prediction that no longer exists (404)
// ends the watch with failed().
class PredictionWatcher : public QObject {
    Q_OBJECT

public:
    static constexpr int kDefaultPollMs = 500;
    static constexpr int kMaxPollMs = 5000;

    explicit PredictionWatcher(ApiClient* client, QObject* parent = nullptr);
    ~PredictionWatcher() override;

    // Starts following `prediction` (as created or fetched); a terminal one ends at once.
    void watch(const Prediction& prediction);
    void stop();

    const Prediction& prediction() const { return m_prediction; }
    bool isWatching() const { return m_watching; }
    bool isStreaming() const { return m_stream != nullptr; }
    void setPollInterval(int ms) { m_pollMs = ms; }
    // Disables streams (poll only): for servers whose streams are known to misbehave.
    void setStreamingEnabled(bool enabled) { m_streamingEnabled = enabled; }

signals:
    // The prediction changed: status, output, logs or metrics.
    void updated(const replicant::ui::Prediction& prediction);
    // It reached a terminal status.
    void finished(const replicant::ui::Prediction& prediction);
    // The watch ended without a final state (e.g. 404).
    void failed(const replicant::ui::ApiError& error);
    // The server did not answer; the watcher keeps trying. Cleared by the next update.
    void connectionProblem(const replicant::ui::ApiError& error);

private:
    void startStream();
    void onStreamEvent(const SseEvent& event);
    void onStreamFailed(const ApiError& error);
    void schedulePoll(int delayMs);
    void poll();
    void fetchFinal(const QString& fallbackStatus);
    void accept(const Prediction& prediction);
    void finish();

    ApiClient* m_client;
    Prediction m_prediction;
    SseClient* m_stream = nullptr;
    QTimer* m_pollTimer;
    int m_pollMs = kDefaultPollMs;
    int m_failedPolls = 0;
    int m_generation = 0;  // answers for an earlier watch() are dropped
    bool m_watching = false;
    bool m_streamingEnabled = true;
};

}  // namespace replicant::ui
