#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QVector>

namespace replicant::widgets {

// The parts of JSON Schema (OpenAPI 3.0 dialect, as Cog and pydantic write it) that forms need:
// resolving references and wrappers, ordering properties, and validating values with the same
// rules and messages as the platform's server (gojsonschema's wording).
namespace json_schema {

// A property schema with its indirections folded in: `$ref` is replaced by its target (within
// `document`), `allOf` members are merged (Cog wraps every enum as allOf: [{$ref}]), and
// `anyOf: [X, {type: null}]` (pydantic's Optional) becomes X with "nullable": true. The
// property's own keys (default, description, x-order, title) win over merged ones.
QJsonObject resolve(const QJsonObject& schema, const QJsonObject& document);

struct Property {
    QString name;
    QJsonObject schema;  // resolved
    bool required = false;
};
// The properties of an object schema, resolved, in `x-order` (unordered ones after, in document
// order).
QVector<Property> orderedProperties(const QJsonObject& objectSchema, const QJsonObject& document);

// The JSON type a schema asks for ("string", "integer", ...; "" when it does not say).
QString typeOf(const QJsonObject& schema);

// Whether a property schema is a secret (Cog's Secret: `format: password` or `x-cog-secret`).
bool isSecret(const QJsonObject& schema);

struct Error {
    QString path;         // "" for the value itself, "steps", "tags.0"
    QString type;         // gojsonschema error type: required, enum, number_lte, ...
    QString description;  // "Must be less than or equal to 4", "prompt is required"
    QString property;     // for `required`: the missing property's name
};

// Validates an object of inputs against an object schema, like the server does: required
// properties first (a null member counts as absent), then each present property in x-order.
QVector<Error> validateObject(const QJsonObject& value, const QJsonObject& objectSchema,
                              const QJsonObject& document);
// Validates one value against one (unresolved) schema; errors are reported under `path`.
QVector<Error> validateValue(const QJsonValue& value, const QJsonObject& schema,
                             const QJsonObject& document, const QString& path = {});

// Whether `text` is a URI the way Go's url.Parse with a scheme would accept it (format: uri).
bool isUri(const QString& text);

}  // namespace json_schema

}  // namespace replicant::widgets
