#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>

#include "replicant/ui/client/account.h"
#include "replicant/ui/client/api_reply.h"
#include "replicant/ui/client/api_result.h"

class QNetworkAccessManager;

namespace replicant::ui {

// The asynchronous HTTP client of the platform API: a Replicant server (embedded or remote) or
// Replicate itself. Every call returns at once; results arrive on the client's thread.
class ApiClient : public QObject {
    Q_OBJECT

public:
    // No bytes for this long fails a request. Generous, because `Prefer: wait` holds a
    // prediction request open for up to 60 s.
    static constexpr int kDefaultTransferTimeoutMs = 90'000;

    explicit ApiClient(QObject* parent = nullptr);
    ApiClient(const QUrl& baseUrl, const QString& token, QObject* parent = nullptr);

    QUrl baseUrl() const { return m_baseUrl; }
    void setBaseUrl(const QUrl& baseUrl) { m_baseUrl = baseUrl; }
    QString token() const { return m_token; }
    void setToken(const QString& token) { m_token = token; }
    int transferTimeout() const { return m_transferTimeoutMs; }
    void setTransferTimeout(int milliseconds) { m_transferTimeoutMs = milliseconds; }

    // "replicant-desktop/VERSION".
    static QByteArray userAgent();
    // `path` is relative to the base URL ("/v1/account"); an absolute URL is used as is.
    QUrl urlFor(const QString& path) const;

    // Sends any method (QUERY included) with an optional JSON body.
    ApiReply* request(const QByteArray& method, const QString& path,
                      const QJsonDocument& body = {});
    // The same, calling `done` when it finishes unless `context` was destroyed first.
    using JsonCallback = std::function<void(const ApiResult<QJsonDocument>&)>;
    void request(const QByteArray& method, const QString& path, const QJsonDocument& body,
                 const QObject* context, JsonCallback done);

    // GET /v1/account: the account the token belongs to.
    using AccountCallback = std::function<void(const ApiResult<Account>&)>;
    void fetchAccount(const QObject* context, AccountCallback done);

private:
    QNetworkAccessManager* m_network;
    QUrl m_baseUrl;
    QString m_token;
    int m_transferTimeoutMs = kDefaultTransferTimeoutMs;
};

}  // namespace replicant::ui
