#include <QJsonArray>
#include <QLocale>

#include <cmath>

#include "snippet_parts.h"

namespace replicant::ui::snippets::parts {

namespace {
QString hex4(char16_t c) {
    return QStringLiteral("\\u%1").arg(uint(c), 4, 16, QLatin1Char('0'));
}

QString number(double d) {
    if (std::isfinite(d) && std::trunc(d) == d && std::abs(d) < 1e15)
        return QString::number(qint64(d));
    if (!std::isfinite(d))  // JSON has no such numbers; Qt reads them as null
        return QStringLiteral("null");
    return QString::number(d, 'g', QLocale::FloatingPointShortest);  // 0.45, not 0.4500...01
}
}  // namespace

QString quoted(const QString& text) {
    QString out;
    out.reserve(text.size() + 2);
    out += QLatin1Char('"');
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        switch (c) {
            case u'"':
                out += QLatin1String("\\\"");
                continue;
            case u'\\':
                out += QLatin1String("\\\\");
                continue;
            case u'\n':
                out += QLatin1String("\\n");
                continue;
            case u'\r':
                out += QLatin1String("\\r");
                continue;
            case u'\t':
                out += QLatin1String("\\t");
                continue;
            default:
                break;
        }
        if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029) {
            out += hex4(c);
        } else if (QChar::isHighSurrogate(c) && i + 1 < text.size() &&
                   QChar::isLowSurrogate(text[i + 1].unicode())) {
            out += text[i];  // a pair: the character itself
            out += text[++i];
        } else if (QChar::isSurrogate(c)) {
            out += hex4(c);  // lone: keep it representable
        } else {
            out += text[i];
        }
    }
    out += QLatin1Char('"');
    return out;
}

QString literal(const QJsonValue& value, Syntax syntax) {
    const bool py = syntax == Syntax::Python;
    switch (value.type()) {
        case QJsonValue::Bool:
            return value.toBool() ? (py ? QStringLiteral("True") : QStringLiteral("true"))
                                  : (py ? QStringLiteral("False") : QStringLiteral("false"));
        case QJsonValue::Double:
            return number(value.toDouble());
        case QJsonValue::String:
            return quoted(value.toString());
        case QJsonValue::Array: {
            QStringList items;
            for (const QJsonValue& item : value.toArray())
                items << literal(item, syntax);
            return QLatin1Char('[') + items.join(QLatin1String(", ")) + QLatin1Char(']');
        }
        case QJsonValue::Object: {
            const QJsonObject object = value.toObject();
            QStringList members;
            for (auto it = object.begin(); it != object.end(); ++it)
                members << quoted(it.key()) + QLatin1String(": ") + literal(it.value(), syntax);
            return QLatin1Char('{') + members.join(QLatin1String(", ")) + QLatin1Char('}');
        }
        default:
            return py ? QStringLiteral("None") : QStringLiteral("null");
    }
}

QStringList wrap(const QString& text, int width) {
    QStringList lines;
    QString line;
    for (const QString& word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (!line.isEmpty() && line.size() + 1 + word.size() > width) {
            lines << line;
            line.clear();
        }
        line += (line.isEmpty() ? QString() : QStringLiteral(" ")) + word;
    }
    if (!line.isEmpty() || lines.isEmpty())
        lines << line;
    return lines;
}

QString commentLines(const QString& prefix, const QString& text) {
    QString out;
    for (const QString& line : wrap(text, kWidth - int(prefix.size()))) {
        QString full = prefix + line;
        while (full.endsWith(QLatin1Char(' ')))  // no trailing blanks
            full.chop(1);
        out += full + QLatin1Char('\n');
    }
    return out;
}

}  // namespace replicant::ui::snippets::parts
