#pragma once

#include <QJsonObject>
#include <QVector>

namespace replicant::ui {

// The inputs of a comparison of several model versions, split into one shared form and one
// form per column.
struct ComparisonInputs {
    // An object schema ({"type": "object", "properties", "required"}) of the inputs every
    // version has with the same name and the same type; each property is taken from the first
    // version, resolved (no $ref left), with x-order renumbered in the first version's order.
    // A shared input is required when any version requires it.
    QJsonObject shared;
    // Per version, in the same order: an object schema of its other inputs (resolved, in its
    // own x-order). Its properties never repeat a shared one.
    QVector<QJsonObject> columns;
};

// The "type" of an input for sharing: its JSON type; "string/uri" for files (format: uri), so a
// file input is never merged with a text one of the same name; and, for choices, the set of
// choices, since one drop-down cannot offer two different lists.
QString comparisonInputType(const QJsonObject& resolvedSchema);

// Splits the inputs of `openapiDocuments` (each version's whole Cog OpenAPI document; Input is
// components.schemas.Input) into shared and per-column ones. With a single document everything
// is shared; a document without an Input schema has no inputs, and so nothing is shared.
ComparisonInputs mergeComparisonInputs(const QVector<QJsonObject>& openapiDocuments);

}  // namespace replicant::ui
