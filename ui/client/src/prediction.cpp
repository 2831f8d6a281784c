#include "replicant/ui/client/prediction.h"

#include <QJsonDocument>

#include <cmath>

#include "replicant/ui/client/model.h"

namespace replicant::ui {

namespace {

std::optional<double> number(const QJsonObject& o, const char* key) {
    const QJsonValue v = o.value(QLatin1String(key));
    return v.isDouble() ? std::optional<double>(v.toDouble()) : std::nullopt;
}
}  // namespace

bool Prediction::isTerminalStatus(const QString& status) {
    return status == QLatin1String("succeeded") || status == QLatin1String("failed") ||
           status == QLatin1String("canceled") || status == QLatin1String("aborted");
}

std::optional<double> Prediction::elapsedSeconds(const QDateTime& now) const {
    if (!createdAt.isValid())
        return std::nullopt;
    const QDateTime end = completedAt.isValid() ? completedAt : now;
    return std::max<qint64>(0, createdAt.msecsTo(end)) / 1000.0;
}

Prediction Prediction::fromObject(const QJsonObject& o) {
    Prediction p;
    p.id = jsonString(o, "id");
    p.model = jsonString(o, "model");
    p.version = jsonString(o, "version");
    p.status = jsonString(o, "status");
    p.source = jsonString(o, "source");
    p.error = jsonString(o, "error");
    p.logs = jsonString(o, "logs");
    p.deployment = jsonString(o, "deployment");
    p.input = o.value(QLatin1String("input")).toObject();
    p.output = o.value(QLatin1String("output"));
    if (p.output.isUndefined())
        p.output = QJsonValue::Null;
    p.createdAt = parseApiTime(o.value(QLatin1String("created_at")));
    p.startedAt = parseApiTime(o.value(QLatin1String("started_at")));
    p.completedAt = parseApiTime(o.value(QLatin1String("completed_at")));
    const QJsonObject metrics = o.value(QLatin1String("metrics")).toObject();
    p.predictTime = number(metrics, "predict_time");
    p.totalTime = number(metrics, "total_time");
    const QJsonObject urls = o.value(QLatin1String("urls")).toObject();
    p.getUrl = QUrl(jsonString(urls, "get"));
    p.cancelUrl = QUrl(jsonString(urls, "cancel"));
    p.streamUrl = QUrl(jsonString(urls, "stream"));
    p.json = o;
    return p;
}

ApiResult<Prediction> Prediction::fromJson(const QJsonDocument& json, int status) {
    const QJsonObject o = json.object();
    if (!json.isObject() || !o.value(QLatin1String("id")).isString() ||
        !o.value(QLatin1String("status")).isString())
        return ApiError{status, QStringLiteral("Invalid response"),
                        QStringLiteral("The prediction response has no id and status."), o};
    return fromObject(o);
}

QString formatDuration(double seconds) {
    if (!std::isfinite(seconds) || seconds < 0)
        return QStringLiteral("\u2014");
    if (seconds < 10)
        return QString::number(seconds, 'f', 2) + QStringLiteral(" s");
    if (seconds < 60)
        return QString::number(seconds, 'f', 1) + QStringLiteral(" s");
    const auto whole = static_cast<qint64>(std::llround(seconds));
    if (whole < 3600)
        return QStringLiteral("%1 min %2 s").arg(whole / 60).arg(whole % 60);
    return QStringLiteral("%1 h %2 min").arg(whole / 3600).arg((whole % 3600) / 60);
}

}  // namespace replicant::ui
