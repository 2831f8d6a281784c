#include <QJsonArray>

#include <algorithm>

#include "replicant/ui/client/model.h"
#include "replicant/widgets/json_schema.h"
#include "snippet_parts.h"

namespace replicant::ui::snippets::parts {

namespace js = widgets::json_schema;

namespace {
bool isFile(const QJsonObject& schema) {
    return js::typeOf(schema) == QLatin1String("string") &&
           schema.value(QLatin1String("format")).toString() == QLatin1String("uri");
}

// API_KEY for api_key: what a shell accepts as a variable name.
QString envVarName(const QString& name) {
    QString out;
    for (const QChar c : name)
        out += c.isLetterOrNumber() && c.unicode() < 128 ? c.toUpper() : QChar(u'_');
    if (out.isEmpty() || out[0].isDigit())
        out.prepend(QLatin1String("INPUT_"));
    return out;
}

// What an unset input without a default shows, commented out: something of its type.
QJsonValue placeholder(const QJsonObject& schema) {
    const QJsonArray choices = schema.value(QLatin1String("enum")).toArray();
    if (!choices.isEmpty())
        return choices.first();
    if (isFile(schema))
        return QStringLiteral("https://example.com/input.png");
    const QString type = js::typeOf(schema);
    if (type == QLatin1String("integer") || type == QLatin1String("number")) {
        const QJsonValue minimum = schema.value(QLatin1String("minimum"));
        return minimum.isDouble() ? minimum : QJsonValue(0);
    }
    if (type == QLatin1String("boolean"))
        return false;
    if (type == QLatin1String("array"))
        return QJsonArray();
    if (type == QLatin1String("object"))
        return QJsonObject();
    return QString();
}

QString typeLabel(const QJsonObject& schema, const QJsonObject& document) {
    if (js::isSecret(schema))
        return QStringLiteral("secret");
    if (isFile(schema))
        return QStringLiteral("file");
    const QString type = js::typeOf(schema);
    if (type == QLatin1String("array")) {
        const QJsonObject items =
            js::resolve(schema.value(QLatin1String("items")).toObject(), document);
        const QString item = typeLabel(items, document);
        return item == QLatin1String("any") ? type : QStringLiteral("array of %1").arg(item);
    }
    return type.isEmpty() ? QStringLiteral("any") : type;
}
}  // namespace

QString Input::facts(Syntax syntax) const {
    QStringList out{typeLabel(schema, {})};
    if (required)
        out << QStringLiteral("required");
    const QJsonValue minimum = schema.value(QLatin1String("minimum"));
    const QJsonValue maximum = schema.value(QLatin1String("maximum"));
    if (minimum.isDouble() && maximum.isDouble())
        out << QStringLiteral("%1 to %2").arg(literal(minimum, syntax), literal(maximum, syntax));
    else if (minimum.isDouble())
        out << QStringLiteral("at least %1").arg(literal(minimum, syntax));
    else if (maximum.isDouble())
        out << QStringLiteral("at most %1").arg(literal(maximum, syntax));
    const QJsonArray choices = schema.value(QLatin1String("enum")).toArray();
    if (!choices.isEmpty()) {
        QStringList names;
        for (const QJsonValue& choice : choices)
            names << literal(choice, syntax);
        out << QStringLiteral("one of: ") + names.join(QLatin1String(", "));
    }
    const QJsonValue fallback = schema.value(QLatin1String("default"));
    if (envVar.isEmpty() && !fallback.isUndefined())
        out << QStringLiteral("default: ") + literal(fallback, syntax);
    return out.join(QLatin1String(", "));
}

QString Input::comment(Syntax syntax) const {
    const QString about = QLatin1Char('(') + facts(syntax) + QLatin1Char(')');
    return description.isEmpty() ? about : description + QLatin1Char(' ') + about;
}

QVector<Input> inputs(const Request& request) {
    QVector<Input> out;
    const QJsonObject schema = componentSchema(request.openapi, QLatin1String("Input"));
    for (const js::Property& property : js::orderedProperties(schema, request.openapi)) {
        Input input;
        input.name = property.name;
        // The array item schema is resolved too, for the type label.
        input.schema = property.schema;
        if (input.schema.value(QLatin1String("items")).isObject())
            input.schema.insert(QLatin1String("items"),
                                js::resolve(input.schema.value(QLatin1String("items")).toObject(),
                                            request.openapi));
        input.required = property.required;
        input.description =
            input.schema.value(QLatin1String("description")).toString().simplified();
        const QJsonValue given = request.input.value(property.name);
        input.set = !given.isUndefined() && !given.isNull();
        if (js::isSecret(input.schema))
            input.envVar = envVarName(property.name);
        if (!input.envVar.isEmpty())
            input.value = QJsonValue();  // a secret's value never reaches a snippet
        else if (input.set)
            input.value = given;
        else if (input.schema.contains(QLatin1String("default")))
            input.value = input.schema.value(QLatin1String("default"));
        else
            input.value = placeholder(input.schema);
        out << input;
    }
    // Values the schema does not name (a version without a schema) are still sent.
    for (auto it = request.input.begin(); it != request.input.end(); ++it) {
        const bool listed = std::any_of(out.begin(), out.end(),
                                        [&it](const Input& i) { return i.name == it.key(); });
        if (!listed && !it.value().isNull()) {
            Input input;
            input.name = it.key();
            input.set = true;
            input.value = it.value();
            out << input;
        }
    }
    return out;
}

OutputKind outputKind(const Request& request) {
    const QJsonObject output =
        js::resolve(componentSchema(request.openapi, QLatin1String("Output")), request.openapi);
    const QString type = js::typeOf(output);
    if (type == QLatin1String("string"))
        return isFile(output) ? OutputKind::File : OutputKind::Text;
    if (type == QLatin1String("array")) {
        const QJsonObject items =
            js::resolve(output.value(QLatin1String("items")).toObject(), request.openapi);
        if (isFile(items))
            return OutputKind::Files;
        if (js::typeOf(items) == QLatin1String("string"))
            return OutputKind::TextParts;
    }
    return OutputKind::Json;
}

}  // namespace replicant::ui::snippets::parts
