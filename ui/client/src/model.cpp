#include "replicant/ui/client/model.h"

#include <QJsonDocument>
#include <QLocale>
#include <QRegularExpression>

namespace replicant::ui {

QJsonObject componentSchema(const QJsonObject& openapi, QLatin1String name) {
    return openapi.value(QLatin1String("components"))
        .toObject()
        .value(QLatin1String("schemas"))
        .toObject()
        .value(name)
        .toObject();
}

QString jsonString(const QJsonObject& o, const char* key) {
    return o.value(QLatin1String(key)).toString();
}

QDateTime parseApiTime(const QJsonValue& value) {
    QString text = value.toString();
    if (text.isEmpty())
        return {};
    // Qt reads at most milliseconds: cut longer fractions (micro- and nanoseconds) down to three
    // digits, keeping the zone designator.
    static const QRegularExpression fraction(QStringLiteral("\\.(\\d{3})\\d+"));
    text.replace(fraction, QStringLiteral(".\\1"));
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    return time.isValid() ? time.toUTC() : QDateTime();
}

QString compactCount(qint64 count) {
    const QLocale locale = QLocale::c();
    if (count < 1000)
        return QString::number(count);
    if (count < 1'000'000)
        return locale.toString(count / 1000.0, 'f', count < 10'000 ? 1 : 0) + QLatin1Char('K');
    if (count < 1'000'000'000)
        return locale.toString(count / 1e6, 'f', count < 10'000'000 ? 1 : 0) + QLatin1Char('M');
    return locale.toString(count / 1e9, 'f', 1) + QLatin1Char('B');
}

QJsonObject ModelVersion::inputSchema() const {
    return componentSchema(openapiSchema, QLatin1String("Input"));
}

QJsonObject ModelVersion::outputSchema() const {
    return componentSchema(openapiSchema, QLatin1String("Output"));
}

ModelVersion ModelVersion::fromObject(const QJsonObject& o) {
    ModelVersion v;
    v.id = jsonString(o, "id");
    v.createdAt = parseApiTime(o.value(QLatin1String("created_at")));
    v.cogVersion = jsonString(o, "cog_version");
    v.openapiSchema = o.value(QLatin1String("openapi_schema")).toObject();
    return v;
}

ApiResult<ModelVersion> ModelVersion::fromJson(const QJsonDocument& json, int status) {
    if (!json.isObject() || !json.object().value(QLatin1String("id")).isString())
        return ApiError{status, QStringLiteral("Invalid response"),
                        QStringLiteral("The version response has no id."), json.object()};
    return fromObject(json.object());
}

Model Model::fromObject(const QJsonObject& o) {
    Model m;
    m.owner = jsonString(o, "owner");
    m.name = jsonString(o, "name");
    m.description = jsonString(o, "description");
    m.visibility = jsonString(o, "visibility");
    m.url = jsonString(o, "url");
    m.githubUrl = jsonString(o, "github_url");
    m.paperUrl = jsonString(o, "paper_url");
    m.licenseUrl = jsonString(o, "license_url");
    m.coverImageUrl = jsonString(o, "cover_image_url");
    m.hardware = jsonString(o, "hardware");
    m.runCount = o.value(QLatin1String("run_count")).toInteger();
    m.isOfficial = o.value(QLatin1String("is_official")).toBool();
    m.createdAt = parseApiTime(o.value(QLatin1String("created_at")));
    const QJsonValue latest = o.value(QLatin1String("latest_version"));
    if (latest.isObject())
        m.latestVersion = ModelVersion::fromObject(latest.toObject());
    m.defaultExample = o.value(QLatin1String("default_example")).toObject();
    return m;
}

ApiResult<Model> Model::fromJson(const QJsonDocument& json, int status) {
    const QJsonObject o = json.object();
    if (!json.isObject() || !o.value(QLatin1String("owner")).isString() ||
        !o.value(QLatin1String("name")).isString())
        return ApiError{status, QStringLiteral("Invalid response"),
                        QStringLiteral("The model response has no owner and name."), o};
    return fromObject(o);
}

}  // namespace replicant::ui
