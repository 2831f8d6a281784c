#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QUrl>

#include <optional>

#include "replicant/ui/client/api_result.h"

class QJsonDocument;

namespace replicant::ui {

// A prediction as the API returns it (reference §4.1). `json` keeps the whole object, so the
// detail page can show fields this struct does not name.
struct Prediction {
    QString id;
    QString model;    // "owner/name"
    QString version;  // 64 hex, or "hidden"/"dp-..." for official models
    QString status;   // starting, processing, succeeded, failed, canceled, aborted
    QString source;   // "api" or "web"
    QString error;
    QString logs;
    QString deployment;
    QJsonObject input;
    QJsonValue output;  // null until there is some
    QDateTime createdAt;
    QDateTime startedAt;
    QDateTime completedAt;
    std::optional<double> predictTime;  // metrics, in seconds
    std::optional<double> totalTime;
    QUrl getUrl;
    QUrl cancelUrl;
    QUrl streamUrl;  // empty when the prediction cannot be streamed
    QJsonObject json;

    bool isTerminal() const { return isTerminalStatus(status); }
    // succeeded, failed, canceled and aborted (which official clients forget, §4.1).
    static bool isTerminalStatus(const QString& status);

    // Seconds from creation to completion, or to `now` while it runs; nullopt without a
    // creation time.
    std::optional<double> elapsedSeconds(
        const QDateTime& now = QDateTime::currentDateTimeUtc()) const;

    static Prediction fromObject(const QJsonObject& o);
    static ApiResult<Prediction> fromJson(const QJsonDocument& json, int status);
};

// "0.42 s", "12.3 s", "2 min 5 s", "1 h 2 min".
QString formatDuration(double seconds);

}  // namespace replicant::ui
