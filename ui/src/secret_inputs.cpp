#include "secret_inputs.h"

namespace replicant::ui {

bool isSecretSchema(const QJsonObject& property) {
    return property.value(QLatin1String("x-cog-secret")).toBool() ||
           property.value(QLatin1String("format")).toString() == QLatin1String("password");
}

QJsonObject maskSecretInputs(const QJsonObject& input, const QJsonObject& inputSchema) {
    QJsonObject masked = input;
    const QJsonObject properties = inputSchema.value(QLatin1String("properties")).toObject();
    for (auto it = properties.begin(); it != properties.end(); ++it) {
        if (masked.contains(it.key()) && !masked.value(it.key()).isNull() &&
            isSecretSchema(it.value().toObject()))
            masked.insert(it.key(), kMaskedSecret);
    }
    return masked;
}

}  // namespace replicant::ui
