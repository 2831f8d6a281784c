#include "replicant/widgets/json_schema.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <limits>

namespace replicant::widgets::json_schema {

namespace {
// Schemas nest a few levels at most; the cap stops reference cycles.
constexpr int kMaxDepth = 32;

QString pointerToken(QString raw) {
    return raw.replace(QLatin1String("~1"), QLatin1String("/"))
        .replace(QLatin1String("~0"), QLatin1String("~"));
}

QJsonObject resolvePointer(const QJsonObject& document, const QString& ref, bool* ok) {
    *ok = false;
    if (!ref.startsWith(QLatin1String("#/")))
        return {};
    QJsonValue current = document;
    for (const QString& token : ref.mid(2).split(QLatin1Char('/'))) {
        current = current.toObject().value(pointerToken(token));
        if (!current.isObject())
            return {};
    }
    *ok = true;
    return current.toObject();
}

QJsonObject deref(const QJsonObject& schema, const QJsonObject& document) {
    QJsonObject current = schema;
    for (int hop = 0; hop < kMaxDepth && current.value(QLatin1String("$ref")).isString(); ++hop) {
        bool ok = false;
        QJsonObject target =
            resolvePointer(document, current.value(QLatin1String("$ref")).toString(), &ok);
        if (!ok)
            break;
        current = target;
    }
    return current;
}

bool isIntegral(double x) {
    return std::isfinite(x) && std::trunc(x) == x;
}

QString givenType(const QJsonValue& v) {
    switch (v.type()) {
        case QJsonValue::Null:
            return QStringLiteral("null");
        case QJsonValue::Bool:
            return QStringLiteral("boolean");
        case QJsonValue::String:
            return QStringLiteral("string");
        case QJsonValue::Array:
            return QStringLiteral("array");
        case QJsonValue::Object:
            return QStringLiteral("object");
        case QJsonValue::Double:
            return isIntegral(v.toDouble()) ? QStringLiteral("integer") : QStringLiteral("number");
        default:
            return QStringLiteral("undefined");
    }
}

bool hasType(const QJsonValue& v, const QString& type) {
    if (type == QLatin1String("integer"))
        return v.isDouble() && isIntegral(v.toDouble());
    if (type == QLatin1String("number"))
        return v.isDouble();
    return givenType(v) == type;
}

// Bounds as gojsonschema prints them: %g with 10 significant digits.
QString formatBound(double x) {
    return QString::asprintf("%.10g", x);
}

QString jsonText(const QJsonValue& v) {
    if (v.isDouble()) {
        const double d = v.toDouble();
        return isIntegral(d) && std::abs(d) < 1e15 ? QString::number(qint64(d))
                                                   : QString::number(d, 'g', 17);
    }
    if (v.isString())
        return QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact))
            .mid(1)
            .chopped(1);
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (v.isNull())
        return QStringLiteral("null");
    return QString::fromUtf8(v.isArray()
                                 ? QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact)
                                 : QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
}

bool sameValue(const QJsonValue& a, const QJsonValue& b) {
    if (a.isDouble() && b.isDouble())
        return a.toDouble() == b.toDouble();
    return a == b;
}

QString joinPath(const QString& path, const QString& name) {
    return path.isEmpty() ? name : path + QLatin1Char('.') + name;
}

bool validEscapes(QStringView s) {
    for (qsizetype i = 0; i < s.size(); ++i) {
        if (s[i] != QLatin1Char('%'))
            continue;
        if (i + 2 >= s.size() || !isxdigit(s[i + 1].toLatin1()) || !isxdigit(s[i + 2].toLatin1()))
            return false;
        i += 2;
    }
    return true;
}

bool validAuthority(QStringView authority) {
    const qsizetype at = authority.indexOf(QLatin1Char('@'));
    QStringView host = at < 0 ? authority : authority.sliced(at + 1);
    if (host.contains(QLatin1Char(' ')))
        return false;
    const qsizetype colon = host.lastIndexOf(QLatin1Char(':'));
    if (colon < 0 || host.indexOf(QLatin1Char(']'), colon) >= 0)
        return true;
    const QStringView port = host.sliced(colon + 1);
    return std::all_of(port.begin(), port.end(), [](QChar c) { return c.isDigit(); });
}

class Checker {
public:
    Checker(const QJsonObject& document, QVector<Error>& errors)
        : m_document(document), m_errors(errors) {}

    void add(const QString& type, const QString& path, const QString& description,
             const QString& property = {}) {
        m_errors.append({path, type, description, property});
    }

    void check(const QJsonObject& rawSchema, const QJsonValue& value, const QString& path,
               int depth = 0) {
        if (depth > kMaxDepth)
            return;
        const QJsonObject schema = deref(rawSchema, m_document);
        if (value.isNull() && schema.value(QLatin1String("nullable")).toBool())
            return;
        if (!checkType(schema, value, path))
            return;
        for (const QJsonValue& sub : schema.value(QLatin1String("allOf")).toArray())
            check(sub.toObject(), value, path, depth + 1);
        checkAnyOf(schema, value, path, depth);
        checkEnum(schema, value, path);
        if (value.isDouble())
            checkNumber(schema, value.toDouble(), path);
        else if (value.isString())
            checkString(schema, value.toString(), path);
        else if (value.isArray())
            checkArray(schema, value.toArray(), path, depth);
        else if (value.isObject())
            checkObject(schema, value.toObject(), path, depth);
    }

private:
    bool checkType(const QJsonObject& schema, const QJsonValue& value, const QString& path) {
        QStringList types;
        const QJsonValue t = schema.value(QLatin1String("type"));
        if (t.isString())
            types << t.toString();
        for (const QJsonValue& each : t.toArray())
            types << each.toString();
        types.removeAll(QString());
        if (types.isEmpty() || std::any_of(types.begin(), types.end(), [&](const QString& type) {
                return hasType(value, type);
            }))
            return true;
        const QString expected =
            types.size() == 1 ? types.first()
                              : QLatin1Char('[') + types.join(QLatin1Char(',')) + QLatin1Char(']');
        add(QStringLiteral("invalid_type"), path,
            QStringLiteral("Invalid type. Expected: %1, given: %2")
                .arg(expected, givenType(value)));
        return false;
    }

    void checkAnyOf(const QJsonObject& schema, const QJsonValue& value, const QString& path,
                    int depth) {
        const QJsonArray any = schema.value(QLatin1String("anyOf")).toArray();
        if (any.isEmpty())
            return;
        for (const QJsonValue& sub : any) {
            QVector<Error> scratch;
            Checker trial(m_document, scratch);
            trial.check(sub.toObject(), value, path, depth + 1);
            if (scratch.isEmpty())
                return;
        }
        add(QStringLiteral("number_any_of"), path,
            QStringLiteral("Must validate at least one schema (anyOf)"));
    }

    void checkEnum(const QJsonObject& schema, const QJsonValue& value, const QString& path) {
        const QJsonValue allowed = schema.value(QLatin1String("enum"));
        if (!allowed.isArray())
            return;
        const QJsonArray members = allowed.toArray();
        if (std::any_of(members.begin(), members.end(),
                        [&](const QJsonValue& e) { return sameValue(e, value); }))
            return;
        QStringList list;
        for (const QJsonValue& e : members)
            list << jsonText(e);
        add(QStringLiteral("enum"), path,
            QStringLiteral("%1 must be one of the following: %2")
                .arg(path.isEmpty() ? QStringLiteral("input") : path,
                     list.join(QLatin1String(", "))));
    }

    static std::optional<double> numberAt(const QJsonObject& o, const char* key) {
        const QJsonValue v = o.value(QLatin1String(key));
        return v.isDouble() ? std::optional<double>(v.toDouble()) : std::nullopt;
    }

    void checkNumber(const QJsonObject& schema, double x, const QString& path) {
        const bool exclusiveMax = schema.value(QLatin1String("exclusiveMaximum")).toBool();
        const bool exclusiveMin = schema.value(QLatin1String("exclusiveMinimum")).toBool();
        if (auto max = numberAt(schema, "maximum")) {
            if (exclusiveMax && x >= *max)
                add(QStringLiteral("number_lt"), path,
                    QStringLiteral("Must be less than ") + formatBound(*max));
            else if (x > *max)
                add(QStringLiteral("number_lte"), path,
                    QStringLiteral("Must be less than or equal to ") + formatBound(*max));
        }
        if (auto max = numberAt(schema, "exclusiveMaximum"); max && x >= *max)
            add(QStringLiteral("number_lt"), path,
                QStringLiteral("Must be less than ") + formatBound(*max));
        if (auto min = numberAt(schema, "minimum")) {
            if (exclusiveMin && x <= *min)
                add(QStringLiteral("number_gt"), path,
                    QStringLiteral("Must be greater than ") + formatBound(*min));
            else if (x < *min)
                add(QStringLiteral("number_gte"), path,
                    QStringLiteral("Must be greater than or equal to ") + formatBound(*min));
        }
        if (auto min = numberAt(schema, "exclusiveMinimum"); min && x <= *min)
            add(QStringLiteral("number_gt"), path,
                QStringLiteral("Must be greater than ") + formatBound(*min));
        if (auto step = numberAt(schema, "multipleOf"); step && *step > 0) {
            const double q = x / *step;
            if (std::abs(q - std::round(q)) > 1e-9 * std::max(1.0, std::abs(q)))
                add(QStringLiteral("multiple_of"), path,
                    QStringLiteral("Must be a multiple of ") + formatBound(*step));
        }
    }

    void checkString(const QJsonObject& schema, const QString& s, const QString& path) {
        // Lengths count characters (code points), like the server.
        const double length = s.toUcs4().size();
        if (auto min = numberAt(schema, "minLength"); min && length < *min)
            add(QStringLiteral("string_gte"), path,
                QStringLiteral("String length must be greater than or equal to ") +
                    formatBound(*min));
        if (auto max = numberAt(schema, "maxLength"); max && length > *max)
            add(QStringLiteral("string_lte"), path,
                QStringLiteral("String length must be less than or equal to ") + formatBound(*max));
        const QJsonValue pattern = schema.value(QLatin1String("pattern"));
        if (pattern.isString()) {
            const QRegularExpression re(pattern.toString());
            // A pattern this engine cannot compile constrains nothing (as on the server).
            if (re.isValid() && !re.match(s).hasMatch())
                add(QStringLiteral("pattern"), path,
                    QStringLiteral("Does not match pattern '%1'").arg(pattern.toString()));
        }
        if (schema.value(QLatin1String("format")).toString() == QLatin1String("uri") && !isUri(s))
            add(QStringLiteral("format"), path, QStringLiteral("Does not match format 'uri'"));
    }

    void checkArray(const QJsonObject& schema, const QJsonArray& items, const QString& path,
                    int depth) {
        const QJsonValue item = schema.value(QLatin1String("items"));
        if (item.isObject()) {
            for (qsizetype i = 0; i < items.size(); ++i)
                check(item.toObject(), items[i], joinPath(path, QString::number(i)), depth + 1);
        }
        const double count = items.size();
        if (auto min = numberAt(schema, "minItems"); min && count < *min)
            add(QStringLiteral("array_min_items"), path,
                QStringLiteral("Array must have at least %1 items").arg(formatBound(*min)));
        if (auto max = numberAt(schema, "maxItems"); max && count > *max)
            add(QStringLiteral("array_max_items"), path,
                QStringLiteral("Array must have at most %1 items").arg(formatBound(*max)));
    }

    void checkObject(const QJsonObject& schema, const QJsonObject& object, const QString& path,
                     int depth) {
        for (const QJsonValue& name : schema.value(QLatin1String("required")).toArray()) {
            if (name.isString() && !object.contains(name.toString()))
                add(QStringLiteral("required"), path,
                    name.toString() + QStringLiteral(" is required"), name.toString());
        }
        const QJsonObject properties = schema.value(QLatin1String("properties")).toObject();
        for (auto it = properties.begin(); it != properties.end(); ++it) {
            if (object.contains(it.key()))
                check(it.value().toObject(), object.value(it.key()), joinPath(path, it.key()),
                      depth + 1);
        }
        const QJsonValue extra = schema.value(QLatin1String("additionalProperties"));
        if (extra.isBool() && !extra.toBool()) {
            for (auto it = object.begin(); it != object.end(); ++it) {
                if (!properties.contains(it.key()))
                    add(QStringLiteral("additional_property_not_allowed"), path,
                        QStringLiteral("Additional property %1 is not allowed").arg(it.key()));
            }
        }
    }

    const QJsonObject& m_document;
    QVector<Error>& m_errors;
};
}  // namespace

QJsonObject resolve(const QJsonObject& schema, const QJsonObject& document) {
    QJsonObject merged;
    const QJsonObject target = deref(schema, document);
    for (const QJsonValue& member : target.value(QLatin1String("allOf")).toArray()) {
        const QJsonObject part = resolve(member.toObject(), document);
        for (auto it = part.begin(); it != part.end(); ++it)
            merged.insert(it.key(), it.value());
    }
    const QJsonArray anyOf = target.value(QLatin1String("anyOf")).toArray();
    if (!anyOf.isEmpty()) {
        QJsonArray others;
        bool nullable = false;
        for (const QJsonValue& member : anyOf) {
            const QJsonObject option = deref(member.toObject(), document);
            if (option.value(QLatin1String("type")).toString() == QLatin1String("null"))
                nullable = true;
            else
                others.append(member);
        }
        if (others.size() == 1) {
            const QJsonObject part = resolve(others.first().toObject(), document);
            for (auto it = part.begin(); it != part.end(); ++it)
                merged.insert(it.key(), it.value());
        }
        if (nullable)
            merged.insert(QStringLiteral("nullable"), true);
    }
    // A property's own keys override what references brought in, except the wrappers
    // themselves. Going through `schema` (not the deref'd target) keeps e.g. `default` beside a
    // `$ref` (which OpenAPI 3.0 would ignore, but Cog's generator writes and means).
    for (const QJsonObject& own : {target, schema}) {
        for (auto it = own.begin(); it != own.end(); ++it) {
            if (it.key() == QLatin1String("allOf") || it.key() == QLatin1String("$ref") ||
                (it.key() == QLatin1String("anyOf") && !merged.isEmpty()))
                continue;
            merged.insert(it.key(), it.value());
        }
    }
    return merged;
}

QVector<Property> orderedProperties(const QJsonObject& objectSchema, const QJsonObject& document) {
    const QJsonObject object = deref(objectSchema, document);
    const QJsonObject properties = object.value(QLatin1String("properties")).toObject();
    QStringList required;
    for (const QJsonValue& name : object.value(QLatin1String("required")).toArray())
        required << name.toString();
    struct Entry {
        Property property;
        double order;
        int index;
    };
    QVector<Entry> entries;
    // QJsonObject iterates in key order, not document order: index keeps that order stable.
    int index = 0;
    for (auto it = properties.begin(); it != properties.end(); ++it, ++index) {
        const QJsonObject schema = resolve(it.value().toObject(), document);
        const QJsonValue order = schema.value(QLatin1String("x-order"));
        entries.append({{it.key(), schema, required.contains(it.key())},
                        order.isDouble() ? order.toDouble() : std::numeric_limits<double>::max(),
                        index});
    }
    std::stable_sort(entries.begin(), entries.end(),
                     [](const Entry& a, const Entry& b) { return a.order < b.order; });
    QVector<Property> result;
    for (const Entry& e : entries)
        result.append(e.property);
    return result;
}

bool isSecret(const QJsonObject& schema) {
    return schema.value(QLatin1String("format")).toString() == QLatin1String("password") ||
           schema.value(QLatin1String("x-cog-secret")).toBool();
}

QString typeOf(const QJsonObject& schema) {
    const QJsonValue t = schema.value(QLatin1String("type"));
    if (t.isString())
        return t.toString();
    for (const QJsonValue& each : t.toArray()) {
        if (each.toString() != QLatin1String("null"))
            return each.toString();
    }
    if (schema.contains(QLatin1String("enum"))) {
        const QJsonArray members = schema.value(QLatin1String("enum")).toArray();
        if (!members.isEmpty())
            return givenType(members.first()) == QLatin1String("integer")
                       ? QStringLiteral("number")
                       : givenType(members.first());
    }
    return {};
}

QVector<Error> validateObject(const QJsonObject& value, const QJsonObject& objectSchema,
                              const QJsonObject& document) {
    QVector<Error> errors;
    Checker checker(document, errors);
    const QVector<Property> properties = orderedProperties(objectSchema, document);
    auto present = [&value](const QString& name) {
        return value.contains(name) && !value.value(name).isNull();
    };
    const QJsonObject object = deref(objectSchema, document);
    for (const QJsonValue& name : object.value(QLatin1String("required")).toArray()) {
        if (name.isString() && !present(name.toString()))
            checker.add(QStringLiteral("required"), QString(),
                        name.toString() + QStringLiteral(" is required"), name.toString());
    }
    const QJsonObject raw = object.value(QLatin1String("properties")).toObject();
    for (const Property& p : properties) {
        if (present(p.name))
            checker.check(raw.value(p.name).toObject(), value.value(p.name), p.name);
    }
    return errors;
}

QVector<Error> validateValue(const QJsonValue& value, const QJsonObject& schema,
                             const QJsonObject& document, const QString& path) {
    QVector<Error> errors;
    Checker(document, errors).check(schema, value, path);
    return errors;
}

bool isUri(const QString& s) {
    if (std::any_of(s.begin(), s.end(),
                    [](QChar c) { return c.unicode() < 0x20 || c.unicode() == 0x7f; }))
        return false;
    const qsizetype colon = s.indexOf(QLatin1Char(':'));
    if (colon <= 0 || !s[0].isLetter() || s[0].unicode() > 127)
        return false;
    for (qsizetype i = 0; i < colon; ++i) {
        const QChar c = s[i];
        if (c.unicode() > 127 || !(c.isLetterOrNumber() || c == QLatin1Char('+') ||
                                   c == QLatin1Char('-') || c == QLatin1Char('.')))
            return false;
    }
    QStringView rest = QStringView(s).sliced(colon + 1);
    const qsizetype end = rest.indexOf(QRegularExpression(QStringLiteral("[?#]")));
    if (end >= 0)
        rest = rest.first(end);
    if (!rest.startsWith(QLatin1Char('/')))
        return true;  // opaque, like data: and mailto:
    if (rest.startsWith(QLatin1String("//"))) {
        rest = rest.sliced(2);
        const qsizetype slash = rest.indexOf(QLatin1Char('/'));
        if (!validAuthority(slash < 0 ? rest : rest.first(slash)))
            return false;
        rest = slash < 0 ? QStringView() : rest.sliced(slash);
    }
    return validEscapes(rest);
}

}  // namespace replicant::widgets::json_schema
