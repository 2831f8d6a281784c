#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QVector>

#include <optional>

#include "replicant/ui/client/api_result.h"

class QJsonDocument;

namespace replicant::ui {

// components.schemas.<name> of a Cog OpenAPI document ("Input", "Output"); empty when absent.
QJsonObject componentSchema(const QJsonObject& openapi, QLatin1String name);

// One version of a model (GET /v1/models/{owner}/{name}/versions/{id}): its id and the Cog
// OpenAPI document that describes its inputs and output.
struct ModelVersion {
    QString id;
    QDateTime createdAt;
    QString cogVersion;
    QJsonObject openapiSchema;  // empty when the API says null

    // components.schemas.Input / Output, or empty objects.
    QJsonObject inputSchema() const;
    QJsonObject outputSchema() const;

    static ModelVersion fromObject(const QJsonObject& o);
    static ApiResult<ModelVersion> fromJson(const QJsonDocument& json, int status);
};

// A model (GET /v1/models/{owner}/{name}).
struct Model {
    QString owner;
    QString name;
    QString description;
    QString visibility;
    QString url;
    QString githubUrl;
    QString paperUrl;
    QString licenseUrl;
    QString coverImageUrl;
    QString hardware;
    qint64 runCount = 0;
    bool isOfficial = false;
    QDateTime createdAt;
    std::optional<ModelVersion> latestVersion;
    QJsonObject defaultExample;  // a prediction object, or empty

    // "owner/name".
    QString fullName() const { return owner + QLatin1Char('/') + name; }

    static Model fromObject(const QJsonObject& o);
    static ApiResult<Model> fromJson(const QJsonDocument& json, int status);
};

// One page of a paginated list: {"previous", "next", "results"}. `next` is an absolute URL (or
// empty on the last page), to be requested as is.
template <class T>
struct ListPage {
    QVector<T> results;
    QString next;
    QString previous;
};

// Reads a page, converting each result with `convert` (results that are not objects are skipped).
template <class T, class Convert>
ApiResult<ListPage<T>> pageFromJson(const QJsonDocument& json, int status, Convert convert);

// A string member of a response object; empty when absent or not a string.
QString jsonString(const QJsonObject& o, const char* key);

// Parses RFC 3339 timestamps of any precision ("...:34.765994Z", "...:26.678378653Z"); invalid
// (null) for null or garbage.
QDateTime parseApiTime(const QJsonValue& value);

// "1.2K", "3.4M": run counts as the catalogue shows them.
QString compactCount(qint64 count);

}  // namespace replicant::ui

#include "replicant/ui/client/page_impl.h"
