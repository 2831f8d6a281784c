// The output renderers: which one a value and schema get, and how each behaves with good and
// bad content (corrupt images, unreachable files), streaming growth, image lists with a
// scrubber, JSON, audio and the GLB hook. Files are data: URIs or a tiny local server.
#include <QBuffer>
#include <QImage>
#include <QJsonArray>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSlider>
#include <QTcpServer>
#include <QTcpSocket>
#include <QToolButton>
#include <QtTest>

#include "replicant/ui/client/api_client.h"
#include "replicant/ui/client/data_uri.h"
#include "replicant/ui/client/model.h"
#include "replicant/ui/client/prediction.h"
#include "replicant/ui/output_view.h"
#include "replicant/viewers/image_view.h"
#include "replicant/widgets/json_view.h"
#include "ui_test_util.h"

using namespace replicant::ui;
using Kind = OutputView::Kind;

namespace {
const QJsonObject kConcatenate{{"type", "array"},
                               {"items", QJsonObject{{"type", "string"}}},
                               {"x-cog-array-type", "iterator"},
                               {"x-cog-array-display", "concatenate"}};
}  // namespace

class OutputViewTest : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void textAndNumbers();
    void streamedTextGrowsInPlace();
    void iteratorWithoutConcatenateIsOneItemPerLine();
    void jsonObjectsBecomeATree();
    void anImageWithZoomAndSave();
    void aCorruptImageIsExplained();
    void anUnreachableFileIsExplained();
    void imageListsHaveAScrubber();
    void audioGetsAPlayer();
    void glbHasADisabledViewerHookUntilOneIsSet();
    void aFileOfUnknownKindIsSniffed();
    void helpers();

private:
    std::unique_ptr<ApiClient> m_client;
    std::unique_ptr<OutputView> m_view;
};

void OutputViewTest::init() {
    m_client = std::make_unique<ApiClient>(QUrl(QStringLiteral("http://127.0.0.1:9")), QString());
    m_view = std::make_unique<OutputView>(m_client.get());
    m_view->resize(600, 500);
    m_view->show();
}

void OutputViewTest::cleanup() {
    m_view.reset();
    OutputView::setModelViewerHook({});
}

void OutputViewTest::textAndNumbers() {
    QCOMPARE(m_view->kind(), Kind::Empty);
    m_view->setOutput(QStringLiteral("hello Alice"));
    QCOMPARE(m_view->kind(), Kind::Text);
    QCOMPARE(m_view->text(), QStringLiteral("hello Alice"));
    m_view->setOutput(42.5);
    QCOMPARE(m_view->text(), QStringLiteral("42.5"));
    m_view->setOutput(true);
    QCOMPARE(m_view->text(), QStringLiteral("true"));
    m_view->setOutput(QJsonValue::Null);
    QCOMPARE(m_view->kind(), Kind::Empty);
}

void OutputViewTest::streamedTextGrowsInPlace() {
    m_view->setOutput(QJsonArray{"hello"}, kConcatenate);
    QWidget* renderer = m_view->renderer();
    auto* edit = renderer->findChild<QPlainTextEdit*>("outputText");
    QVERIFY(edit);
    edit->selectAll();
    m_view->setOutput(QJsonArray{"hello", " there,"}, kConcatenate);
    m_view->setOutput(QJsonArray{"hello", " there,", " Alice"}, kConcatenate);
    QCOMPARE(m_view->renderer(), renderer);  // the same widget, appended to
    QCOMPARE(m_view->text(), QStringLiteral("hello there, Alice"));
}

void OutputViewTest::iteratorWithoutConcatenateIsOneItemPerLine() {
    m_view->setOutput(QJsonArray{"first", "second"});
    QCOMPARE(m_view->kind(), Kind::Text);
    QCOMPARE(m_view->text(), QStringLiteral("first\nsecond"));
}

void OutputViewTest::jsonObjectsBecomeATree() {
    m_view->setOutput(QJsonObject{{"label", "cat"}, {"boxes", QJsonArray{1, 2, 3}}});
    QCOMPARE(m_view->kind(), Kind::Json);
    auto* tree = m_view->renderer()->findChild<replicant::widgets::JsonView*>();
    QVERIFY(tree);
    QCOMPARE(tree->topLevelItemCount(), 2);
    QCOMPARE(tree->topLevelItem(0)->text(0), QStringLiteral("boxes"));
    QCOMPARE(tree->topLevelItem(0)->text(1), QStringLiteral("[3 items]"));
    QCOMPARE(tree->topLevelItem(1)->text(1), QStringLiteral("\"cat\""));
    QVERIFY(!m_view->renderer()->findChild<replicant::viewers::ImageView*>());
    // An object that carries an image shows it above the tree.
    m_view->setOutput(
        QJsonObject{{"image", test::pngUri(16, 16, Qt::red)}, {"faces", QJsonArray{}}});
    auto* image = m_view->renderer()->findChild<replicant::viewers::ImageView*>();
    QVERIFY(image);
    QTRY_COMPARE(image->image().size(), QSize(16, 16));
    QVERIFY(m_view->renderer()->findChild<replicant::widgets::JsonView*>());
    // Mixed arrays are JSON too.
    m_view->setOutput(QJsonArray{1, "two"});
    QCOMPARE(m_view->kind(), Kind::Json);
}

void OutputViewTest::anImageWithZoomAndSave() {
    m_view->setOutput(test::pngUri(64, 32, Qt::blue));
    QCOMPARE(m_view->kind(), Kind::Image);
    auto* image = m_view->renderer()->findChild<replicant::viewers::ImageView*>("outputImage");
    QVERIFY(image);
    QTRY_VERIFY(!image->image().isNull());
    QCOMPARE(image->image().size(), QSize(64, 32));
    QVERIFY(m_view->errorText().isEmpty());
    QTRY_VERIFY(
        m_view->renderer()->findChild<QLabel*>("outputInfo")->text().startsWith("64 \u00d7 32"));
    QVERIFY(m_view->renderer()->findChild<QToolButton*>("saveOutput"));
    image->zoomIn();
    QVERIFY(!image->fitsToWindow());
}

void OutputViewTest::aCorruptImageIsExplained() {
    m_view->setOutput(DataUri::encode("definitely not a png", QStringLiteral("image/png")));
    QCOMPARE(m_view->kind(), Kind::Image);
    QTRY_VERIFY(!m_view->errorText().isEmpty());
    QVERIFY(m_view->errorText().contains(QLatin1String("not a readable image")));
    // Not base64 at all: the data URI itself is refused, in place.
    m_view->setOutput(QStringLiteral("data:image/png;base64,***"));
    QTRY_VERIFY(m_view->errorText().contains(QLatin1String("Cannot load the image")));
}

void OutputViewTest::anUnreachableFileIsExplained() {
    // Port 9 on loopback: nothing listens.
    m_view->setOutput(QStringLiteral("http://127.0.0.1:9/files/out.png"));
    QTRY_VERIFY_WITH_TIMEOUT(m_view->errorText().contains(QLatin1String("Connection failed")),
                             10'000);
}

void OutputViewTest::imageListsHaveAScrubber() {
    const QString a = test::pngUri(10, 10, Qt::red), b = test::pngUri(20, 10, Qt::green),
                  c = test::pngUri(30, 10, Qt::blue);
    m_view->setOutput(QJsonArray{a});
    QCOMPARE(m_view->kind(), Kind::ImageList);
    QWidget* renderer = m_view->renderer();
    auto* scrubber = renderer->findChild<QSlider*>("scrubber");
    QVERIFY(scrubber && !scrubber->isVisibleTo(renderer));
    // Intermediate frames arrive: the same view follows the newest while at the end.
    m_view->setOutput(QJsonArray{a, b});
    m_view->setOutput(QJsonArray{a, b, c});
    QCOMPARE(m_view->renderer(), renderer);
    QCOMPARE(m_view->kind(), Kind::ImageList);
    QVERIFY(scrubber->isVisibleTo(renderer));
    QCOMPARE(scrubber->maximum(), 2);
    auto* image = renderer->findChild<replicant::viewers::ImageView*>("outputImage");
    QTRY_COMPARE(image->image().width(), 30);
    scrubber->setValue(0);
    QTRY_COMPARE(image->image().width(), 10);
    // Not at the end any more: a new frame does not move the user.
    m_view->setOutput(QJsonArray{a, b, c, a});
    QCOMPARE(scrubber->value(), 0);
}

void OutputViewTest::audioGetsAPlayer() {
    QByteArray wav = "RIFF";  // a header is enough to classify; playing is not exercised here
    m_view->setOutput(DataUri::encode(wav, QStringLiteral("audio/wav")));
    QCOMPARE(m_view->kind(), Kind::Audio);
    QVERIFY(m_view->renderer()->findChild<QPushButton*>("saveOutput"));
#ifdef REPLICANT_HAVE_AUDIO
    QVERIFY(m_view->renderer()->findChild<QWidget*>("audioPlayer"));
#endif
}

void OutputViewTest::glbHasADisabledViewerHookUntilOneIsSet() {
    m_view->setOutput(QStringLiteral("https://example.com/out/mesh.glb"));
    QCOMPARE(m_view->kind(), Kind::Glb);
    auto* open = m_view->renderer()->findChild<QPushButton*>("openIn3d");
    QVERIFY(open);
    QVERIFY(!open->isEnabled());
    QVERIFY(open->toolTip().contains(QLatin1String("not part of this build")));
    QVERIFY(m_view->renderer()->findChild<QPushButton*>("saveOutput")->isEnabled());
    // Once the viewer registers itself, the button works.
    QByteArray received;
    OutputView::setModelViewerHook(
        [&received](const QByteArray& glb, const QString&) { received = glb; });
    m_view->setOutput(DataUri::encode("glTF\x02\0\0\0", QStringLiteral("model/gltf-binary")));
    open = m_view->renderer()->findChild<QPushButton*>("openIn3d");
    QVERIFY(open && open->isEnabled());
    open->click();
    QTRY_VERIFY(received.startsWith("glTF"));
}

void OutputViewTest::aFileOfUnknownKindIsSniffed() {
    // A tiny server answers an extension-less URL with a PNG and no useful content type.
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    QImage image(12, 12, QImage::Format_RGB32);
    image.fill(Qt::magenta);
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    connect(&server, &QTcpServer::newConnection, this, [&server, png] {
        QTcpSocket* socket = server.nextPendingConnection();
        connect(socket, &QTcpSocket::readyRead, socket, [socket, png] {
            socket->readAll();
            socket->write(
                "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\n"
                "Content-Length: " +
                QByteArray::number(png.size()) + "\r\nConnection: close\r\n\r\n" + png);
            socket->disconnectFromHost();
        });
    });
    m_view->setOutput(QStringLiteral("http://127.0.0.1:%1/v1/files/abc").arg(server.serverPort()));
    QTRY_COMPARE(m_view->kind(), Kind::Image);
    auto* view = m_view->renderer()->findChild<replicant::viewers::ImageView*>("outputImage");
    QTRY_COMPARE(view->image().size(), QSize(12, 12));
}

void OutputViewTest::helpers() {
    QCOMPARE(
        parseApiTime(QStringLiteral("2023-08-16T19:33:26.678378653Z")).toMSecsSinceEpoch() % 1000,
        678);
    QVERIFY(parseApiTime(QStringLiteral("2024-10-04T18:07:35.262Z")).isValid());
    QVERIFY(parseApiTime(QStringLiteral("2023-09-08T16:19:34Z")).isValid());
    QVERIFY(!parseApiTime(QJsonValue::Null).isValid());
    QCOMPARE(compactCount(999), QStringLiteral("999"));
    QCOMPARE(compactCount(1234), QStringLiteral("1.2K"));
    QCOMPARE(compactCount(5681081), QStringLiteral("5.7M"));
    QCOMPARE(formatDuration(0.123), QStringLiteral("0.12 s"));
    QCOMPARE(formatDuration(125), QStringLiteral("2 min 5 s"));
    auto uri = DataUri::parse(QStringLiteral("data:,hello%20world"));
    QVERIFY(uri);
    QCOMPARE(uri->bytes, QByteArray("hello world"));
    QCOMPARE(uri->mediaType, QStringLiteral("text/plain"));
    QVERIFY(!DataUri::parse(QStringLiteral("data:image/png;base64,@@@")));
}

QTEST_MAIN(OutputViewTest)
#include "test_output_view.moc"
