#include "replicant/ui/client/api_reply.h"

#include <QJsonObject>
#include <QJsonParseError>
#include <QNetworkReply>

namespace replicant::ui {

namespace {
constexpr qsizetype kMaxDetailFromText = 500;

// An HTTP error response. The platform (and Replicate) answer application/problem+json
// {"title", "detail", "status"}; older endpoints send only "detail"; proxies may send HTML.
ApiError httpError(int status, const QByteArray& body, const QString& reasonPhrase) {
    ApiError error;
    error.status = status;
    const QJsonDocument json = QJsonDocument::fromJson(body);
    if (json.isObject()) {
        error.body = json.object();
        error.title = error.body.value(QLatin1String("title")).toString();
        error.detail = error.body.value(QLatin1String("detail")).toString();
    } else {
        error.detail = QString::fromUtf8(body).trimmed().left(kMaxDetailFromText);
    }
    if (error.title.isEmpty())
        error.title = reasonPhrase.isEmpty() ? QStringLiteral("HTTP %1").arg(status) : reasonPhrase;
    return error;
}

// No HTTP response at all: refused, unreachable, TLS failure, timeout or cancelled.
ApiError transportError(const QNetworkReply& reply, bool aborted) {
    ApiError error;
    if (reply.error() == QNetworkReply::OperationCanceledError)
        error.title =
            aborted ? QStringLiteral("Request cancelled") : QStringLiteral("Request timed out");
    else
        error.title = QStringLiteral("Connection failed");
    error.detail = reply.errorString();
    return error;
}

ApiResult<QJsonDocument> successBody(int status, const QByteArray& body) {
    if (body.trimmed().isEmpty())
        return QJsonDocument();  // 204 and friends
    QJsonParseError parseError;
    QJsonDocument json = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return ApiError{status,
                        QStringLiteral("Invalid response"),
                        QStringLiteral("The server's reply is not valid JSON: %1")
                            .arg(parseError.errorString()),
                        {}};
    return json;
}
}  // namespace

QString ApiError::message() const {
    if (title.isEmpty())
        return detail;
    if (detail.isEmpty())
        return title;
    return title + QStringLiteral(" \u2014 ") + detail;
}

ApiReply::ApiReply(QNetworkReply* reply, QObject* parent) : QObject(parent), m_reply(reply) {
    reply->setParent(this);
    connect(reply, &QNetworkReply::finished, this, &ApiReply::complete);
}

QByteArray ApiReply::header(QByteArrayView name) const {
    return m_reply->rawHeader(name.toByteArray());
}

void ApiReply::abort() {
    if (isFinished())
        return;
    m_aborted = true;
    m_reply->abort();
}

void ApiReply::complete() {
    if (isFinished())
        return;
    const QVariant statusAttribute = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    m_status = statusAttribute.isValid() ? statusAttribute.toInt() : 0;
    m_body = m_reply->readAll();
    if (m_status == 0) {
        m_result = transportError(*m_reply, m_aborted);
    } else if (m_status >= 400) {
        const QString reason =
            m_reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
        m_result = httpError(m_status, m_body, reason);
    } else {
        m_result = successBody(m_status, m_body);
    }
    emit finished();
    deleteLater();
}

}  // namespace replicant::ui
