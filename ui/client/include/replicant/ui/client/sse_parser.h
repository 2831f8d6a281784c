#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QVector>

#include <optional>

namespace replicant::ui {

// One server-sent event.
struct SseEvent {
    QString type = QStringLiteral("message");  // the `event:` field
    QString data;                              // `data:` lines joined with "\n"
    QString id;                                // the last event id in force when it arrived
};

// Incremental parser of a text/event-stream body, as the HTML standard specifies it: lines end
// in CRLF, LF or CR (even split across chunks); one space after the colon is stripped; several
// data lines join with "\n"; comments (":...") are ignored; an event is dispatched at a blank
// line, and only when it had a data line. Bytes are decoded as UTF-8 per complete line, so a
// character split across chunks survives.
class SseParser {
public:
    // Consumes the next chunk of the body; returns the events it completed.
    QVector<SseEvent> feed(QByteArrayView chunk);
    // Forgets a half-received event (the connection dropped); keeps the last event id.
    void resetConnection();

    // The id of the last event (for Last-Event-ID on reconnect).
    QString lastEventId() const { return m_lastEventId; }
    // A reconnection delay the server asked for with `retry:`.
    std::optional<int> retryMs() const { return m_retryMs; }

private:
    void processLine(QByteArrayView line, QVector<SseEvent>& out);

    QByteArray m_line;          // the current, incomplete line
    bool m_skipNextLf = false;  // the last chunk ended in CR: a leading LF belongs to it
    QByteArray m_data;          // data lines of the event being received, joined
    bool m_hasData = false;
    QByteArray m_type;
    QString m_idBuffer;     // the id field of the event being received
    QString m_lastEventId;  // the id of the last complete event
    std::optional<int> m_retryMs;
};

}  // namespace replicant::ui
