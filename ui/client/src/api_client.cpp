#include "replicant/ui/client/api_client.h"

#include <QHttpMultiPart>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>

#include "replicant/ui/client/data_uri.h"

namespace replicant::ui {

namespace {
// "owner/name" as two percent-encoded path segments.
QString modelPath(const QString& ref) {
    QStringList parts = ref.split(QLatin1Char('/'));
    for (QString& part : parts)
        part = QString::fromLatin1(QUrl::toPercentEncoding(part));
    return QStringLiteral("/v1/models/") + parts.join(QLatin1Char('/'));
}

QString predictionPath(const QString& id) {
    return QStringLiteral("/v1/predictions/") + QString::fromLatin1(QUrl::toPercentEncoding(id));
}

// Calls `done` with `parse(json, status)` once `reply` finishes, unless `context` is gone.
template <class T, class Parse>
void deliver(ApiReply* reply, const QObject* context, ApiClient::Callback<T> done, Parse parse) {
    QObject::connect(reply, &ApiReply::finished, context,
                     [reply, done = std::move(done), parse = std::move(parse)] {
                         const auto& result = reply->result();
                         if (!result)
                             return done(result.error());
                         done(parse(result.value(), reply->status()));
                     });
}

const auto parsePrediction = [](const QJsonDocument& json, int status) {
    return Prediction::fromJson(json, status);
};
}  // namespace

ApiClient::ApiClient(QObject* parent)
    : QObject(parent), m_network(new QNetworkAccessManager(this)) {}

ApiClient::ApiClient(const QUrl& baseUrl, const QString& token, QObject* parent)
    : ApiClient(parent) {
    m_baseUrl = baseUrl;
    m_token = token;
}

void ApiClient::setConnection(const Connection& connection) {
    if (connection == this->connection())
        return;
    m_kind = connection.kind;
    m_baseUrl = connection.baseUrl;
    m_token = connection.token;
    emit connectionChanged();
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

bool ApiClient::isOwnServer(const QUrl& url) const {
    return url.scheme() == m_baseUrl.scheme() &&
           url.host().compare(m_baseUrl.host(), Qt::CaseInsensitive) == 0 &&
           url.port(url.scheme() == QLatin1String("https") ? 443 : 80) ==
               m_baseUrl.port(m_baseUrl.scheme() == QLatin1String("https") ? 443 : 80);
}

QNetworkRequest ApiClient::makeRequest(const QUrl& url, const QByteArray& accept) const {
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::UserAgentHeader, userAgent());
    request.setRawHeader("Accept", accept);
    if (!m_token.isEmpty() && isOwnServer(url))
        request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    return request;
}

ApiReply* ApiClient::request(const QByteArray& method, const QString& path,
                             const QJsonDocument& body) {
    QNetworkRequest request = makeRequest(urlFor(path), "application/json");
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
    deliver<Account>(request("GET", QStringLiteral("/v1/account")), context, std::move(done),
                     &Account::fromJson);
}

void ApiClient::listModels(const QString& pageUrl, const QObject* context,
                           Callback<ListPage<Model>> done) {
    const QString path = pageUrl.isEmpty() ? QStringLiteral("/v1/models") : pageUrl;
    deliver<ListPage<Model>>(request("GET", path), context, std::move(done),
                             [](const QJsonDocument& json, int status) {
                                 return pageFromJson<Model>(json, status, &Model::fromObject);
                             });
}

void ApiClient::fetchModel(const QString& ref, const QObject* context, Callback<Model> done) {
    deliver<Model>(request("GET", modelPath(ref)), context, std::move(done), &Model::fromJson);
}

void ApiClient::fetchReadme(const QString& ref, const QObject* context, Callback<QString> done) {
    ApiReply* reply = request("GET", modelPath(ref) + QStringLiteral("/readme"));
    connect(reply, &ApiReply::finished, context, [reply, done = std::move(done)] {
        // The readme is text/plain, which the JSON parse rejects: a 2xx status is what counts.
        if (reply->status() >= 200 && reply->status() < 300)
            return done(QString::fromUtf8(reply->rawBody()));
        done(reply->result().error());
    });
}

void ApiClient::listVersions(const QString& ref, const QString& pageUrl, const QObject* context,
                             Callback<ListPage<ModelVersion>> done) {
    const QString path = pageUrl.isEmpty() ? modelPath(ref) + QStringLiteral("/versions") : pageUrl;
    deliver<ListPage<ModelVersion>>(
        request("GET", path), context, std::move(done), [](const QJsonDocument& json, int status) {
            return pageFromJson<ModelVersion>(json, status, &ModelVersion::fromObject);
        });
}

void ApiClient::fetchVersion(const QString& ref, const QString& id, const QObject* context,
                             Callback<ModelVersion> done) {
    const QString path = modelPath(ref) + QStringLiteral("/versions/") +
                         QString::fromLatin1(QUrl::toPercentEncoding(id));
    deliver<ModelVersion>(request("GET", path), context, std::move(done), &ModelVersion::fromJson);
}

void ApiClient::createPrediction(const PredictionRequest& prediction, const QObject* context,
                                 Callback<Prediction> done) {
    QJsonObject body{{QStringLiteral("input"), prediction.input}};
    QString path;
    if (prediction.version.isEmpty()) {
        path = modelPath(prediction.model) + QStringLiteral("/predictions");
    } else {
        path = QStringLiteral("/v1/predictions");
        body.insert(QStringLiteral("version"), prediction.version);
    }
    deliver<Prediction>(request("POST", path, QJsonDocument(body)), context, std::move(done),
                        parsePrediction);
}

void ApiClient::fetchPrediction(const QString& id, const QObject* context,
                                Callback<Prediction> done) {
    deliver<Prediction>(request("GET", predictionPath(id)), context, std::move(done),
                        parsePrediction);
}

void ApiClient::cancelPrediction(const QString& id, const QObject* context,
                                 Callback<Prediction> done) {
    // The official clients send no body; an empty JSON object is what the server reads as none.
    deliver<Prediction>(request("POST", predictionPath(id) + QStringLiteral("/cancel")), context,
                        std::move(done), parsePrediction);
}

void ApiClient::deletePrediction(const QString& id, const QObject* context, Callback<bool> done) {
    const QString path =
        QStringLiteral("/replicant") + predictionPath(id);  // "/replicant/v1/predictions/{id}"
    deliver<bool>(request("DELETE", path), context, std::move(done),
                  [](const QJsonDocument&, int) { return ApiResult<bool>(true); });
}

void ApiClient::listPredictions(const QString& pageUrl, const QObject* context,
                                Callback<ListPage<Prediction>> done) {
    const QString path = pageUrl.isEmpty() ? QStringLiteral("/v1/predictions") : pageUrl;
    deliver<ListPage<Prediction>>(
        request("GET", path), context, std::move(done), [](const QJsonDocument& json, int status) {
            return pageFromJson<Prediction>(json, status, &Prediction::fromObject);
        });
}

ApiReply* ApiClient::uploadFile(const QByteArray& bytes, const QString& fileName,
                                const QString& contentType, const QObject* context,
                                Callback<UploadedFile> done, ProgressCallback progress) {
    auto* multipart = new QHttpMultiPart(QHttpMultiPart::FormDataType);
    QHttpPart content;
    QString quoted = fileName;
    quoted.replace(QLatin1Char('"'), QLatin1Char('_')).replace(QLatin1Char('\\'), QLatin1Char('_'));
    content.setHeader(QNetworkRequest::ContentDispositionHeader,
                      QStringLiteral("form-data; name=\"content\"; filename=\"%1\"").arg(quoted));
    content.setHeader(
        QNetworkRequest::ContentTypeHeader,
        contentType.isEmpty() ? QStringLiteral("application/octet-stream") : contentType);
    content.setBody(bytes);
    multipart->append(content);
    QNetworkRequest request = makeRequest(urlFor(QStringLiteral("/v1/files")), "application/json");
    request.setTransferTimeout(m_transferTimeoutMs);
    QNetworkReply* network = m_network->post(request, multipart);
    multipart->setParent(network);
    if (progress)
        connect(
            network, &QNetworkReply::uploadProgress, context,
            [progress = std::move(progress)](qint64 sent, qint64 total) { progress(sent, total); });
    auto* reply = new ApiReply(network, this);
    deliver<UploadedFile>(
        reply, context, std::move(done),
        [](const QJsonDocument& json, int) -> ApiResult<UploadedFile> {
            const QJsonObject o = json.object();
            UploadedFile file{
                o.value(QLatin1String("id")).toString(),
                o.value(QLatin1String("urls")).toObject().value(QLatin1String("get")).toString(),
                o.value(QLatin1String("size")).toInteger()};
            if (file.url.isEmpty())
                return ApiError{0,
                                QStringLiteral("Unexpected answer"),
                                QStringLiteral("The server's answer to the "
                                               "upload has no urls.get."),
                                {}};
            return file;
        });
    return reply;
}

void ApiClient::download(const QUrl& url, const QObject* context, Callback<Download> done) {
    if (url.scheme() == QLatin1String("data")) {
        // Decoded after returning, like every other answer, so callers see one behaviour.
        QMetaObject::invokeMethod(
            const_cast<QObject*>(context),
            [text = url.toString(QUrl::FullyEncoded), done = std::move(done)] {
                auto data = DataUri::parse(text);
                if (!data)
                    return done(ApiError{0,
                                         QStringLiteral("Invalid data URI"),
                                         QStringLiteral("The output is not a valid data: URI."),
                                         {}});
                done(Download{data->bytes, data->mediaType});
            },
            Qt::QueuedConnection);
        return;
    }
    QNetworkRequest request = makeRequest(url, "*/*");
    request.setTransferTimeout(m_transferTimeoutMs);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::NoLessSafeRedirectPolicy);
    auto* reply = new ApiReply(m_network->get(request), this);
    connect(reply, &ApiReply::finished, context, [reply, done = std::move(done)] {
        if (reply->status() >= 200 && reply->status() < 300)
            return done(
                Download{reply->rawBody(), QString::fromLatin1(reply->header("Content-Type"))
                                               .section(QLatin1Char(';'), 0, 0)
                                               .trimmed()});
        done(reply->result().error());
    });
}

}  // namespace replicant::ui
