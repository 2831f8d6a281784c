#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>
#include <QVector>

#include "replicant/ui/snippets.h"

// What the three snippet writers share: literals per language, the inputs as documented
// entries, the kind of output, and the target (identifier, endpoint, base URL).
namespace replicant::ui::snippets::parts {

// Snippets wrap their comments at this column.
constexpr int kWidth = 100;

enum class Syntax { JavaScript, Python, Json };

// A string literal valid in all three syntaxes: `"` and `\` escaped, control characters,
// U+2028/9 and lone surrogates as \uXXXX or their short escapes; other Unicode kept as is.
QString quoted(const QString& text);
// Any JSON value as a literal of `syntax`, on one line (`[1, 2]`, `{"a": true}`, `None`).
QString literal(const QJsonValue& value, Syntax syntax);

struct Input {
    QString name;
    QJsonObject schema;  // resolved
    bool required = false;
    bool set = false;     // the request carries a value
    QJsonValue value;     // the value set, else the default, else a placeholder of its type
    QString envVar;       // secrets only: the environment variable that holds the value
    QString description;  // one line, whitespace collapsed
    QString facts(Syntax syntax) const;  // "string, required", "number, 1 to 200, default: 60"
    // "<description> (<facts>)", or the facts alone.
    QString comment(Syntax syntax) const;
};
// The version's inputs in x-order.
QVector<Input> inputs(const Request& request);

enum class OutputKind { Text, TextParts, File, Files, Json };
OutputKind outputKind(const Request& request);

// `text` broken into lines of at most `width` characters (a longer word stands alone).
QStringList wrap(const QString& text, int width);
// Comment lines "<prefix>text" wrapped to kWidth.
QString commentLines(const QString& prefix, const QString& text);

// The root of the connection without a trailing slash ("https://api.replicate.com").
QString root(const Request& request);
// Pinned to a version: a non-official model with a version id.
bool pinned(const Request& request);
// "owner/name" or "owner/name:version", as the clients' run() takes it.
QString identifier(const Request& request);

QString node(const Request& request);
QString python(const Request& request);
QString http(const Request& request);

}  // namespace replicant::ui::snippets::parts
