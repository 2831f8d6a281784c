// File inputs through the Files API: the model page uploads a picked file (POST /v1/files) and
// sends its URL, reusing an upload for the same bytes; the run panel shows the cost estimate of
// the model's hardware. The uploader alone: which fields are files, a server without a Files
// API (the files stay inline, and it says so), a failing or unreachable server (the run stops
// with the reason) and a broken data: URI.
#include <QBuffer>
#include <QImage>
#include <QJsonArray>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtTest>

#include "backend_fixture.h"
#include "replicant/ui/client/api_client.h"
#include "replicant/ui/client/data_uri.h"
#include "replicant/ui/input_uploader.h"
#include "replicant/ui/model_page.h"
#include "replicant/ui/run_panel.h"
#include "replicant/widgets/schema_form.h"
#include "ui_test_util.h"

using namespace replicant::ui;

namespace {
// Answers every request with `status` and a problem+json body.
class FakeServer : public QTcpServer {
public:
    explicit FakeServer(int status) : m_status(status) {
        connect(this, &QTcpServer::newConnection, this, [this] {
            QTcpSocket* socket = nextPendingConnection();
            connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                m_received += socket->readAll();
                if (!m_received.contains("\r\n\r\n"))
                    return;
                const QByteArray body = R"({"title":"Nope","detail":"not here","status":)" +
                                        QByteArray::number(m_status) + "}";
                socket->write("HTTP/1.1 " + QByteArray::number(m_status) +
                              " X\r\nContent-Type: application/problem+json\r\nContent-Length: " +
                              QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" +
                              body);
                socket->disconnectFromHost();
            });
        });
    }
    QByteArray received() const { return m_received; }

private:
    int m_status;
    QByteArray m_received;
};

std::optional<InputUploader::Result> prepareAndWait(InputUploader& uploader,
                                                    const QJsonObject& input,
                                                    const QStringList& fields) {
    std::optional<InputUploader::Result> result;
    uploader.prepare(input, fields, [&result](const InputUploader::Result& r) { result = r; });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 15'000))
        return std::nullopt;
    return result;
}
}  // namespace

class UploadsTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase() { m_backend.stop(); }
    void findsFileFields();
    void modelPageUploadsFilesAndShowsTheCost();
    void aServerWithoutFilesApiKeepsFilesInline();
    void aFailingUploadStopsTheRun();
    void aBrokenDataUriIsRefused();

private:
    int fileCount();

    test::BackendFixture m_backend;
};

void UploadsTest::initTestCase() {
    QString why;
    QVERIFY2(m_backend.start(&why), qPrintable(why));
}

int UploadsTest::fileCount() {
    const auto files = m_backend.call("GET", QStringLiteral("/v1/files"));
    return files && files->ok()
               ? int(files->value().object().value(QLatin1String("results")).toArray().size())
               : -1;
}

void UploadsTest::findsFileFields() {
    const QJsonObject schema{
        {"type", "object"},
        {"properties",
         QJsonObject{
             {"image", QJsonObject{{"type", "string"}, {"format", "uri"}}},
             {"prompt", QJsonObject{{"type", "string"}}},
             {"masks", QJsonObject{{"type", "array"},
                                   {"items", QJsonObject{{"type", "string"}, {"format", "uri"}}}}},
             {"steps", QJsonObject{{"type", "integer"}}}}}};
    QStringList fields = InputUploader::fileFields(schema);
    fields.sort();
    QCOMPARE(fields, (QStringList{QStringLiteral("image"), QStringLiteral("masks")}));
}

void UploadsTest::modelPageUploadsFilesAndShowsTheCost() {
    ApiClient client(m_backend.baseUrl(), test::kToken);
    ModelPage page(&client);
    page.resize(1000, 700);
    page.show();
    page.openModel(QStringLiteral("replicant/upscale"));
    QTRY_VERIFY_WITH_TIMEOUT(page.isReady() && !page.versionId().isEmpty(), 15'000);
    const int before = fileCount();
    QVERIFY(before >= 0);

    page.form()->setValues({{QStringLiteral("image"), test::pngUri(24, 24, Qt::darkCyan)}});
    page.run();
    QTRY_COMPARE_WITH_TIMEOUT(page.runPanel()->prediction().status, QStringLiteral("succeeded"),
                              20'000);
    // The prediction got a file URL of this server, not the data: URI.
    const QString sent =
        page.runPanel()->prediction().input.value(QLatin1String("image")).toString();
    QVERIFY2(sent.startsWith(m_backend.baseUrl().toString()), qPrintable(sent.left(80)));
    QCOMPARE(fileCount(), before + 1);
    QVERIFY(page.runPanel()->noticeText().isEmpty());
    // The cost estimate for the model's hardware (the built-ins say "cpu").
    QVERIFY2(page.runPanel()->costText().startsWith(QLatin1String("Estimated cost ")),
             qPrintable(page.runPanel()->costText()));
    QVERIFY(page.runPanel()->costText().contains(QLatin1String("CPU at $0.000100/s")));

    // The same file again: the upload is reused.
    const QString firstId = page.runPanel()->prediction().id;
    page.run();
    QTRY_VERIFY_WITH_TIMEOUT(page.runPanel()->prediction().id != firstId &&
                                 page.runPanel()->prediction().status == QLatin1String("succeeded"),
                             20'000);
    QCOMPARE(page.runPanel()->prediction().input.value(QLatin1String("image")).toString(), sent);
    QCOMPARE(fileCount(), before + 1);
}

void UploadsTest::aServerWithoutFilesApiKeepsFilesInline() {
    FakeServer server(404);
    QVERIFY(server.listen(QHostAddress::LocalHost));
    ApiClient client(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.serverPort())),
                     QStringLiteral("r8_x"));
    InputUploader uploader(&client);
    const QString uri = test::pngUri(8, 8, Qt::red);
    const auto result = prepareAndWait(uploader, {{"image", uri}, {"prompt", "data:,not a file"}},
                                       {QStringLiteral("image")});
    QVERIFY(result);
    QVERIFY2(result->error.isEmpty(), qPrintable(result->error));
    QVERIFY(result->notice.contains(QLatin1String("data: URIs")));
    QCOMPARE(result->input.value(QLatin1String("image")).toString(), uri);
    QCOMPARE(result->input.value(QLatin1String("prompt")).toString(),
             QStringLiteral("data:,not a file"));
    QVERIFY(server.received().startsWith("POST /v1/files"));
    QVERIFY(server.received().contains("name=\"content\""));
}

void UploadsTest::aFailingUploadStopsTheRun() {
    FakeServer server(500);
    QVERIFY(server.listen(QHostAddress::LocalHost));
    ApiClient client(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(server.serverPort())),
                     QString());
    InputUploader uploader(&client);
    auto result = prepareAndWait(uploader, {{"image", test::pngUri(8, 8, Qt::red)}}, {"image"});
    QVERIFY(result);
    QVERIFY2(result->error.startsWith(QLatin1String("Could not upload image")),
             qPrintable(result->error));

    // Nobody listening: a clear error too.
    QTcpServer probe;
    QVERIFY(probe.listen(QHostAddress::LocalHost));
    const quint16 port = probe.serverPort();
    probe.close();
    ApiClient dead(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)), QString());
    InputUploader deadUploader(&dead);
    result = prepareAndWait(deadUploader, {{"image", test::pngUri(8, 8, Qt::red)}}, {"image"});
    QVERIFY(result);
    QVERIFY2(result->error.startsWith(QLatin1String("Could not upload image")),
             qPrintable(result->error));
}

void UploadsTest::aBrokenDataUriIsRefused() {
    ApiClient client(m_backend.baseUrl(), test::kToken);
    InputUploader uploader(&client);
    auto result = prepareAndWait(
        uploader, {{"images", QJsonArray{QStringLiteral("data:image/png;base64,@@@")}}},
        {"images"});
    QVERIFY(result);
    QVERIFY(result->error.contains(QLatin1String("images")));
    // Nothing to upload: the input comes back as it was.
    result = prepareAndWait(
        uploader, {{"images", QJsonArray{QStringLiteral("https://x.test/a.png")}}}, {"images"});
    QVERIFY(result && result->error.isEmpty() && result->uploaded == 0);
    QCOMPARE(result->input.value(QLatin1String("images")).toArray().at(0).toString(),
             QStringLiteral("https://x.test/a.png"));
}

QTEST_MAIN(UploadsTest)
#include "test_uploads.moc"
