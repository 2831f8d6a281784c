#include "replicant/ui/comparison_inputs.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QStringList>

#include "replicant/ui/client/model.h"
#include "replicant/widgets/json_schema.h"

namespace replicant::ui {

namespace json_schema = widgets::json_schema;

namespace {
QJsonObject objectSchema(const QVector<json_schema::Property>& properties) {
    QJsonObject props;
    QJsonArray required;
    int order = 0;
    for (const json_schema::Property& p : properties) {
        QJsonObject schema = p.schema;
        schema.insert(QStringLiteral("x-order"), order++);
        props.insert(p.name, schema);
        if (p.required)
            required.append(p.name);
    }
    QJsonObject object{{QStringLiteral("type"), QStringLiteral("object")},
                       {QStringLiteral("properties"), props}};
    if (!required.isEmpty())
        object.insert(QStringLiteral("required"), required);
    return object;
}
}  // namespace

QString comparisonInputType(const QJsonObject& resolvedSchema) {
    QString type = json_schema::typeOf(resolvedSchema);
    if (resolvedSchema.value(QLatin1String("format")).toString() == QLatin1String("uri"))
        type += QLatin1String("/uri");
    const QJsonValue choices = resolvedSchema.value(QLatin1String("enum"));
    if (choices.isArray()) {
        type += QLatin1String(" enum ") +
                QString::fromUtf8(QJsonDocument(choices.toArray()).toJson(QJsonDocument::Compact));
    }
    return type;
}

ComparisonInputs mergeComparisonInputs(const QVector<QJsonObject>& openapiDocuments) {
    QVector<QVector<json_schema::Property>> perVersion;
    for (const QJsonObject& document : openapiDocuments)
        perVersion.append(json_schema::orderedProperties(
            componentSchema(document, QLatin1String("Input")), document));

    // Shared: in the first version's order, present in every other with the same type.
    QVector<json_schema::Property> shared;
    QSet<QString> sharedNames;
    if (!perVersion.isEmpty()) {
        for (json_schema::Property candidate : perVersion.constFirst()) {
            const QString type = comparisonInputType(candidate.schema);
            bool everywhere = true;
            for (qsizetype i = 1; i < perVersion.size() && everywhere; ++i) {
                const auto& others = perVersion[i];
                const auto found = std::find_if(
                    others.begin(), others.end(),
                    [&](const json_schema::Property& p) { return p.name == candidate.name; });
                everywhere = found != others.end() && comparisonInputType(found->schema) == type;
                if (everywhere)
                    candidate.required = candidate.required || found->required;
            }
            if (everywhere) {
                shared.append(candidate);
                sharedNames.insert(candidate.name);
            }
        }
    }

    ComparisonInputs merged;
    merged.shared = objectSchema(shared);
    for (const auto& properties : std::as_const(perVersion)) {
        QVector<json_schema::Property> rest;
        for (const json_schema::Property& p : properties) {
            if (!sharedNames.contains(p.name))
                rest.append(p);
        }
        merged.columns.append(objectSchema(rest));
    }
    return merged;
}

}  // namespace replicant::ui
