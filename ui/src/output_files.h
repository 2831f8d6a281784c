#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QVector>

#include <functional>

#include "replicant/ui/client/api_client.h"

namespace replicant::ui {

// The files of one output, downloaded once each through the API client and kept while the
// output is shown (several renderers and Save share them).
class OutputFiles : public QObject {
    Q_OBJECT

public:
    using Result = ApiResult<ApiClient::Download>;
    using Callback = std::function<void(const Result&)>;

    explicit OutputFiles(ApiClient* client, QObject* parent = nullptr);

    // Calls `done` (later, never before returning) with the file, unless `context` is gone.
    void fetch(const QString& url, const QObject* context, Callback done);
    // The file when it has arrived, else null.
    const ApiClient::Download* cached(const QString& url) const;
    void clear();

private:
    ApiClient* m_client;
    QHash<QString, ApiClient::Download> m_files;
    QHash<QString, QVector<std::pair<QPointer<const QObject>, Callback>>> m_waiting;
};

}  // namespace replicant::ui
