#pragma once

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <functional>

namespace replicant::ui {

class ApiClient;
class ApiReply;

// Turns the files a form holds inline (data: URIs) into uploads through the Files API
// (POST /v1/files) and puts each upload's URL (urls.get) in the input instead, as the official
// clients do. Files are sent one after the other, with progress; an upload already made for the
// same bytes on the same connection is reused. When the connection cannot take uploads (no
// Files API: 404, 405, 501) the inputs keep their data: URIs and the result says so; any other
// failure stops the run with the reason.
class InputUploader : public QObject {
    Q_OBJECT

public:
    struct Result {
        QJsonObject input;  // with URLs in place of the uploaded data: URIs
        QString error;      // set when an upload failed: nothing should run
        QString notice;     // set when the files stay inline (the connection cannot upload)
        int uploaded = 0;   // files sent now (reused ones not counted)
    };
    using Done = std::function<void(const Result&)>;

    explicit InputUploader(ApiClient* client, QObject* parent = nullptr);

    // The names of `inputSchema`'s file inputs: format "uri", or arrays of them.
    static QStringList fileFields(const QJsonObject& inputSchema);

    // Uploads the data: URIs found in `fields` of `input`; `done` is called once (later).
    // A second call cancels the first (its `done` is not called).
    void prepare(const QJsonObject& input, const QStringList& fields, Done done);
    void cancel();
    bool isBusy() const { return m_reply != nullptr; }

signals:
    // "Uploading input_image (1 of 2): 45% of 3.2 MB".
    void progress(const QString& text);

private:
    struct Pending {
        QString field;
        int index;  // -1 for a plain string, else the array position
        QString uri;
    };
    void next();
    void finish();
    void apply(const Pending& item, const QString& url);

    ApiClient* m_client;
    QVector<Pending> m_queue;
    int m_total = 0;
    Result m_result;
    Done m_done;
    QPointer<ApiReply> m_reply;
    QHash<QByteArray, QString> m_uploaded;  // hash of connection + bytes -> urls.get
};

}  // namespace replicant::ui
