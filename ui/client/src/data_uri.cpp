#include "replicant/ui/client/data_uri.h"

#include <QUrl>

namespace replicant::ui {

std::optional<DataUri> DataUri::parse(const QString& uri) {
    if (!uri.startsWith(QLatin1String("data:"), Qt::CaseInsensitive))
        return std::nullopt;
    const qsizetype comma = uri.indexOf(QLatin1Char(','));
    if (comma < 0)
        return std::nullopt;
    QString header = uri.mid(5, comma - 5);
    const bool base64 = header.endsWith(QLatin1String(";base64"), Qt::CaseInsensitive);
    if (base64)
        header.chop(7);
    DataUri result;
    result.mediaType = header.section(QLatin1Char(';'), 0, 0).trimmed().toLower();
    if (result.mediaType.isEmpty())
        result.mediaType = QStringLiteral("text/plain");
    const QByteArray payload = uri.mid(comma + 1).toLatin1();
    if (base64) {
        auto decoded = QByteArray::fromBase64Encoding(QByteArray::fromPercentEncoding(payload),
                                                      QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded)
            return std::nullopt;
        result.bytes = *decoded;
    } else {
        result.bytes = QByteArray::fromPercentEncoding(payload);
    }
    return result;
}

QString DataUri::encode(const QByteArray& bytes, const QString& mediaType) {
    return QStringLiteral("data:%1;base64,%2")
        .arg(mediaType.isEmpty() ? QStringLiteral("application/octet-stream") : mediaType,
             QString::fromLatin1(bytes.toBase64()));
}

}  // namespace replicant::ui
