#include "secret_inputs.h"

#include "replicant/widgets/json_schema.h"

namespace replicant::ui {

QJsonObject maskSecretInputs(const QJsonObject& input, const QJsonObject& inputSchema) {
    QJsonObject masked = input;
    const QJsonObject properties = inputSchema.value(QLatin1String("properties")).toObject();
    for (auto it = properties.begin(); it != properties.end(); ++it) {
        if (masked.contains(it.key()) && !masked.value(it.key()).isNull() &&
            widgets::json_schema::isSecret(it.value().toObject()))
            masked.insert(it.key(), kMaskedSecret);
    }
    return masked;
}

}  // namespace replicant::ui
