#include "replicant/ui/client/api_client.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace replicant::ui {

ApiClient::ApiClient(QObject* parent)
    : QObject(parent), m_network(new QNetworkAccessManager(this)) {}

ApiClient::ApiClient(const QUrl& baseUrl, const QString& token, QObject* parent)
    : ApiClient(parent) {
    m_baseUrl = baseUrl;
    m_token = token;
}

QByteArray ApiClient::userAgent() {
    return QByteArrayLiteral("replicant-desktop/" REPLICANT_VERSION);
}

QUrl ApiClient::urlFor(const QString& path) const {
    const QUrl given(path);
    if (given.isValid() && !given.isRelative())
        return given;
    QString base = m_baseUrl.toString(QUrl::StripTrailingSlash);
    return QUrl(base + (path.startsWith(QLatin1Char('/')) ? path : QLatin1Char('/') + path));
}

ApiReply* ApiClient::request(const QByteArray& method, const QString& path,
                             const QJsonDocument& body) {
    QNetworkRequest request(urlFor(path));
    request.setHeader(QNetworkRequest::UserAgentHeader, userAgent());
    request.setRawHeader("Accept", "application/json");
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    request.setTransferTimeout(m_transferTimeoutMs);
    QByteArray payload;
    if (!body.isNull()) {
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/json"));
        payload = body.toJson(QJsonDocument::Compact);
    }
    // sendCustomRequest takes any method token, which the API's QUERY needs.
    QNetworkReply* reply = body.isNull() && method == "GET"
                               ? m_network->get(request)
                               : m_network->sendCustomRequest(request, method, payload);
    return new ApiReply(reply, this);
}

void ApiClient::request(const QByteArray& method, const QString& path, const QJsonDocument& body,
                        const QObject* context, JsonCallback done) {
    ApiReply* reply = request(method, path, body);
    connect(reply, &ApiReply::finished, context,
            [reply, done = std::move(done)] { done(reply->result()); });
}

void ApiClient::fetchAccount(const QObject* context, AccountCallback done) {
    ApiReply* reply = request("GET", QStringLiteral("/v1/account"));
    connect(reply, &ApiReply::finished, context, [reply, done = std::move(done)] {
        const auto& result = reply->result();
        if (!result)
            return done(result.error());
        done(Account::fromJson(result.value(), reply->status()));
    });
}

}  // namespace replicant::ui
