#include "replicant/ui/client/sse_client.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

#include "replicant/ui/client/api_client.h"

namespace replicant::ui {

namespace {
int httpStatus(const QNetworkReply& reply) {
    return reply.attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}
}  // namespace

SseClient::SseClient(ApiClient* client, const QUrl& url, QObject* parent)
    : QObject(parent), m_client(client), m_url(url), m_retryTimer(new QTimer(this)) {
    m_retryTimer->setSingleShot(true);
    connect(m_retryTimer, &QTimer::timeout, this, [this] {
        ++m_reconnects;
        connectOnce();
    });
}

SseClient::~SseClient() {
    stop();
}

void SseClient::start() {
    if (m_running)
        return;
    m_running = true;
    m_failuresInARow = 0;
    m_reconnects = 0;
    connectOnce();
}

void SseClient::stop() {
    m_running = false;
    m_retryTimer->stop();
    if (m_reply) {
        QNetworkReply* reply = m_reply;
        m_reply = nullptr;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

void SseClient::connectOnce() {
    m_parser.resetConnection();
    m_checked = false;
    QNetworkRequest request = m_client->makeRequest(m_url, "text/event-stream");
    request.setRawHeader("Cache-Control", "no-store");
    if (!m_parser.lastEventId().isEmpty())
        request.setRawHeader("Last-Event-ID", m_parser.lastEventId().toUtf8());
    // A stream may be quiet for a long time between events; only a dead connection should end
    // it, which the server's close or the OS reports.
    request.setTransferTimeout(0);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::AlwaysNetwork);
    m_reply = m_client->network()->get(request);
    connect(m_reply, &QNetworkReply::readyRead, this, &SseClient::onReadyRead);
    connect(m_reply, &QNetworkReply::finished, this, &SseClient::onFinished);
}

// Whether this connection is an event stream. Called at the first bytes (or at the end when
// there were none); fails the client when it is not.
bool SseClient::checkResponse() {
    if (m_checked)
        return true;
    const int status = httpStatus(*m_reply);
    if (status == 0)
        return false;  // no response yet / a transport error: onFinished decides
    m_checked = true;
    if (status != 200)
        return false;
    const QString type = m_reply->header(QNetworkRequest::ContentTypeHeader).toString();
    if (!type.section(QLatin1Char(';'), 0, 0)
             .trimmed()
             .startsWith(QLatin1String("text/event-stream"), Qt::CaseInsensitive)) {
        fail({status,
              QStringLiteral("Not an event stream"),
              QStringLiteral("The server answered %1 instead of text/event-stream.")
                  .arg(type.isEmpty() ? QStringLiteral("no content type") : type),
              {}});
        return false;
    }
    emit opened();
    return true;
}

void SseClient::onReadyRead() {
    if (!m_reply)
        return;
    if (httpStatus(*m_reply) != 200)
        return;  // an error body: read whole in onFinished
    if (!checkResponse())
        return;
    QPointer<SseClient> self(this);
    QPointer<QNetworkReply> reply(m_reply);
    const QVector<SseEvent> events = m_parser.feed(m_reply->readAll());
    for (const SseEvent& event : events) {
        m_failuresInARow = 0;
        emit eventReceived(event);
        // A slot may have stopped (or deleted) us, or restarted on a new connection.
        if (!self || !m_running || m_reply != reply)
            return;
    }
}

void SseClient::onFinished() {
    QNetworkReply* reply = m_reply;
    if (!reply)
        return;
    if (!m_checked && httpStatus(*reply) == 200) {
        // The whole stream arrived at once: read it before deciding anything.
        onReadyRead();
        if (m_reply != reply || !m_running)
            return;
    }
    m_reply = nullptr;
    reply->deleteLater();
    if (!m_running)
        return;
    const int status = httpStatus(*reply);
    if (status == 204) {
        m_running = false;
        emit finished();
        return;
    }
    if (status >= 400) {
        const QByteArray body = reply->readAll();
        const QJsonObject json = QJsonDocument::fromJson(body).object();
        ApiError error{status,
                       reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString(),
                       json.value(QLatin1String("detail")).toString(), json};
        if (error.title.isEmpty())
            error.title = QStringLiteral("HTTP %1").arg(status);
        if (error.detail.isEmpty() && !json.isEmpty())
            error.detail = QString::fromUtf8(body).left(300);
        // Overload and server errors may pass; anything else will not.
        if (status == 429 || status >= 500)
            scheduleRetry(error);
        else
            fail(error);
        return;
    }
    if (status == 0) {
        scheduleRetry({0, QStringLiteral("Connection failed"), reply->errorString(), {}});
        return;
    }
    if (status != 200) {
        fail({status,
              QStringLiteral("Unexpected answer"),
              QStringLiteral("The stream answered HTTP %1.").arg(status),
              {}});
        return;
    }
    // A clean close in the middle of a stream: resume where it stopped.
    scheduleRetry({0,
                   QStringLiteral("Stream closed"),
                   QStringLiteral("The server closed the stream before it ended."),
                   {}});
}

void SseClient::scheduleRetry(const ApiError& why) {
    if (++m_failuresInARow > m_maxRetries) {
        fail(why);
        return;
    }
    // Back off when failures repeat: delay, 2x, 4x..., capped at 30 s.
    const int base = m_parser.retryMs().value_or(m_retryMs);
    const int delay = std::min(30'000, base << std::min(m_failuresInARow - 1, 5));
    m_retryTimer->start(delay);
}

void SseClient::fail(const ApiError& error) {
    stop();
    emit failed(error);
}

}  // namespace replicant::ui
