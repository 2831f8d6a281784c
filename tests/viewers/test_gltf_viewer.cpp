// The viewer as people use it: loading off the UI thread with progress, messages for bad files,
// the info panel, toggles, keyboard, mouse and wheel, animation play/pause/scrub, the window's
// drag and drop and recent files, and `replicant view` on the command line.
#include <QAction>
#include <QApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QSlider>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QVBoxLayout>
#include <QtTest>

#include "glb_samples.h"
#include "replicant/viewers/gltf_loader.h"
#include "replicant/viewers/gltf_view.h"
#include "replicant/viewers/gltf_viewer.h"
#include "replicant/viewers/gltf_viewer_window.h"
#include "replicant/viewers/recent_files.h"

using namespace replicant::viewers;
namespace glb = replicant::tests::glb;

namespace {
constexpr int kLoadTimeoutMs = 20000;

QString infoValue(GltfViewer& viewer, const QString& field) {
    auto* label = viewer.findChild<QLabel*>(QStringLiteral("info_") + field);
    return label ? label->text() : QString();
}

std::shared_ptr<const GltfScene> loadGltfBytesForTest() {
    return loadGltfBytes(glb::cubeGlb(), QString()).scene();
}

bool waitForLoad(GltfViewer& viewer) {
    QElapsedTimer clock;
    clock.start();
    while (viewer.state() == GltfViewer::State::Loading && clock.elapsed() < kLoadTimeoutMs)
        QTest::qWait(10);
    return viewer.state() != GltfViewer::State::Loading;
}
}  // namespace

class GltfViewerTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();

    void loadsOffTheUiThreadAndFillsTheInfoPanel();
    void badFileShowsAClearMessage();
    void missingTextureShowsAWarningBanner();
    void openingAnotherFileWhileLoadingKeepsTheLast();
    void openDataShowsBytesFromElsewhere();
    void shortcutsStayInsideTheViewer();
    void toolbarTogglesAndKeyboardShortcuts();
    void mouseAndWheelMoveTheCamera();
    void animationPlaysPausesAndScrubs();
    void windowOpensDroppedFilesAndRemembersThem();
    void recentFilesDropMissingFilesAndCap();
    void viewCommandRendersAScreenshot();
    void viewCommandReportsBadFiles();
    void viewCommandCapturesTheWindow();

private:
    QString sample(const QString& name, const QByteArray& bytes);

    QTemporaryDir m_dir;
    QTemporaryDir m_config;
};

void GltfViewerTest::initTestCase() {
    QVERIFY(m_dir.isValid() && m_config.isValid());
    QStandardPaths::setTestModeEnabled(true);
    // Recent files live in QSettings: keep them away from the real user's.
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_config.path());
    QCoreApplication::setOrganizationName(QStringLiteral("ReplicantViewerTest"));
    QCoreApplication::setApplicationName(QStringLiteral("ReplicantViewerTest"));
}

void GltfViewerTest::init() {
    RecentFiles().clear();
}

QString GltfViewerTest::sample(const QString& name, const QByteArray& bytes) {
    const QString path = m_dir.filePath(name);
    QFile f(path);
    if (f.open(QIODevice::WriteOnly))
        f.write(bytes);
    return path;
}

void GltfViewerTest::loadsOffTheUiThreadAndFillsTheInfoPanel() {
    GltfViewer viewer;
    viewer.resize(900, 600);
    viewer.show();
    QSignalSpy loaded(&viewer, &GltfViewer::loaded);
    QSignalSpy states(&viewer, &GltfViewer::stateChanged);
    viewer.openFile(sample(QStringLiteral("textured.glb"), glb::texturedGlb()));
    QCOMPARE(viewer.state(), GltfViewer::State::Loading);  // returns at once; the work is elsewhere
    QVERIFY(loaded.wait(kLoadTimeoutMs));
    QCOMPARE(viewer.state(), GltfViewer::State::Loaded);
    QCOMPARE(viewer.loadProgress(), 100);
    QCOMPARE(states.first().first().value<GltfViewer::State>(), GltfViewer::State::Loading);
    QCOMPARE(infoValue(viewer, QStringLiteral("Triangles")), QStringLiteral("12"));
    QCOMPARE(infoValue(viewer, QStringLiteral("Vertices")), QStringLiteral("24"));
    QCOMPARE(infoValue(viewer, QStringLiteral("Textures")), QStringLiteral("1"));
    QCOMPARE(infoValue(viewer, QStringLiteral("File")), QStringLiteral("textured.glb"));
    const QString size = infoValue(viewer, QStringLiteral("Size"));
    QVERIFY2(size.contains(QStringLiteral("KiB")) &&
                 size.contains(QLocale().toString(glb::texturedGlb().size())),
             qPrintable(size));
    QVERIFY(infoValue(viewer, QStringLiteral("Load time")).endsWith(QStringLiteral("ms")));
    QCOMPARE(viewer.findChild<QStackedWidget*>()->currentWidget(), viewer.view());
    QVERIFY(!viewer.findChild<QWidget*>(QStringLiteral("gltfAnimationBar"))->isVisible());
    QVERIFY(!viewer.findChild<QLabel*>(QStringLiteral("gltfWarningBanner"))->isVisible());
}

void GltfViewerTest::badFileShowsAClearMessage() {
    GltfViewer viewer;
    viewer.show();
    QSignalSpy failed(&viewer, &GltfViewer::loadFailed);
    QByteArray truncated = glb::cubeGlb();
    truncated.truncate(truncated.size() / 2);
    viewer.openFile(sample(QStringLiteral("truncated.glb"), truncated));
    QVERIFY(failed.wait(kLoadTimeoutMs));
    QCOMPARE(viewer.state(), GltfViewer::State::Failed);
    QVERIFY(viewer.errorMessage().contains(QStringLiteral("truncated")));
    auto* title = viewer.findChild<QLabel*>(QStringLiteral("gltfErrorTitle"));
    auto* text = viewer.findChild<QLabel*>(QStringLiteral("gltfErrorText"));
    QVERIFY(title->isVisible() && text->isVisible());
    QCOMPARE(title->text(), QStringLiteral("Cannot show truncated.glb"));
    QCOMPARE(text->text(), viewer.errorMessage());
    QVERIFY(!viewer.view()->isVisible());
    QVERIFY(!viewer.scene());

    // A good file afterwards replaces the message.
    viewer.openFile(sample(QStringLiteral("cube.glb"), glb::cubeGlb()));
    QVERIFY(waitForLoad(viewer));
    QCOMPARE(viewer.state(), GltfViewer::State::Loaded);
    QVERIFY(viewer.view()->isVisible());
}

void GltfViewerTest::missingTextureShowsAWarningBanner() {
    // The cube as .gltf with a base colour texture whose image file is not there.
    QJsonObject root = QJsonDocument::fromJson(glb::cubeGltfJson()).object();
    root[QStringLiteral("images")] =
        QJsonArray{QJsonObject{{QStringLiteral("uri"), QStringLiteral("no-such-texture.png")}}};
    root[QStringLiteral("textures")] = QJsonArray{QJsonObject{{QStringLiteral("source"), 0}}};
    QJsonArray materials = root[QStringLiteral("materials")].toArray();
    QJsonObject material = materials[0].toObject();
    QJsonObject pbr = material[QStringLiteral("pbrMetallicRoughness")].toObject();
    pbr[QStringLiteral("baseColorTexture")] = QJsonObject{{QStringLiteral("index"), 0}};
    material[QStringLiteral("pbrMetallicRoughness")] = pbr;
    materials[0] = material;
    root[QStringLiteral("materials")] = materials;
    const QByteArray json = QJsonDocument(root).toJson();
    GltfViewer viewer;
    viewer.show();
    viewer.openFile(sample(QStringLiteral("no-texture.gltf"), json));
    QVERIFY(waitForLoad(viewer));
    QCOMPARE(viewer.state(), GltfViewer::State::Loaded);
    auto* banner = viewer.findChild<QLabel*>(QStringLiteral("gltfWarningBanner"));
    QVERIFY(banner->isVisible());
    QVERIFY2(banner->text().contains(QStringLiteral("no-such-texture.png")),
             qPrintable(banner->text()));
    auto* list = viewer.findChild<QPlainTextEdit*>(QStringLiteral("info_warnings"));
    QVERIFY(list->toPlainText().contains(QStringLiteral("no-such-texture.png")));
}

void GltfViewerTest::openingAnotherFileWhileLoadingKeepsTheLast() {
    GltfViewer viewer;
    QSignalSpy loaded(&viewer, &GltfViewer::loaded);
    viewer.openFile(sample(QStringLiteral("points.glb"), glb::pointsGlb()));
    const QString second = sample(QStringLiteral("lines.glb"), glb::linesGlb());
    viewer.openFile(second);
    QVERIFY(waitForLoad(viewer));
    QTest::qWait(200);  // give a stale first result every chance to arrive
    QCOMPARE(loaded.count(), 1);
    QCOMPARE(loaded.first().first().toString(), second);
    QCOMPARE(viewer.scene()->stats.lines, 7);

    viewer.openFile(sample(QStringLiteral("cube.glb"), glb::cubeGlb()));
    viewer.cancelLoading();
    QCOMPARE(viewer.state(), GltfViewer::State::Empty);
}

void GltfViewerTest::openDataShowsBytesFromElsewhere() {
    // How a prediction's GLB output reaches the viewer: bytes, no file, no external reads.
    GltfViewer viewer;
    QSignalSpy loaded(&viewer, &GltfViewer::loaded);
    viewer.openData(glb::animatedGlb(), QStringLiteral("output.glb"));
    QVERIFY(loaded.wait(kLoadTimeoutMs));
    QCOMPARE(viewer.currentName(), QStringLiteral("output.glb"));
    QCOMPARE(viewer.scene()->stats.animations, 1);
    QCOMPARE(infoValue(viewer, QStringLiteral("File")), QStringLiteral("output.glb"));

    QSignalSpy failed(&viewer, &GltfViewer::loadFailed);
    viewer.openData(QByteArray("not a model"), QStringLiteral("output.txt"));
    QVERIFY(failed.wait(kLoadTimeoutMs));
    QVERIFY(viewer.errorMessage().startsWith(QStringLiteral("This is not a glTF file")));
}

void GltfViewerTest::shortcutsStayInsideTheViewer() {
    QWidget window;
    auto* layout = new QVBoxLayout(&window);
    auto* field = new QLineEdit;
    auto* viewer = new GltfViewer;
    layout->addWidget(field);
    layout->addWidget(viewer);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    viewer->openFile(sample(QStringLiteral("cube.glb"), glb::cubeGlb()));
    QVERIFY(waitForLoad(*viewer));
    field->setFocus();
    QTest::keyClicks(field, QStringLiteral("wngb"));
    QCOMPARE(field->text(), QStringLiteral("wngb"));
    QVERIFY(!viewer->view()->wireframe());
    QVERIFY(viewer->view()->showsGrid());
    viewer->view()->setFocus();
    QTest::keyClick(viewer->view(), Qt::Key_W);
    QVERIFY(viewer->view()->wireframe());
}

void GltfViewerTest::toolbarTogglesAndKeyboardShortcuts() {
    GltfViewer viewer;
    viewer.resize(800, 600);
    viewer.show();
    QVERIFY(QTest::qWaitForWindowExposed(&viewer));
    viewer.openFile(sample(QStringLiteral("cube.glb"), glb::cubeGlb()));
    QVERIFY(waitForLoad(viewer));
    GltfView* view = viewer.view();
    const QList<QAction*> actions = viewer.viewActions();
    QCOMPARE(actions.size(), 6);
    actions[0]->trigger();
    QVERIFY(view->wireframe());
    actions[1]->trigger();
    QVERIFY(view->showsNormals());
    actions[2]->trigger();
    QVERIFY(view->showsBoundingBox());
    QVERIFY(view->showsGrid());
    actions[3]->trigger();
    QVERIFY(!view->showsGrid());
    actions[4]->trigger();  // info panel
    QVERIFY(!viewer.findChild<QWidget*>(QStringLiteral("gltfInfoPanel"))->isVisible());

    // Keys reach the same toggles and move the camera.
    view->setFocus();
    QTest::keyClick(view, Qt::Key_W);
    QVERIFY(!view->wireframe());
    QVERIFY(!actions[0]->isChecked());  // the toolbar follows
    const float yaw = view->camera().yaw();
    QTest::keyClick(view, Qt::Key_Left);
    QVERIFY(view->camera().yaw() != yaw);
    const float distance = view->camera().distance();
    QTest::keyClick(view, Qt::Key_Plus);
    QVERIFY(view->camera().distance() < distance);
    const QVector3D target = view->camera().target();
    QTest::keyClick(view, Qt::Key_Up, Qt::ShiftModifier);
    QVERIFY(view->camera().target() != target);
    actions[5]->trigger();  // reset view
    QCOMPARE(view->camera().yaw(), OrbitCamera::kHomeYawDegrees);
    QVERIFY(std::abs(view->camera().distance() - distance) < 1e-4f);
}

void GltfViewerTest::mouseAndWheelMoveTheCamera() {
    GltfView view;
    view.resize(400, 300);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.setScene(loadGltfBytesForTest());
    view.renderImage();
    const float yaw = view.camera().yaw();
    const float pitch = view.camera().pitch();

    auto drag = [&](Qt::MouseButton button, Qt::KeyboardModifiers mods) {
        QMouseEvent press(QEvent::MouseButtonPress, QPointF(100, 100),
                          view.mapToGlobal(QPointF(100, 100)), button, button, mods);
        QApplication::sendEvent(&view, &press);
        QMouseEvent move(QEvent::MouseMove, QPointF(150, 80), view.mapToGlobal(QPointF(150, 80)),
                         Qt::NoButton, button, mods);
        QApplication::sendEvent(&view, &move);
        QMouseEvent release(QEvent::MouseButtonRelease, QPointF(150, 80),
                            view.mapToGlobal(QPointF(150, 80)), button, Qt::NoButton, mods);
        QApplication::sendEvent(&view, &release);
    };
    drag(Qt::LeftButton, Qt::NoModifier);
    QCOMPARE(view.camera().yaw(),
             yaw - 50 * 0.4f);  // 50 pixels right turns the scene with the pointer
    QVERIFY(view.camera().pitch() < pitch);
    const QVector3D target = view.camera().target();
    drag(Qt::RightButton, Qt::NoModifier);
    QVERIFY(view.camera().target() != target);
    const QVector3D panned = view.camera().target();
    drag(Qt::LeftButton, Qt::ShiftModifier);
    QVERIFY(view.camera().target() != panned);

    // A mouse wheel notch zooms; a trackpad's pixel scrolling orbits instead.
    const float distance = view.camera().distance();
    QWheelEvent wheel(QPointF(200, 150), view.mapToGlobal(QPointF(200, 150)), QPoint(),
                      QPoint(0, 120), Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(&view, &wheel);
    QVERIFY(view.camera().distance() < distance);
    const float yawBefore = view.camera().yaw();
    QWheelEvent swipe(QPointF(200, 150), view.mapToGlobal(QPointF(200, 150)), QPoint(30, 0),
                      QPoint(0, 0), Qt::NoButton, Qt::NoModifier, Qt::ScrollUpdate, false);
    QApplication::sendEvent(&view, &swipe);
    QVERIFY(view.camera().yaw() != yawBefore);

    QMouseEvent dbl(QEvent::MouseButtonDblClick, QPointF(5, 5), view.mapToGlobal(QPointF(5, 5)),
                    Qt::LeftButton, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&view, &dbl);
    QCOMPARE(view.camera().yaw(), OrbitCamera::kHomeYawDegrees);
}

void GltfViewerTest::animationPlaysPausesAndScrubs() {
    GltfViewer viewer;
    viewer.resize(800, 600);
    viewer.show();
    viewer.openFile(sample(QStringLiteral("animated.glb"), glb::animatedGlb()));
    QVERIFY(waitForLoad(viewer));
    GltfView* view = viewer.view();
    QVERIFY(viewer.findChild<QWidget*>(QStringLiteral("gltfAnimationBar"))->isVisible());
    QCOMPARE(view->animation(), 0);
    QCOMPARE(view->duration(), 2.0f);
    QVERIFY(!view->isPlaying());

    viewer.playAction()->trigger();
    QVERIFY(view->isPlaying());
    QTRY_VERIFY_WITH_TIMEOUT(view->time() > 0.05f, 5000);
    viewer.playAction()->trigger();
    QVERIFY(!view->isPlaying());
    const float paused = view->time();
    QTest::qWait(100);
    QCOMPARE(view->time(), paused);

    auto* slider = viewer.findChild<QSlider*>(QStringLiteral("gltfTimeSlider"));
    QCOMPARE(slider->maximum(), 2000);
    slider->setValue(1500);  // scrubbing
    QCOMPARE(view->time(), 1.5f);
    view->setTime(0.25f);
    QCOMPARE(slider->value(), 250);
    view->setTime(99.0f);  // clamped to the duration
    QCOMPARE(view->time(), 2.0f);
}

void GltfViewerTest::windowOpensDroppedFilesAndRemembersThem() {
    GltfViewerWindow window;
    window.show();
    const QString path = sample(QStringLiteral("dropped cube.glb"), glb::cubeGlb());
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(path)});
    QDragEnterEvent enter(QPoint(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &drop);
    QVERIFY(waitForLoad(*window.viewer()));
    QCOMPARE(window.viewer()->state(), GltfViewer::State::Loaded);
    QVERIFY(window.windowTitle().startsWith(QStringLiteral("dropped cube.glb")));
    QCOMPARE(RecentFiles().paths(), QStringList{path});
    const QList<QAction*> recent = window.recentMenu()->actions();
    QCOMPARE(recent.first()->text(), QStringLiteral("dropped cube.glb"));

    // Reopening from the recent menu.
    window.viewer()->clear();
    recent.first()->trigger();
    QVERIFY(waitForLoad(*window.viewer()));
    QCOMPARE(window.viewer()->state(), GltfViewer::State::Loaded);

    // Folders and remote URLs are not offered to the viewer.
    QCOMPARE(GltfViewerWindow::droppedFile({QUrl::fromLocalFile(m_dir.path())}), QString());
    QCOMPARE(GltfViewerWindow::droppedFile({QUrl(QStringLiteral("https://example.com/a.glb"))}),
             QString());
}

void GltfViewerTest::recentFilesDropMissingFilesAndCap() {
    RecentFiles recent;
    QStringList written;
    for (int i = 0; i < RecentFiles::kMaxEntries + 3; ++i) {
        written << sample(QStringLiteral("r%1.glb").arg(i), glb::cubeGlb());
        recent.add(written.last());
    }
    QCOMPARE(recent.paths().size(), RecentFiles::kMaxEntries);
    QCOMPARE(recent.paths().first(), written.last());  // newest first
    recent.add(written[5]);
    QCOMPARE(recent.paths().first(), written[5]);
    QCOMPARE(recent.paths().count(written[5]), 1);
    QFile::remove(written.last());
    QVERIFY(!recent.paths().contains(written.last()));
}

void GltfViewerTest::viewCommandRendersAScreenshot() {
    const QString binary = qEnvironmentVariable("REPLICANT_BINARY");
    QVERIFY2(QFile::exists(binary), "REPLICANT_BINARY must name the replicant executable");
    const QString out = m_dir.filePath(QStringLiteral("shot.png"));
    QProcess p;
    p.start(binary, {QStringLiteral("view"), sample(QStringLiteral("cli.glb"), glb::texturedGlb()),
                     QStringLiteral("--screenshot"), out, QStringLiteral("--size"),
                     QStringLiteral("320x240"), QStringLiteral("--theme"), QStringLiteral("dark")});
    QVERIFY(p.waitForFinished(60000));
    QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
    const QImage image(out);
    QCOMPARE(image.size(), QSize(320, 240));
    QCOMPARE(image.pixelColor(1, 1), QColor(0x21, 0x23, 0x27));       // the dark theme's background
    QVERIFY(image.pixelColor(160, 120) != QColor(0x21, 0x23, 0x27));  // the model in the middle
}

void GltfViewerTest::viewCommandReportsBadFiles() {
    const QString binary = qEnvironmentVariable("REPLICANT_BINARY");
    QProcess p;
    p.start(binary, {QStringLiteral("view"),
                     sample(QStringLiteral("bad.glb"), QByteArray("glTF\x02\0\0\0garbage", 15)),
                     QStringLiteral("--screenshot"), m_dir.filePath(QStringLiteral("bad.png"))});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 1);
    const QString err = QString::fromUtf8(p.readAllStandardError());
    QVERIFY2(
        err.contains(QStringLiteral("cannot show")) && err.contains(QStringLiteral("truncated")),
        qPrintable(err));
    QVERIFY(!QFile::exists(m_dir.filePath(QStringLiteral("bad.png"))));

    p.start(binary, {QStringLiteral("view"), QStringLiteral("--size"), QStringLiteral("huge")});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 2);
    p.start(binary, {QStringLiteral("view"), QStringLiteral("--help")});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 0);
    QVERIFY(p.readAllStandardOutput().contains("--screenshot"));
}

void GltfViewerTest::viewCommandCapturesTheWindow() {
    const QString binary = qEnvironmentVariable("REPLICANT_BINARY");
    const QString out = m_dir.filePath(QStringLiteral("window.png"));
    QProcess p;
    p.start(binary, {QStringLiteral("view"), sample(QStringLiteral("win.glb"), glb::animatedGlb()),
                     QStringLiteral("--screenshot"), out, QStringLiteral("--window"),
                     QStringLiteral("--size"), QStringLiteral("900x600"), QStringLiteral("--time"),
                     QStringLiteral("1")});
    QVERIFY(p.waitForFinished(60000));
    QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
    QCOMPARE(QImage(out).size(), QSize(900, 600));
}

QTEST_MAIN(GltfViewerTest)
#include "test_gltf_viewer.moc"
