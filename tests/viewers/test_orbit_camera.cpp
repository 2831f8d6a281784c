// The orbit camera's math: framing keeps the whole scene in view, orbit, pan and zoom stay
// within their limits, reset returns to the framed view.
#include <QtTest>

#include <cmath>

#include "replicant/viewers/orbit_camera.h"

using replicant::viewers::GltfBounds;
using replicant::viewers::OrbitCamera;

namespace {
GltfBounds box(QVector3D min, QVector3D max) {
    GltfBounds b;
    b.extend(min);
    b.extend(max);
    return b;
}

// Whether every corner of the box lands inside the view's rectangle, in front of the eye.
bool cornersInView(const OrbitCamera& camera, const GltfBounds& b, float aspect) {
    const QMatrix4x4 mvp = camera.projection(aspect) * camera.view();
    for (int i = 0; i < 8; ++i) {
        const QVector3D p(i & 1 ? b.max.x() : b.min.x(), i & 2 ? b.max.y() : b.min.y(),
                          i & 4 ? b.max.z() : b.min.z());
        const QVector4D clip = mvp * QVector4D(p, 1);
        const QVector3D ndc = clip.toVector3D() / clip.w();
        // Depth is not checked: the renderer clamps it instead of clipping.
        if (clip.w() <= 0 || std::abs(ndc.x()) > 1 || std::abs(ndc.y()) > 1)
            return false;
    }
    return true;
}
}  // namespace

class OrbitCameraTest : public QObject {
    Q_OBJECT

private slots:
    void framingShowsTheWholeBox_data();
    void framingShowsTheWholeBox();
    void orbitClampsPitch();
    void panMovesTheTargetAcrossTheView();
    void zoomStaysInRange();
    void resetReturnsToTheFramedView();
    void emptyBoundsStillGiveAUsableCamera();
};

void OrbitCameraTest::framingShowsTheWholeBox_data() {
    QTest::addColumn<QVector3D>("min");
    QTest::addColumn<QVector3D>("max");
    QTest::addColumn<float>("aspect");
    QTest::newRow("unit cube, 4:3")
        << QVector3D(-0.5f, -0.5f, -0.5f) << QVector3D(0.5f, 0.5f, 0.5f) << 4.0f / 3;
    QTest::newRow("tall, portrait") << QVector3D(0, 0, 0) << QVector3D(1, 20, 1) << 0.5f;
    QTest::newRow("tiny, far away")
        << QVector3D(1000, 1000, 1000) << QVector3D(1000.001f, 1000.002f, 1000.001f) << 1.0f;
    QTest::newRow("huge, wide") << QVector3D(-5e4f, 0, -5e4f) << QVector3D(5e4f, 10, 5e4f) << 2.5f;
}

void OrbitCameraTest::framingShowsTheWholeBox() {
    QFETCH(QVector3D, min);
    QFETCH(QVector3D, max);
    QFETCH(float, aspect);
    OrbitCamera camera;
    const GltfBounds b = box(min, max);
    camera.frame(b, aspect);
    QVERIFY(cornersInView(camera, b, aspect));
    QCOMPARE(camera.target(), b.center());
    // ...and the scene fills a fair share of the view: not framed from miles away.
    camera.zoom(0.25f);
    QVERIFY(!cornersInView(camera, b, aspect));
}

void OrbitCameraTest::orbitClampsPitch() {
    OrbitCamera camera;
    camera.frame(box({-1, -1, -1}, {1, 1, 1}), 1);
    camera.orbit(0, 500);
    QCOMPARE(camera.pitch(), OrbitCamera::kMaxPitchDegrees);
    camera.orbit(0, -1000);
    QCOMPARE(camera.pitch(), -OrbitCamera::kMaxPitchDegrees);
    const float yaw = camera.yaw();
    camera.orbit(30, 0);
    QVERIFY(std::abs(camera.yaw() - (yaw + 30)) < 1e-4f);
    camera.orbit(std::nanf(""), 0);  // ignored, not poisoning the camera
    QVERIFY(std::isfinite(camera.yaw()));
}

void OrbitCameraTest::panMovesTheTargetAcrossTheView() {
    OrbitCamera camera;
    camera.frame(box({-1, -1, -1}, {1, 1, 1}), 1);
    const QVector3D before = camera.target();
    const QVector3D forward = (camera.target() - camera.eye()).normalized();
    camera.pan(QVector2D(100, 0), 500);
    const QVector3D moved = camera.target() - before;
    QVERIFY(moved.length() > 0.1f);
    QVERIFY(std::abs(QVector3D::dotProduct(moved, forward)) < 1e-4f);  // in the view plane
    // Dragging right moves the scene right, so the target goes to the camera's left.
    const QMatrix4x4 v = camera.view();
    QVERIFY(QVector3D::dotProduct(moved, QVector3D(v(0, 0), v(0, 1), v(0, 2))) < 0);
}

void OrbitCameraTest::zoomStaysInRange() {
    OrbitCamera camera;
    camera.frame(box({-1, -1, -1}, {1, 1, 1}), 1);
    const float start = camera.distance();
    camera.zoom(0.5f);
    QVERIFY(std::abs(camera.distance() - start * 0.5f) < 1e-4f);
    for (int i = 0; i < 100; ++i)
        camera.zoom(0.5f);
    QVERIFY(camera.distance() > 0);
    QVERIFY(std::isfinite(camera.projection(1)(0, 0)));
    for (int i = 0; i < 100; ++i)
        camera.zoom(2.0f);
    QVERIFY(camera.distance() < camera.sceneRadius() * 100);
    camera.zoom(0);  // ignored
    camera.zoom(-1);
    QVERIFY(camera.distance() > 0);
}

void OrbitCameraTest::resetReturnsToTheFramedView() {
    OrbitCamera camera;
    camera.frame(box({0, 0, 0}, {2, 2, 2}), 1.5f);
    const QVector3D eye = camera.eye();
    camera.orbit(40, 10);
    camera.pan(QVector2D(30, 20), 400);
    camera.zoom(0.3f);
    camera.reset();
    QVERIFY((camera.eye() - eye).length() < 1e-4f);
    QCOMPARE(camera.target(), QVector3D(1, 1, 1));
}

void OrbitCameraTest::emptyBoundsStillGiveAUsableCamera() {
    OrbitCamera camera;
    camera.frame(GltfBounds{}, 1);
    QVERIFY(camera.distance() > 0);
    QVERIFY(std::isfinite(camera.view()(0, 0)));
}

int runOrbitCameraTests(int argc, char** argv) {
    OrbitCameraTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_orbit_camera.moc"
