// The media renderers that need more than a widget: the inline GLB preview (a real mesh; with
// OpenGL it shows the scene, without it says so) and the video player, on a short clip encoded
// here with OpenCV (MJPEG in AVI), so the test needs no sample file. A corrupt video and a
// corrupt mesh are explained in place.
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QSlider>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

#include "glb_samples.h"
#include "replicant/ui/client/api_client.h"
#include "replicant/ui/client/data_uri.h"
#include "replicant/ui/output_view.h"
#include "replicant/viewers/gltf_view.h"
#ifdef REPLICANT_HAVE_VIDEO
#include "replicant/viewers/video_player.h"
#endif

using namespace replicant::ui;
using Kind = OutputView::Kind;

namespace {
// Two seconds of a moving square, 10 frames a second, MJPEG in AVI.
QByteArray encodeClip(const QString& dir) {
    const std::string path = (dir + QStringLiteral("/clip.avi")).toStdString();
    cv::VideoWriter writer(path, cv::VideoWriter::fourcc('M', 'J', 'P', 'G'), 10.0,
                           cv::Size(160, 120));
    if (!writer.isOpened())
        return {};
    for (int i = 0; i < 20; ++i) {
        cv::Mat frame(120, 160, CV_8UC3, cv::Scalar(40, 40, 40));
        cv::rectangle(frame, cv::Rect(i * 6, 40, 30, 30), cv::Scalar(0, 140, 255), cv::FILLED);
        writer.write(frame);
    }
    writer.release();
    QFile file(QString::fromStdString(path));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}
}  // namespace

class MediaOutputsTest : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void glbGetsAnInlinePreview();
    void aCorruptGlbIsExplained();
    void videoGetsAPlayerThatSeeks();
    void aCorruptVideoIsExplained();

private:
    std::unique_ptr<ApiClient> m_client;
    std::unique_ptr<OutputView> m_view;
};

void MediaOutputsTest::init() {
    m_client = std::make_unique<ApiClient>(QUrl(QStringLiteral("http://127.0.0.1:9")), QString());
    m_view = std::make_unique<OutputView>(m_client.get());
    m_view->resize(640, 520);
    m_view->show();
}

void MediaOutputsTest::cleanup() {
    m_view.reset();
}

void MediaOutputsTest::glbGetsAnInlinePreview() {
    const QByteArray glb = replicant::tests::glb::cubeGlb();
    m_view->setOutput(DataUri::encode(glb, QStringLiteral("model/gltf-binary")));
    QCOMPARE(m_view->kind(), Kind::Glb);
    // The file's buttons stay under the preview.
    QVERIFY(m_view->renderer()->findChild<QPushButton*>("openIn3d"));
    QVERIFY(m_view->renderer()->findChild<QPushButton*>("saveOutput"));
    auto* message = m_view->renderer()->findChild<QLabel*>("glbMessage");
    QVERIFY(message);
    QTRY_VERIFY_WITH_TIMEOUT(
        m_view->renderer()->findChild<QWidget*>("glbPreview") || !m_view->errorText().isEmpty(),
        10'000);
    auto* preview = m_view->renderer()->findChild<replicant::viewers::GltfView*>("glbPreview");
    if (!preview) {
        QVERIFY2(!qEnvironmentVariableIsSet("REPLICANT_EXPECT_GL_PREVIEW"),
                 qPrintable(m_view->errorText()));
        // No OpenGL 3.3 on this display: said in place, and the buttons still work.
        QVERIFY2(m_view->errorText().contains(QLatin1String("OpenGL")),
                 qPrintable(m_view->errorText()));
        return;
    }
    QVERIFY(preview->scene());
    QVERIFY(preview->isVisible());
    QVERIFY(m_view->errorText().isEmpty());
    // It draws the mesh: the red clay cube shows up in the middle of the frame.
    const QImage frame = preview->renderImage();
    const QColor centre = frame.pixelColor(frame.width() / 2, frame.height() / 2);
    QVERIFY2(centre.red() > centre.green() + 40 && centre.red() > centre.blue() + 40,
             qPrintable(centre.name()));
}

void MediaOutputsTest::aCorruptGlbIsExplained() {
    QByteArray glb = replicant::tests::glb::cubeGlb();
    glb.truncate(glb.size() / 2);
    m_view->setOutput(DataUri::encode(glb, QStringLiteral("model/gltf-binary")));
    QCOMPARE(m_view->kind(), Kind::Glb);
    QTRY_VERIFY_WITH_TIMEOUT(!m_view->errorText().isEmpty(), 10'000);
    QVERIFY(!m_view->renderer()->findChild<QWidget*>("glbPreview"));
    QVERIFY2(m_view->errorText().contains(QLatin1String("does not load")) ||
                 m_view->errorText().contains(QLatin1String("OpenGL")),
             qPrintable(m_view->errorText()));
}

void MediaOutputsTest::videoGetsAPlayerThatSeeks() {
    QTemporaryDir dir;
    const QByteArray clip = encodeClip(dir.path());
    QVERIFY2(!clip.isEmpty(), "OpenCV could not encode the test clip");
    m_view->setOutput(DataUri::encode(clip, QStringLiteral("video/x-msvideo")));
    QCOMPARE(m_view->kind(), Kind::Video);
    QVERIFY(m_view->renderer()->findChild<QPushButton*>("saveOutput"));
#ifdef REPLICANT_HAVE_VIDEO
    auto* player = m_view->renderer()->findChild<replicant::viewers::VideoPlayer*>("videoPlayer");
    QVERIFY(player);
    QTRY_VERIFY_WITH_TIMEOUT(player->duration() > 0 || !player->errorText().isEmpty(), 10'000);
    QVERIFY2(player->errorText().isEmpty(), qPrintable(player->errorText()));
    QVERIFY2(std::abs(player->duration() - 2000) <= 200,
             qPrintable(QString::number(player->duration())));
    auto* play = player->findChild<QToolButton*>("play");
    QVERIFY(play->isEnabled());
    QTest::mouseClick(play, Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(player->position() > 0, 5'000);
    QTest::mouseClick(play, Qt::LeftButton);  // pause
    QTRY_VERIFY(!player->isPlaying());
    player->seek(1500);
    QTRY_VERIFY_WITH_TIMEOUT(std::abs(player->position() - 1500) <= 150, 5'000);
    QCOMPARE(player->findChild<QSlider*>("position")->maximum(), int(player->duration()));
#else
    QSKIP("built without Qt Multimedia Widgets: no video player");
#endif
}

void MediaOutputsTest::aCorruptVideoIsExplained() {
    QByteArray junk(4096, '\x5a');
    m_view->setOutput(DataUri::encode(junk, QStringLiteral("video/mp4")));
    QCOMPARE(m_view->kind(), Kind::Video);
#ifdef REPLICANT_HAVE_VIDEO
    QTRY_VERIFY_WITH_TIMEOUT(!m_view->errorText().isEmpty(), 10'000);
#endif
}

QTEST_MAIN(MediaOutputsTest)
#include "test_media_outputs.moc"
