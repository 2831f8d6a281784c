#include "replicant/ui/client/prediction_watcher.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTimer>

#include "replicant/ui/client/api_client.h"
#include "replicant/ui/client/sse_client.h"

namespace replicant::ui {

PredictionWatcher::PredictionWatcher(ApiClient* client, QObject* parent)
    : QObject(parent), m_client(client), m_pollTimer(new QTimer(this)) {
    m_pollTimer->setSingleShot(true);
    connect(m_pollTimer, &QTimer::timeout, this, &PredictionWatcher::poll);
}

PredictionWatcher::~PredictionWatcher() {
    stop();
}

void PredictionWatcher::watch(const Prediction& prediction) {
    stop();
    ++m_generation;
    m_prediction = prediction;
    m_failedPolls = 0;
    m_watching = true;
    if (prediction.isTerminal()) {
        finish();
        return;
    }
    if (m_streamingEnabled && prediction.streamUrl.isValid() && !prediction.streamUrl.isEmpty())
        startStream();
    else
        schedulePoll(m_pollMs);
}

void PredictionWatcher::stop() {
    m_watching = false;
    m_pollTimer->stop();
    if (m_stream) {
        m_stream->stop();
        m_stream->deleteLater();
        m_stream = nullptr;
    }
}

void PredictionWatcher::startStream() {
    m_stream = new SseClient(m_client, m_prediction.streamUrl, this);
    connect(m_stream, &SseClient::eventReceived, this, &PredictionWatcher::onStreamEvent);
    connect(m_stream, &SseClient::failed, this, &PredictionWatcher::onStreamFailed);
    connect(m_stream, &SseClient::finished, this, [this] { fetchFinal(QString()); });
    m_stream->start();
}

void PredictionWatcher::onStreamEvent(const SseEvent& event) {
    Prediction& p = m_prediction;
    if (p.status == QLatin1String("starting"))
        p.status = QStringLiteral("processing");  // it produces something: it runs
    if (event.type == QLatin1String("output")) {
        // Iterator outputs grow an array; text chunks and file URLs alike are its items.
        QJsonArray items = p.output.isArray() ? p.output.toArray() : QJsonArray();
        if (!p.output.isArray() && !p.output.isNull())
            items.append(p.output);
        items.append(event.data);
        p.output = items;
    } else if (event.type == QLatin1String("logs")) {
        p.logs += event.data;
        if (!p.logs.endsWith(QLatin1Char('\n')))
            p.logs += QLatin1Char('\n');
    } else if (event.type == QLatin1String("error")) {
        const QJsonObject detail = QJsonDocument::fromJson(event.data.toUtf8()).object();
        p.error = detail.value(QLatin1String("detail")).toString(event.data);
    } else if (event.type == QLatin1String("done")) {
        const QString reason = QJsonDocument::fromJson(event.data.toUtf8())
                                   .object()
                                   .value(QLatin1String("reason"))
                                   .toString();
        m_stream->stop();
        fetchFinal(reason == QLatin1String("canceled") ? QStringLiteral("canceled")
                   : reason == QLatin1String("error")  ? QStringLiteral("failed")
                                                       : QStringLiteral("succeeded"));
        return;
    } else {
        return;  // an event type this client does not know
    }
    emit updated(p);
}

void PredictionWatcher::onStreamFailed(const ApiError& error) {
    // The stream is gone for good (or never worked): polling still gets the result.
    Q_UNUSED(error);
    if (m_stream) {
        m_stream->deleteLater();
        m_stream = nullptr;
    }
    if (m_watching)
        schedulePoll(0);
}

// After the stream ended: the prediction object has the final output, status and metrics.
void PredictionWatcher::fetchFinal(const QString& fallbackStatus) {
    const int generation = m_generation;
    m_client->fetchPrediction(
        m_prediction.id, this,
        [this, generation, fallbackStatus](const ApiResult<Prediction>& result) {
            if (generation != m_generation || !m_watching)
                return;
            if (result && result->isTerminal()) {
                accept(result.value());
                return;
            }
            if (result || fallbackStatus.isEmpty()) {
                // Not final yet (the stream ended early) or no status to assume: keep polling.
                if (m_stream) {
                    m_stream->deleteLater();
                    m_stream = nullptr;
                }
                schedulePoll(m_pollMs);
                return;
            }
            m_prediction.status = fallbackStatus;
            emit connectionProblem(result.error());
            finish();
        });
}

void PredictionWatcher::schedulePoll(int delayMs) {
    m_pollTimer->start(delayMs);
}

void PredictionWatcher::poll() {
    const int generation = m_generation;
    m_client->fetchPrediction(
        m_prediction.id, this, [this, generation](const ApiResult<Prediction>& result) {
            if (generation != m_generation || !m_watching)
                return;
            if (!result) {
                const ApiError& error = result.error();
                if (error.status == 404 || error.status == 401 || error.status == 403) {
                    stop();
                    emit failed(error);
                    return;
                }
                ++m_failedPolls;
                emit connectionProblem(error);
                schedulePoll(std::min(kMaxPollMs, m_pollMs << std::min(m_failedPolls, 4)));
                return;
            }
            m_failedPolls = 0;
            accept(result.value());
            if (m_watching)
                schedulePoll(m_pollMs);
        });
}

void PredictionWatcher::accept(const Prediction& prediction) {
    m_prediction = prediction;
    if (prediction.isTerminal()) {
        finish();
        return;
    }
    emit updated(m_prediction);
}

void PredictionWatcher::finish() {
    stop();
    emit updated(m_prediction);
    emit finished(m_prediction);
}

}  // namespace replicant::ui
