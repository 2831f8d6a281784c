// The client's server-sent events: the parser (line endings, data joining, the one-space rule,
// comments, ids), the client against a tiny local server writing canned streams (reconnect with
// Last-Event-ID, errors, 204), and the prediction watcher (stream, then poll as a fallback).
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QtTest>

#include <functional>

#include "replicant/ui/client/api_client.h"
#include "replicant/ui/client/prediction_watcher.h"
#include "replicant/ui/client/sse_client.h"
#include "replicant/ui/client/sse_parser.h"

using namespace replicant::ui;

namespace {
// One HTTP request as the tiny server saw it.
struct Request {
    QByteArray method;
    QByteArray path;
    QHash<QByteArray, QByteArray> headers;  // lower-case names
};

// A one-file HTTP/1.1 server: each connection's request goes to the handler, which writes the
// whole answer (or streams it) and closes the socket.
class TinyServer : public QObject {
public:
    using Handler = std::function<void(const Request&, QTcpSocket*)>;

    explicit TinyServer(Handler handler) : m_handler(std::move(handler)) {
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = m_server.nextPendingConnection()) {
                auto* buffer = new QByteArray;
                QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
                QObject::connect(socket, &QObject::destroyed, [buffer] { delete buffer; });
                QObject::connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer] {
                    buffer->append(socket->readAll());
                    const qsizetype end = buffer->indexOf("\r\n\r\n");
                    if (end < 0 || buffer->isEmpty())
                        return;
                    Request request;
                    const QList<QByteArray> lines = buffer->left(end).split('\n');
                    const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
                    request.method = first.value(0);
                    request.path = first.value(1);
                    for (qsizetype i = 1; i < lines.size(); ++i) {
                        const qsizetype colon = lines[i].indexOf(':');
                        if (colon > 0)
                            request.headers.insert(lines[i].left(colon).trimmed().toLower(),
                                                   lines[i].mid(colon + 1).trimmed());
                    }
                    buffer->clear();
                    requests.append(request);
                    m_handler(request, socket);
                });
            }
        });
        if (!m_server.listen(QHostAddress::LocalHost, 0))
            qFatal("cannot listen");
    }

    QUrl url(const QString& path = {}) const {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_server.serverPort()).arg(path));
    }

    QVector<Request> requests;

private:
    QTcpServer m_server;
    Handler m_handler;
};

void writeHead(QTcpSocket* socket, int status, const QByteArray& type,
               const QByteArray& reason = "OK") {
    socket->write("HTTP/1.1 " + QByteArray::number(status) + " " + reason +
                  "\r\nContent-Type: " + type + "\r\nConnection: close\r\n\r\n");
}

void writeJson(QTcpSocket* socket, int status, const QJsonObject& body) {
    const QByteArray bytes = QJsonDocument(body).toJson(QJsonDocument::Compact);
    socket->write("HTTP/1.1 " + QByteArray::number(status) +
                  (status == 200 ? " OK" : " Not Found") +
                  "\r\nContent-Type: application/json\r\nContent-Length: " +
                  QByteArray::number(bytes.size()) + "\r\nConnection: close\r\n\r\n" + bytes);
    socket->disconnectFromHost();
}

// Writes `chunks` one after another with a pause, then closes.
void writeSlowly(QTcpSocket* socket, QList<QByteArray> chunks, int delayMs = 10) {
    if (chunks.isEmpty()) {
        socket->disconnectFromHost();
        return;
    }
    socket->write(chunks.takeFirst());
    socket->flush();
    QTimer::singleShot(delayMs, socket,
                       [socket, chunks, delayMs] { writeSlowly(socket, chunks, delayMs); });
}

QVector<SseEvent> parseAll(const QByteArray& stream, int chunkSize) {
    SseParser parser;
    QVector<SseEvent> events;
    for (qsizetype i = 0; i < stream.size(); i += chunkSize)
        events += parser.feed(stream.mid(i, chunkSize));
    return events;
}

QJsonObject predictionJson(const QString& status, const QJsonValue& output, const QUrl& stream,
                           const QString& logs = {}) {
    QJsonObject urls{{"get", "http://x/v1/predictions/p1"}, {"cancel", "http://x/c"}};
    if (!stream.isEmpty())
        urls.insert("stream", stream.toString());
    return {{"id", "p1"},
            {"model", "replicate/canary"},
            {"version", "v"},
            {"status", status},
            {"input", QJsonObject{{"text", "Alice"}}},
            {"output", output},
            {"logs", logs},
            {"error", QJsonValue::Null},
            {"created_at", "2024-04-22T11:14:56.821234Z"},
            {"urls", urls}};
}
}  // namespace

class SseClientTest : public QObject {
    Q_OBJECT

private slots:
    void parserFollowsTheStandard();
    void parserSurvivesAnyChunking_data();
    void parserSurvivesAnyChunking();
    void clientDeliversEventsAsTheyArrive();
    void clientResumesWithLastEventId();
    void clientGivesUpOn404();
    void clientRejectsAnythingButAnEventStream();
    void clientStopsOn204();
    void clientGivesUpAfterRepeatedFailures();
    void watcherStreamsThenFetchesTheFinalPrediction();
    void watcherPollsWithoutAStream();
    void watcherFallsBackToPollingWhenTheStreamFails();
    void watcherReports404();
};

void SseClientTest::parserFollowsTheStandard() {
    const QByteArray stream =
        ": a comment, ignored\n"
        "event: output\nid: 1690212292:0\ndata: Once upon a time\n\n"
        "event: output\nid: 1690212292:1\ndata:  there,\n\n"  // one space stripped, one kept
        "event: output\ndata: line one\ndata: line two\n\n"   // joined with \n, id carried over
        "event: logs\r\ndata:no space\r\n\r\n"                // CRLF
        "event: output\rdata: cr only\r\r"                    // CR
        "event: output\ndata:\n\n"                            // empty data is still an event
        "event: output\n\n"                                   // no data line: dropped
        "retry: 2500\n"
        "event: done\nid: 7\ndata: {}\n\n"
        "data: unfinished";  // never dispatched
    SseParser parser;
    const QVector<SseEvent> events = parser.feed(stream);
    QCOMPARE(events.size(), 7);
    QCOMPARE(events[0].type, QStringLiteral("output"));
    QCOMPARE(events[0].data, QStringLiteral("Once upon a time"));
    QCOMPARE(events[0].id, QStringLiteral("1690212292:0"));
    QCOMPARE(events[1].data, QStringLiteral(" there,"));
    QCOMPARE(events[2].data, QStringLiteral("line one\nline two"));
    QCOMPARE(events[2].id, QStringLiteral("1690212292:1"));
    QCOMPARE(events[3].type, QStringLiteral("logs"));
    QCOMPARE(events[3].data, QStringLiteral("no space"));
    QCOMPARE(events[4].data, QStringLiteral("cr only"));
    QCOMPARE(events[5].data, QString());
    QCOMPARE(events[6].type, QStringLiteral("done"));
    QCOMPARE(events[6].id, QStringLiteral("7"));
    QCOMPARE(parser.lastEventId(), QStringLiteral("7"));
    QCOMPARE(parser.retryMs(), 2500);
    // A dropped connection forgets the half event but keeps the id.
    parser.resetConnection();
    QCOMPARE(parser.feed("\n").size(), 0);
    QCOMPARE(parser.lastEventId(), QStringLiteral("7"));
    // Events default to "message".
    QCOMPARE(SseParser().feed("data: x\n\n").first().type, QStringLiteral("message"));
}

void SseClientTest::parserSurvivesAnyChunking_data() {
    QTest::addColumn<int>("chunk");
    for (int size : {1, 2, 3, 5, 7, 64})
        QTest::newRow(qPrintable(QString::number(size))) << size;
}

void SseClientTest::parserSurvivesAnyChunking() {
    QFETCH(int, chunk);
    // CRLF split between chunks must not make an extra blank line; UTF-8 split mid-character
    // must survive.
    const QByteArray stream =
        "event: output\r\nid: a\r\ndata: h\xc3\xa9llo \xe2\x9c\x93\r\n\r\n"
        "event: output\r\ndata: two\r\ndata: lines\r\n\r\n"
        "event: done\rdata: {}\r\r";
    const QVector<SseEvent> events = parseAll(stream, chunk);
    QCOMPARE(events.size(), 3);
    QCOMPARE(events[0].data, QString::fromUtf8("h\xc3\xa9llo \xe2\x9c\x93"));
    QCOMPARE(events[1].data, QStringLiteral("two\nlines"));
    QCOMPARE(events[1].id, QStringLiteral("a"));
    QCOMPARE(events[2].type, QStringLiteral("done"));
}

void SseClientTest::clientDeliversEventsAsTheyArrive() {
    TinyServer server([](const Request&, QTcpSocket* socket) {
        writeHead(socket, 200, "text/event-stream; charset=utf-8");
        writeSlowly(
            socket,
            {"event: output\nid: 1\ndata: hello\n\n", "event: output\nid: 2\ndata:  there\n\n",
             "event: logs\nid: 3\ndata: a log line\n\n", "event: done\nid: 4\ndata: {}\n\n"});
    });
    ApiClient client(server.url(), QStringLiteral("r8_token"));
    SseClient sse(&client, server.url(QStringLiteral("/v1/streams/p1")));
    QVector<SseEvent> events;
    connect(&sse, &SseClient::eventReceived, this, [&](const SseEvent& e) {
        events.append(e);
        if (e.type == QLatin1String("done"))
            sse.stop();
    });
    QSignalSpy failed(&sse, &SseClient::failed);
    sse.start();
    QTRY_COMPARE(events.size(), 4);
    QCOMPARE(events[1].data, QStringLiteral(" there"));
    QCOMPARE(events[2].type, QStringLiteral("logs"));
    QVERIFY(!sse.isRunning());
    QCOMPARE(failed.count(), 0);
    QCOMPARE(server.requests.size(), 1);
    const Request& r = server.requests.first();
    QCOMPARE(r.path, QByteArray("/v1/streams/p1"));
    QCOMPARE(r.headers.value("accept"), QByteArray("text/event-stream"));
    QCOMPARE(r.headers.value("authorization"), QByteArray("Bearer r8_token"));
    QVERIFY(!r.headers.contains("last-event-id"));
    QTest::qWait(50);
    QCOMPARE(server.requests.size(), 1);  // stopped at done: no reconnect
}

void SseClientTest::clientResumesWithLastEventId() {
    TinyServer server([](const Request& request, QTcpSocket* socket) {
        writeHead(socket, 200, "text/event-stream");
        const QByteArray last = request.headers.value("last-event-id");
        if (last.isEmpty()) {
            // Two events, half of a third, then the connection drops.
            writeSlowly(socket, {"event: output\nid: 1\ndata: a\n\n",
                                 "event: output\nid: 2\ndata: b\n\n", "event: output\nid: 3\nda"});
        } else if (last == "2") {
            writeSlowly(socket,
                        {"event: output\nid: 3\ndata: c\n\n", "event: done\nid: 4\ndata: {}\n\n"});
        } else {
            socket->disconnectFromHost();
        }
    });
    ApiClient client(server.url(), QString());
    SseClient sse(&client, server.url(QStringLiteral("/stream")));
    sse.setRetryDelay(20);
    QStringList data;
    connect(&sse, &SseClient::eventReceived, this, [&](const SseEvent& e) {
        data << e.type + QLatin1Char(':') + e.data;
        if (e.type == QLatin1String("done"))
            sse.stop();
    });
    sse.start();
    QTRY_COMPARE(data.size(), 4);
    QCOMPARE(data, QStringList({"output:a", "output:b", "output:c", "done:{}"}));
    QCOMPARE(server.requests.size(), 2);
    QCOMPARE(server.requests[1].headers.value("last-event-id"), QByteArray("2"));
    QCOMPARE(sse.reconnects(), 1);
    QCOMPARE(sse.lastEventId(), QStringLiteral("4"));
    // No token configured: no Authorization header.
    QVERIFY(!server.requests[0].headers.contains("authorization"));
}

void SseClientTest::clientGivesUpOn404() {
    TinyServer server([](const Request&, QTcpSocket* socket) {
        writeJson(socket, 404, {{"detail", "The requested resource could not be found."}});
    });
    ApiClient client(server.url(), QString());
    SseClient sse(&client, server.url(QStringLiteral("/nope")));
    sse.setRetryDelay(10);
    QSignalSpy failed(&sse, &SseClient::failed);
    sse.start();
    QTRY_COMPARE(failed.count(), 1);
    const auto error = failed.first().first().value<ApiError>();
    QCOMPARE(error.status, 404);
    QCOMPARE(error.detail, QStringLiteral("The requested resource could not be found."));
    QTest::qWait(60);
    QCOMPARE(server.requests.size(), 1);
    QVERIFY(!sse.isRunning());
}

void SseClientTest::clientRejectsAnythingButAnEventStream() {
    TinyServer server([](const Request&, QTcpSocket* socket) {
        writeHead(socket, 200, "text/html");
        writeSlowly(socket, {"<html>captive portal</html>"});
    });
    ApiClient client(server.url(), QString());
    SseClient sse(&client, server.url(QStringLiteral("/s")));
    QSignalSpy failed(&sse, &SseClient::failed);
    QSignalSpy events(&sse, &SseClient::eventReceived);
    sse.start();
    QTRY_COMPARE(failed.count(), 1);
    QCOMPARE(failed.first().first().value<ApiError>().title, QStringLiteral("Not an event stream"));
    QCOMPARE(events.count(), 0);
}

void SseClientTest::clientStopsOn204() {
    TinyServer server([](const Request&, QTcpSocket* socket) {
        socket->write("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n");
        socket->disconnectFromHost();
    });
    ApiClient client(server.url(), QString());
    SseClient sse(&client, server.url(QStringLiteral("/s")));
    QSignalSpy finished(&sse, &SseClient::finished);
    sse.start();
    QTRY_COMPARE(finished.count(), 1);
    QVERIFY(!sse.isRunning());
}

void SseClientTest::clientGivesUpAfterRepeatedFailures() {
    // Every connection opens and closes without a single event.
    TinyServer server([](const Request&, QTcpSocket* socket) {
        writeHead(socket, 200, "text/event-stream");
        socket->disconnectFromHost();
    });
    ApiClient client(server.url(), QString());
    SseClient sse(&client, server.url(QStringLiteral("/s")));
    sse.setRetryDelay(5);
    sse.setMaxRetries(3);
    QSignalSpy failed(&sse, &SseClient::failed);
    sse.start();
    QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 10'000);
    QCOMPARE(server.requests.size(), 4);  // the first try and three retries
}

void SseClientTest::watcherStreamsThenFetchesTheFinalPrediction() {
    QUrl streamUrl;
    TinyServer server([&streamUrl](const Request& request, QTcpSocket* socket) {
        if (request.path == "/v1/streams/p1") {
            writeHead(socket, 200, "text/event-stream");
            writeSlowly(
                socket,
                {"event: output\nid: 1\ndata: hello\n\n", "event: output\nid: 2\ndata:  there,\n\n",
                 "event: logs\nid: 3\ndata: step 1\n\n", "event: output\nid: 4\ndata:  Alice\n\n",
                 "event: done\nid: 5\ndata: {}\n\n"},
                20);
        } else if (request.path == "/v1/predictions/p1") {
            QJsonObject done = predictionJson("succeeded", QJsonArray{"hello", " there,", " Alice"},
                                              streamUrl, "step 1\n");
            done.insert("metrics", QJsonObject{{"predict_time", 0.25}, {"total_time", 0.5}});
            writeJson(socket, 200, done);
        } else {
            writeJson(socket, 404, {{"detail", "no"}});
        }
    });
    streamUrl = server.url(QStringLiteral("/v1/streams/p1"));
    ApiClient client(server.url(), QString());
    PredictionWatcher watcher(&client);
    QVector<Prediction> updates;
    connect(&watcher, &PredictionWatcher::updated, this,
            [&](const Prediction& p) { updates.append(p); });
    QSignalSpy finished(&watcher, &PredictionWatcher::finished);
    watcher.watch(Prediction::fromObject(predictionJson("starting", QJsonValue::Null, streamUrl)));
    QVERIFY(watcher.isStreaming());
    QTRY_COMPARE(finished.count(), 1);
    // Output grew event by event before the end.
    QVERIFY(updates.size() >= 4);
    QCOMPARE(updates[0].output.toArray(), QJsonArray({"hello"}));
    QCOMPARE(updates[0].status, QStringLiteral("processing"));
    QCOMPARE(updates[1].output.toArray(), QJsonArray({"hello", " there,"}));
    QCOMPARE(updates[2].logs, QStringLiteral("step 1\n"));
    const auto final = finished.first().first().value<Prediction>();
    QCOMPARE(final.status, QStringLiteral("succeeded"));
    QCOMPARE(final.predictTime, 0.25);
    // Only the stream and one GET: no polling while streaming.
    QCOMPARE(server.requests.size(), 2);
    QCOMPARE(server.requests[1].path, QByteArray("/v1/predictions/p1"));
}

void SseClientTest::watcherPollsWithoutAStream() {
    int gets = 0;
    TinyServer server([&gets](const Request&, QTcpSocket* socket) {
        ++gets;
        if (gets < 3)
            writeJson(socket, 200, predictionJson("processing", QJsonValue::Null, {}, "working\n"));
        else
            writeJson(socket, 200, predictionJson("succeeded", "hello Alice", {}, "working\n"));
    });
    ApiClient client(server.url(), QString());
    PredictionWatcher watcher(&client);
    watcher.setPollInterval(20);
    QSignalSpy finished(&watcher, &PredictionWatcher::finished);
    watcher.watch(Prediction::fromObject(predictionJson("starting", QJsonValue::Null, {})));
    QVERIFY(!watcher.isStreaming());
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(gets, 3);
    QCOMPARE(watcher.prediction().output.toString(), QStringLiteral("hello Alice"));
    QCOMPARE(watcher.prediction().logs, QStringLiteral("working\n"));
}

void SseClientTest::watcherFallsBackToPollingWhenTheStreamFails() {
    QUrl streamUrl;
    TinyServer server([](const Request& request, QTcpSocket* socket) {
        if (request.path == "/v1/streams/p1")
            writeJson(socket, 404, {{"detail", "gone"}});
        else
            writeJson(socket, 200, predictionJson("succeeded", "hi", {}));
    });
    streamUrl = server.url(QStringLiteral("/v1/streams/p1"));
    ApiClient client(server.url(), QString());
    PredictionWatcher watcher(&client);
    watcher.setPollInterval(20);
    QSignalSpy finished(&watcher, &PredictionWatcher::finished);
    watcher.watch(Prediction::fromObject(predictionJson("starting", QJsonValue::Null, streamUrl)));
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(watcher.prediction().output.toString(), QStringLiteral("hi"));
}

void SseClientTest::watcherReports404() {
    TinyServer server([](const Request&, QTcpSocket* socket) {
        writeJson(socket, 404, {{"detail", "The requested resource could not be found."}});
    });
    ApiClient client(server.url(), QString());
    PredictionWatcher watcher(&client);
    watcher.setPollInterval(10);
    QSignalSpy failed(&watcher, &PredictionWatcher::failed);
    watcher.watch(Prediction::fromObject(predictionJson("processing", QJsonValue::Null, {})));
    QTRY_COMPARE(failed.count(), 1);
    QCOMPARE(failed.first().first().value<ApiError>().status, 404);
    QVERIFY(!watcher.isWatching());
}

QTEST_MAIN(SseClientTest)
#include "test_sse_client.moc"
