#pragma once

#include <QJsonObject>
#include <QString>

namespace replicant::ui {

// What a secret input's value shows as: the platform's own redaction marker.
inline const QString kMaskedSecret = QStringLiteral("**********");

// `input` with the value of every secret property of `inputSchema` (an object schema) masked.
// The server redacts echoed secrets too; the app masks by schema whatever the server did.
QJsonObject maskSecretInputs(const QJsonObject& input, const QJsonObject& inputSchema);

}  // namespace replicant::ui
