#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonDocument>
#include <QObject>

#include <optional>

#include "replicant/ui/client/api_result.h"

class QNetworkReply;

namespace replicant::ui {

// One request in flight. Emits finished() once, then deletes itself (deleteLater), so connect to
// it before returning to the event loop and do not keep the pointer past finished().
class ApiReply : public QObject {
    Q_OBJECT

public:
    bool isFinished() const { return m_result.has_value(); }
    // The parsed JSON (null for an empty body) or the error. Only valid once finished.
    const ApiResult<QJsonDocument>& result() const { return *m_result; }
    // The HTTP status, 0 when no response arrived.
    int status() const { return m_status; }
    QByteArray rawBody() const { return m_body; }
    QByteArray header(QByteArrayView name) const;

    // Cancels the request; finished() still follows, with a "Request cancelled" error.
    void abort();

signals:
    void finished();

private:
    friend class ApiClient;
    ApiReply(QNetworkReply* reply, QObject* parent);
    void complete();

    QNetworkReply* m_reply;
    std::optional<ApiResult<QJsonDocument>> m_result;
    QByteArray m_body;
    int m_status = 0;
    bool m_aborted = false;
};

}  // namespace replicant::ui
