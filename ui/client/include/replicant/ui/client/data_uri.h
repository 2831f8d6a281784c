#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace replicant::ui {

// A decoded data: URI (RFC 2397): "data:image/png;base64,iVBOR..." or "data:,hello%20world".
struct DataUri {
    QString mediaType;  // "image/png"; "text/plain" when the URI names none
    QByteArray bytes;

    static std::optional<DataUri> parse(const QString& uri);
    // "data:<type>;base64,<bytes>".
    static QString encode(const QByteArray& bytes, const QString& mediaType);
};

}  // namespace replicant::ui
