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
#include "replicant/ui/client/connection.h"
#include "replicant/ui/client/model.h"
#include "replicant/ui/client/prediction.h"

class QNetworkAccessManager;
class QNetworkRequest;

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
    // Which platform this client talks to. setConnection() switches live: requests already in
    // flight finish against the old one, and connectionChanged() tells the pages to reload.
    Connection connection() const { return {m_kind, m_baseUrl, m_token}; }
    void setConnection(const Connection& connection);
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

    template <class T>
    using Callback = std::function<void(const ApiResult<T>&)>;

    // GET /v1/models, or the page at `pageUrl` (a previous page's `next`).
    void listModels(const QString& pageUrl, const QObject* context, Callback<ListPage<Model>> done);
    // GET /v1/models/{ref}, ref = "owner/name".
    void fetchModel(const QString& ref, const QObject* context, Callback<Model> done);
    // GET /v1/models/{ref}/readme: Markdown text.
    void fetchReadme(const QString& ref, const QObject* context, Callback<QString> done);
    // GET /v1/models/{ref}/versions (newest first), or the page at `pageUrl`.
    void listVersions(const QString& ref, const QString& pageUrl, const QObject* context,
                      Callback<ListPage<ModelVersion>> done);

    // GET /v1/models/{ref}/versions/{id}.
    void fetchVersion(const QString& ref, const QString& id, const QObject* context,
                      Callback<ModelVersion> done);

    // Creates a prediction without waiting for it: POST /v1/predictions with `version` when it
    // is set, else POST /v1/models/{model}/predictions (the model's latest version).
    struct PredictionRequest {
        QString model;    // "owner/name"
        QString version;  // 64 hex, or empty
        QJsonObject input;
    };
    void createPrediction(const PredictionRequest& request, const QObject* context,
                          Callback<Prediction> done);
    void fetchPrediction(const QString& id, const QObject* context, Callback<Prediction> done);
    void cancelPrediction(const QString& id, const QObject* context, Callback<Prediction> done);
    // DELETE /replicant/v1/predictions/{id}: a Replicant extension that removes a finished
    // prediction and its output files (Replicate itself answers 404).
    void deletePrediction(const QString& id, const QObject* context, Callback<bool> done);
    // GET /v1/predictions (newest first), or the page at `pageUrl`.
    void listPredictions(const QString& pageUrl, const QObject* context,
                         Callback<ListPage<Prediction>> done);

    // POST /v1/files (multipart, as the official clients send it): the uploaded file's JSON,
    // whose urls.get is what a prediction input takes. `progress` gets (sent, total) bytes.
    struct UploadedFile {
        QString id;
        QString url;  // urls.get
        qint64 size = 0;
    };
    using ProgressCallback = std::function<void(qint64 sent, qint64 total)>;
    ApiReply* uploadFile(const QByteArray& bytes, const QString& fileName,
                         const QString& contentType, const QObject* context,
                         Callback<UploadedFile> done, ProgressCallback progress = {});

    // The bytes behind an output URL: a data: URI is decoded here, anything else is fetched
    // (with the token only when it points at this client's server).
    struct Download {
        QByteArray bytes;
        QString contentType;
    };
    void download(const QUrl& url, const QObject* context, Callback<Download> done);

    // A request to `url` with this client's headers: user agent, `accept`, and the token when
    // the URL is on this client's server (tokens never go to other hosts).
    QNetworkRequest makeRequest(const QUrl& url, const QByteArray& accept) const;
    bool isOwnServer(const QUrl& url) const;
    QNetworkAccessManager* network() const { return m_network; }

signals:
    void connectionChanged();

private:
    QNetworkAccessManager* m_network;
    QUrl m_baseUrl;
    QString m_token;
    Connection::Kind m_kind = Connection::Kind::Embedded;
    int m_transferTimeoutMs = kDefaultTransferTimeoutMs;
};

}  // namespace replicant::ui
