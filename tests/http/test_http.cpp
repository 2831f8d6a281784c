// The HTTP layer of replicant-server, driven over real sockets.
#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QtTest>

#include <csignal>

#include "server_process.h"

using replicant::tests::httpRequest;
using replicant::tests::ServerProcess;

namespace {
const QByteArray kToken = "r8_HttpTestToken0000000000000000000000";

QMap<QByteArray, QByteArray> bearer(const QByteArray& token = kToken) {
    return {{"Authorization", "Bearer " + token}};
}

// Writes raw bytes on one connection and reads until `responses` complete responses arrived
// (responses here all carry Content-Length).
QByteArray rawExchange(const QUrl& base, const QByteArray& bytes, int responses) {
    QTcpSocket socket;
    socket.connectToHost(base.host(), static_cast<quint16>(base.port()));
    if (!socket.waitForConnected(5000))
        return {};
    socket.write(bytes);
    QByteArray data;
    QDeadlineTimer deadline(10000);
    while (!deadline.hasExpired() && data.count("HTTP/1.1 ") < responses) {
        socket.waitForReadyRead(200);
        data += socket.readAll();
    }
    // Let the last body arrive.
    while (socket.waitForReadyRead(200))
        data += socket.readAll();
    return data;
}
}  // namespace

class HttpTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QVERIFY2(m_server.start({"--token", QString::fromLatin1(kToken)}),
                 qPrintable(m_server.lastOutput()));
        QCOMPARE(m_server.baseUrl().host(), QStringLiteral("127.0.0.1"));
        QVERIFY(m_server.baseUrl().port() > 0);
    }

    void cleanupTestCase() { QCOMPARE(m_server.stop(), 0); }

    void accountWithBearer() {
        auto r = httpRequest(url("/v1/account"), "GET", bearer());
        QCOMPARE(r.status, 200);
        QCOMPARE(r.headers.value("content-type"), QByteArray("application/json"));
        const auto o = r.json().object();
        QCOMPARE(o.value("type").toString(), QStringLiteral("user"));
        QVERIFY(!o.value("username").toString().isEmpty());
        QVERIFY(o.contains("name"));
    }

    void accountWithLegacyTokenScheme() {
        auto r = httpRequest(url("/v1/account"), "GET", {{"Authorization", "Token " + kToken}});
        QCOMPARE(r.status, 200);
    }

    void unauthenticated_data() {
        QTest::addColumn<QByteArray>("authorization");
        QTest::newRow("missing") << QByteArray();
        QTest::newRow("wrong token") << QByteArray("Bearer r8_nope");
        QTest::newRow("wrong scheme") << QByteArray("Basic " + kToken);
        QTest::newRow("empty bearer") << QByteArray("Bearer ");
    }
    void unauthenticated() {
        QFETCH(QByteArray, authorization);
        QMap<QByteArray, QByteArray> headers;
        if (!authorization.isEmpty())
            headers.insert("Authorization", authorization);
        auto r = httpRequest(url("/v1/account"), "GET", headers);
        QCOMPARE(r.status, 401);
        QCOMPARE(r.headers.value("content-type"), QByteArray("application/problem+json"));
        // Exactly the real API's body, field order included.
        QCOMPARE(r.body, QByteArray(R"({"title":"Unauthenticated","detail":"You did not pass a )"
                                    R"(valid authentication token","status":401})"));
    }

    void healthNeedsNoToken() {
        auto r = httpRequest(url("/health"));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().object().value("status").toString(), QStringLiteral("ok"));
    }

    void unknownPathIs404Problem() {
        auto r = httpRequest(url("/v1/no-such-thing"), "GET", bearer());
        QCOMPARE(r.status, 404);
        QCOMPARE(r.headers.value("content-type"), QByteArray("application/problem+json"));
        QCOMPARE(r.json().object().value("status").toInt(), 404);
        QVERIFY(!r.json().object().value("detail").toString().isEmpty());
    }

    void wrongMethodIs405WithAllow() {
        auto r = httpRequest(url("/v1/account"), "DELETE", bearer());
        QCOMPARE(r.status, 405);
        QCOMPARE(r.headers.value("allow"), QByteArray("GET"));
        QCOMPARE(r.json().object().value("status").toInt(), 405);
    }

    void anyMethodTokenIsRouted() {
        // The API uses QUERY; unknown tokens must reach the router, not break the parser.
        auto r = httpRequest(url("/v1/account"), "QUERY", bearer());
        QCOMPARE(r.status, 405);
    }

    void wrongContentTypeIs415() {
        auto headers = bearer();
        headers.insert("Content-Type", "text/html");
        auto r = httpRequest(url("/v1/account"), "GET", headers, "<p>hi</p>");
        QCOMPARE(r.status, 415);
        QCOMPARE(r.headers.value("content-type"), QByteArray("application/problem+json"));
        QCOMPARE(r.json().object().value("status").toInt(), 415);
    }

    void requestIdsEchoedOrGenerated() {
        auto headers = bearer();
        headers.insert("X-Request-Id", "client-chosen-id-1");
        auto a = httpRequest(url("/v1/account"), "GET", headers);
        QCOMPARE(a.headers.value("x-request-id"), QByteArray("client-chosen-id-1"));
        auto b = httpRequest(url("/v1/account"), "GET", bearer());
        auto c = httpRequest(url("/v1/account"), "GET", bearer());
        QCOMPARE(b.headers.value("x-request-id").size(), 26);
        QVERIFY(b.headers.value("x-request-id") != c.headers.value("x-request-id"));
        headers.insert("X-Request-Id", "bad id with spaces\x01");
        auto d = httpRequest(url("/v1/account"), "GET", headers);
        QCOMPARE(d.headers.value("x-request-id").size(), 26);
    }

    void keepAliveServesSeveralRequestsOnOneConnection() {
        const QByteArray one =
            "GET /v1/account HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + kToken + "\r\n\r\n";
        const QByteArray data = rawExchange(m_server.baseUrl(), one + one + one, 3);
        QCOMPARE(data.count("HTTP/1.1 200 OK"), 3);
    }

    void malformedRequestIs400() {
        const QByteArray data =
            rawExchange(m_server.baseUrl(), "GET /v1/account HTTP/1.1\r\nBad Header\r\n\r\n", 1);
        QVERIFY2(data.startsWith("HTTP/1.1 400"), data.constData());
    }

    void bodyOverLimitIs413() {
        ServerProcess small;
        QVERIFY2(
            small.start({"--token", QString::fromLatin1(kToken), "--max-body", "1024", "--quiet"}),
            qPrintable(small.lastOutput()));
        auto headers = bearer();
        headers.insert("Content-Type", "application/json");
        auto r = httpRequest(small.baseUrl().resolved(QUrl("/v1/account")), "POST", headers,
                             QByteArray(4096, 'x'));
        QCOMPARE(r.status, 413);
        QCOMPARE(r.headers.value("content-type"), QByteArray("application/problem+json"));
        QCOMPARE(r.json().object().value("status").toInt(), 413);
        // A body under the limit still gets through to routing.
        auto ok = httpRequest(small.baseUrl().resolved(QUrl("/v1/account")), "POST", headers,
                              QByteArray(100, 'x'));
        QCOMPARE(ok.status, 405);
        QCOMPARE(small.stop(), 0);
    }

private:
    QUrl url(const QString& path) const { return m_server.baseUrl().resolved(QUrl(path)); }
    ServerProcess m_server;
};

// Start-up behaviour: token generation, hashing at rest, the environment token, the CLI.
class ServerCliTest : public QObject {
    Q_OBJECT

private slots:
    void generatesTokenOnceAndStoresOnlyItsHash() {
        QTemporaryDir dir;
        QString token;
        {
            ServerProcess first;
            QVERIFY2(first.start({"--data-dir", dir.path(), "--quiet"}),
                     qPrintable(first.lastOutput()));
            const auto match =
                QRegularExpression("token \\(shown only once\\): (r8_[A-Za-z0-9]{37})\\n")
                    .match(first.stdoutText());
            QVERIFY2(match.hasMatch(), qPrintable(first.stdoutText()));
            token = match.captured(1);
            QCOMPARE(token.size(), 40);
            auto r = httpRequest(first.baseUrl().resolved(QUrl("/v1/account")), "GET",
                                 bearer(token.toLatin1()));
            QCOMPARE(r.status, 200);
            QCOMPARE(first.stop(), 0);
        }
        // Nothing in the data dir holds the plain token.
        for (const auto& entry : QDir(dir.path()).entryInfoList(QDir::Files)) {
            QFile f(entry.filePath());
            QVERIFY(f.open(QIODevice::ReadOnly));
            QVERIFY2(!f.readAll().contains(token.toLatin1()), qPrintable(entry.fileName()));
        }
        ServerProcess second;
        QVERIFY(second.start({"--data-dir", dir.path(), "--quiet"}));
        QVERIFY(!second.stdoutText().contains("token"));
        auto r = httpRequest(second.baseUrl().resolved(QUrl("/v1/account")), "GET",
                             bearer(token.toLatin1()));
        QCOMPARE(r.status, 200);
        QCOMPARE(second.stop(), 0);
    }

    void tokenFromEnvironment() {
        ServerProcess server;
        QVERIFY(server.start({"--quiet"}, {{"REPLICANT_TOKEN", "r8_fromTheEnvironment"}}));
        QVERIFY(!server.stdoutText().contains("shown only once"));
        auto r = httpRequest(server.baseUrl().resolved(QUrl("/v1/account")), "GET",
                             bearer("r8_fromTheEnvironment"));
        QCOMPARE(r.status, 200);
        QCOMPARE(server.stop(), 0);
    }

    void sigintStopsCleanly() {
        ServerProcess server;
        QVERIFY(server.start({"--quiet"}));
        ::kill(static_cast<pid_t>(server.process().processId()), SIGINT);
        QVERIFY(server.process().waitForFinished(10000));
        QCOMPARE(server.process().exitStatus(), QProcess::NormalExit);
        QCOMPARE(server.process().exitCode(), 0);
    }

    void helpVersionAndBadArguments() {
        QProcess p;
        p.start(ServerProcess::binary(), {"--help"});
        QVERIFY(p.waitForFinished(5000));
        QCOMPARE(p.exitCode(), 0);
        const QString help = QString::fromUtf8(p.readAllStandardOutput());
        for (const char* flag : {"--listen", "--data-dir", "--token", "--help", "--version"})
            QVERIFY2(help.contains(QLatin1String(flag)), flag);
        p.start(ServerProcess::binary(), {"--version"});
        QVERIFY(p.waitForFinished(5000));
        QCOMPARE(p.exitCode(), 0);
        QVERIFY(p.readAllStandardOutput().startsWith("replicant-server "));
        p.start(ServerProcess::binary(), {"--listen", "nonsense"});
        QVERIFY(p.waitForFinished(5000));
        QCOMPARE(p.exitCode(), 2);
        QVERIFY(p.readAllStandardError().contains("--listen"));
        p.start(ServerProcess::binary(), {"--bogus"});
        QVERIFY(p.waitForFinished(5000));
        QCOMPARE(p.exitCode(), 2);
    }

    void portInUseIsAClearError() {
        ServerProcess first;
        QVERIFY(first.start({"--quiet"}));
        QTemporaryDir dir;
        QProcess second;
        second.start(ServerProcess::binary(),
                     {"--listen", QString("127.0.0.1:%1").arg(first.baseUrl().port()), "--data-dir",
                      dir.path()});
        QVERIFY(second.waitForFinished(10000));
        QCOMPARE(second.exitCode(), 1);
        QVERIFY(second.readAllStandardError().contains("cannot listen"));
        QCOMPARE(first.stop(), 0);
    }
};

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    int status = 0;
    {
        HttpTest t;
        status |= QTest::qExec(&t, argc, argv);
    }
    {
        ServerCliTest t;
        status |= QTest::qExec(&t, argc, argv);
    }
    return status;
}

#include "test_http.moc"
