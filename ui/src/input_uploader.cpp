#include "replicant/ui/input_uploader.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QLocale>
#include <QMimeDatabase>

#include "replicant/ui/client/api_client.h"
#include "replicant/ui/client/data_uri.h"

namespace replicant::ui {

namespace {
bool isUriSchema(const QJsonObject& schema) {
    return schema.value(QLatin1String("format")).toString() == QLatin1String("uri");
}

bool isDataUri(const QJsonValue& v) {
    return v.isString() && v.toString().startsWith(QLatin1String("data:"), Qt::CaseInsensitive);
}

// Servers without a Files API answer these; anything else is a real failure.
bool cannotUpload(int status) {
    return status == 404 || status == 405 || status == 501;
}
}  // namespace

InputUploader::InputUploader(ApiClient* client, QObject* parent)
    : QObject(parent), m_client(client) {}

QStringList InputUploader::fileFields(const QJsonObject& inputSchema) {
    QStringList names;
    const QJsonObject properties = inputSchema.value(QLatin1String("properties")).toObject();
    for (auto it = properties.begin(); it != properties.end(); ++it) {
        const QJsonObject property = it.value().toObject();
        if (isUriSchema(property) || isUriSchema(property.value(QLatin1String("items")).toObject()))
            names << it.key();
    }
    return names;
}

void InputUploader::prepare(const QJsonObject& input, const QStringList& fields, Done done) {
    cancel();
    m_result = Result{input, {}, {}, 0};
    m_done = std::move(done);
    for (const QString& field : fields) {
        const QJsonValue v = input.value(field);
        if (isDataUri(v))
            m_queue.append({field, -1, v.toString()});
        const QJsonArray items = v.toArray();
        for (int i = 0; i < items.size(); ++i) {
            if (isDataUri(items.at(i)))
                m_queue.append({field, i, items.at(i).toString()});
        }
    }
    m_total = int(m_queue.size());
    // Answers come later, never before returning, whatever the input.
    QMetaObject::invokeMethod(this, &InputUploader::next, Qt::QueuedConnection);
}

void InputUploader::cancel() {
    m_done = nullptr;
    m_queue.clear();
    if (m_reply)
        m_reply->abort();
    m_reply = nullptr;
}

void InputUploader::next() {
    if (!m_done)
        return;  // cancelled
    if (m_queue.isEmpty())
        return finish();
    const Pending item = m_queue.constFirst();
    const auto data = DataUri::parse(item.uri);
    if (!data) {
        m_result.error = tr("%1 is not a valid file (a broken data: URI).").arg(item.field);
        return finish();
    }
    const QByteArray key = QCryptographicHash::hash(
        m_client->baseUrl().toEncoded() + '\n' + data->bytes, QCryptographicHash::Sha256);
    if (const auto found = m_uploaded.constFind(key); found != m_uploaded.cend()) {
        apply(item, found.value());
        m_queue.removeFirst();
        return next();
    }
    const int position = m_total - int(m_queue.size()) + 1;
    const QString size = QLocale().formattedDataSize(data->bytes.size());
    const QString label =
        m_total > 1 ? tr("Uploading %1 (%2 of %3)").arg(item.field).arg(position).arg(m_total)
                    : tr("Uploading %1").arg(item.field);
    emit progress(tr("%1: %2\u2026").arg(label, size));
    const QString suffix = QMimeDatabase().mimeTypeForName(data->mediaType).preferredSuffix();
    const QString name = item.field +
                         (item.index >= 0 ? QStringLiteral("-%1").arg(item.index) : QString()) +
                         (suffix.isEmpty() ? QString() : QLatin1Char('.') + suffix);
    m_reply = m_client->uploadFile(
        data->bytes, name, data->mediaType, this,
        [this, item, key](const ApiResult<ApiClient::UploadedFile>& result) {
            m_reply = nullptr;
            if (!m_done)
                return;
            if (!result) {
                if (cannotUpload(result.error().status)) {
                    // Every file stays inline; the server reads data: URIs.
                    m_result.notice =
                        tr("This connection cannot take file uploads (HTTP %1), so the files "
                           "were sent inline as data: URIs.")
                            .arg(result.error().status);
                    m_queue.clear();
                    return finish();
                }
                m_result.error =
                    tr("Could not upload %1: %2").arg(item.field, result.error().message());
                return finish();
            }
            m_uploaded.insert(key, result->url);
            ++m_result.uploaded;
            apply(item, result->url);
            m_queue.removeFirst();
            next();
        },
        [this, label, size](qint64 sent, qint64 total) {
            if (total > 0)
                emit progress(
                    tr("%1: %2% of %3\u2026").arg(label).arg(sent * 100 / total).arg(size));
        });
}

void InputUploader::apply(const Pending& item, const QString& url) {
    if (item.index < 0) {
        m_result.input.insert(item.field, url);
        return;
    }
    QJsonArray items = m_result.input.value(item.field).toArray();
    items.replace(item.index, url);
    m_result.input.insert(item.field, items);
}

void InputUploader::finish() {
    Done done = std::move(m_done);
    m_done = nullptr;
    m_queue.clear();
    if (done)
        done(m_result);
}

}  // namespace replicant::ui
