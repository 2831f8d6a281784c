#pragma once

#include <QObject>
#include <QPointer>
#include <QUrl>

#include "replicant/ui/client/api_result.h"
#include "replicant/ui/client/sse_parser.h"

class QNetworkReply;
class QTimer;

namespace replicant::ui {

class ApiClient;

// Follows a server-sent event stream (Accept: text/event-stream) and emits its events as they
// arrive. When the connection drops it reconnects after a delay (the server's `retry:` if it
// sent one), sending Last-Event-ID so the server resumes after the last event seen; it gives up
// after `maxRetries` attempts in a row without an event, on a 4xx answer, or when the answer is
// not an event stream. HTTP 204 ends the stream for good, as the standard says.
//
// It does not know what ends a particular stream: the consumer calls stop() (for Replicate,
// at the `done` event). stop() from a slot connected to eventReceived() is safe.
class SseClient : public QObject {
    Q_OBJECT

public:
    static constexpr int kDefaultRetryMs = 1000;
    static constexpr int kDefaultMaxRetries = 5;

    SseClient(ApiClient* client, const QUrl& url, QObject* parent = nullptr);
    ~SseClient() override;

    void start();
    void stop();
    bool isRunning() const { return m_running; }

    QUrl url() const { return m_url; }
    QString lastEventId() const { return m_parser.lastEventId(); }
    // How many times it reconnected since start().
    int reconnects() const { return m_reconnects; }
    void setRetryDelay(int ms) { m_retryMs = ms; }
    void setMaxRetries(int count) { m_maxRetries = count; }

signals:
    void opened();  // each (re)connection that answered 200 with an event stream
    void eventReceived(const replicant::ui::SseEvent& event);
    // It gave up; the error says why. Not emitted after stop().
    void failed(const replicant::ui::ApiError& error);
    // The server ended the stream with 204.
    void finished();

private:
    void connectOnce();
    void onReadyRead();
    void onFinished();
    bool checkResponse();
    void scheduleRetry(const ApiError& why);
    void fail(const ApiError& error);

    ApiClient* m_client;
    QUrl m_url;
    SseParser m_parser;
    QPointer<QNetworkReply> m_reply;
    QTimer* m_retryTimer;
    bool m_running = false;
    bool m_checked = false;  // this connection's status and content type were checked
    int m_retryMs = kDefaultRetryMs;
    int m_maxRetries = kDefaultMaxRetries;
    int m_failuresInARow = 0;
    int m_reconnects = 0;
};

}  // namespace replicant::ui
