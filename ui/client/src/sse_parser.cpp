#include "replicant/ui/client/sse_parser.h"

namespace replicant::ui {

QVector<SseEvent> SseParser::feed(QByteArrayView chunk) {
    QVector<SseEvent> events;
    qsizetype start = 0;
    for (qsizetype i = 0; i < chunk.size(); ++i) {
        const char c = chunk[i];
        if (c != '\r' && c != '\n')
            continue;
        if (c == '\n' && m_skipNextLf && i == 0 && m_line.isEmpty()) {
            // The LF of a CRLF whose CR ended the previous chunk.
            m_skipNextLf = false;
            start = 1;
            continue;
        }
        m_skipNextLf = false;
        m_line.append(chunk.sliced(start, i - start));
        processLine(m_line, events);
        m_line.clear();
        if (c == '\r') {
            if (i + 1 < chunk.size()) {
                if (chunk[i + 1] == '\n')
                    ++i;
            } else {
                m_skipNextLf = true;
            }
        }
        start = i + 1;
    }
    if (start < chunk.size()) {
        m_skipNextLf = false;
        m_line.append(chunk.sliced(start));
    }
    return events;
}

void SseParser::resetConnection() {
    m_line.clear();
    m_skipNextLf = false;
    m_data.clear();
    m_hasData = false;
    m_type.clear();
    m_idBuffer = m_lastEventId;
}

void SseParser::processLine(QByteArrayView line, QVector<SseEvent>& out) {
    if (line.isEmpty()) {
        // Dispatch: an id counts once its event is complete (a half event's id must not be
        // resumed after). An event without any data line is dropped, as browsers do.
        m_lastEventId = m_idBuffer;
        if (m_hasData) {
            SseEvent event;
            if (!m_type.isEmpty())
                event.type = QString::fromUtf8(m_type);
            event.data = QString::fromUtf8(m_data);
            event.id = m_lastEventId;
            out.append(event);
        }
        m_data.clear();
        m_hasData = false;
        m_type.clear();
        return;
    }
    if (line.startsWith(':'))
        return;  // a comment, often a keep-alive
    const qsizetype colon = line.indexOf(':');
    QByteArrayView field = colon < 0 ? line : line.first(colon);
    QByteArrayView value = colon < 0 ? QByteArrayView() : line.sliced(colon + 1);
    if (value.startsWith(' '))
        value = value.sliced(1);
    if (field == "data") {
        if (m_hasData)
            m_data.append('\n');
        m_data.append(value);
        m_hasData = true;
    } else if (field == "event") {
        m_type = value.toByteArray();
    } else if (field == "id") {
        if (!value.contains('\0'))
            m_idBuffer = QString::fromUtf8(value);
    } else if (field == "retry") {
        bool ok = false;
        const int ms = value.toByteArray().toInt(&ok);
        if (ok && ms >= 0)
            m_retryMs = ms;
    }
    // Any other field is ignored.
}

}  // namespace replicant::ui
