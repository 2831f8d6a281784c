#include "schema_field.h"

#include <QJsonArray>

#include "array_field.h"
#include "basic_fields.h"
#include "file_field.h"
#include "number_field.h"
#include "replicant/widgets/json_schema.h"

namespace replicant::widgets {

SchemaField::SchemaField(const QString& name, const QJsonObject& schema, QWidget* parent)
    : QWidget(parent), m_name(name), m_schema(schema) {
    setObjectName(QStringLiteral("field-") + name);
}

QString SchemaField::typeHint() const {
    const QString type = json_schema::typeOf(m_schema);
    return type.isEmpty() ? tr("any") : type;
}

bool isProseField(const QString& name, const QJsonObject& schema) {
    static const QStringList prose = {
        QStringLiteral("prompt"),      QStringLiteral("text"),        QStringLiteral("caption"),
        QStringLiteral("system"),      QStringLiteral("template"),    QStringLiteral("message"),
        QStringLiteral("question"),    QStringLiteral("context"),     QStringLiteral("lyrics"),
        QStringLiteral("description"), QStringLiteral("instruction"), QStringLiteral("content")};
    const QString lower = name.toLower();
    for (const QString& word : prose) {
        if (lower.contains(word))
            return true;
    }
    if (schema.value(QLatin1String("maxLength")).toDouble() > 200)
        return true;
    return schema.value(QLatin1String("default")).toString().contains(QLatin1Char('\n'));
}

SchemaField* createSchemaField(const QString& name, const QJsonObject& schema, bool required,
                               const QJsonObject& document, QWidget* parent) {
    const QString type = json_schema::typeOf(schema);
    const QString format = schema.value(QLatin1String("format")).toString();
    if (schema.value(QLatin1String("enum")).isArray() &&
        !schema.value(QLatin1String("enum")).toArray().isEmpty())
        return new EnumField(name, schema, required, parent);
    if (type == QLatin1String("string")) {
        if (json_schema::isSecret(schema))
            return new SecretField(name, schema, parent);
        if (format == QLatin1String("uri"))
            return new FileField(name, schema, parent);
        return new TextField(name, schema, isProseField(name, schema), parent);
    }
    if (type == QLatin1String("integer") || type == QLatin1String("number"))
        return new NumberField(name, schema, required, parent);
    if (type == QLatin1String("boolean"))
        return new BoolField(name, schema, parent);
    if (type == QLatin1String("array") && schema.value(QLatin1String("items")).isObject())
        return new ArrayField(name, schema, document, parent);
    return new JsonField(name, schema, parent);
}

}  // namespace replicant::widgets
