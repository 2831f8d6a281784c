// Render tests: the OpenGL view draws the sample models like the committed baselines (with a
// tolerance for driver differences), follows the theme's palette, and its overlays and
// animation change what is drawn. Needs an X display (with_display.sh provides one).
#include <tiny_gltf.h>

#include <QApplication>
#include <QtTest>

#include "glb_samples.h"
#include "image_compare.h"
#include "replicant/viewers/gltf_loader.h"
#include "replicant/viewers/gltf_view.h"
#include "replicant/widgets/theme.h"

using namespace replicant::viewers;
using replicant::tests::compareImages;
using replicant::tests::matchesBaseline;
using replicant::widgets::Theme;
namespace glb = replicant::tests::glb;

namespace {
const QSize kSize(200, 150);

struct Look {
    bool grid = false;
    bool wireframe = false;
    bool normals = false;
    bool bounds = false;
    float time = 0;
    bool dark = false;
};

std::shared_ptr<const GltfScene> load(const QByteArray& bytes) {
    const auto r = loadGltfBytes(bytes, QString());
    return r.scene();
}

QImage render(std::shared_ptr<const GltfScene> scene, const Look& look = {}) {
    GltfView view;
    view.setPalette(look.dark ? Theme::darkPalette() : Theme::lightPalette());
    view.setAttribute(Qt::WA_DontShowOnScreen);
    view.resize(kSize);
    view.show();
    view.setScene(std::move(scene));
    view.setShowGrid(look.grid);
    view.setWireframe(look.wireframe);
    view.setShowNormals(look.normals);
    view.setShowBoundingBox(look.bounds);
    view.setTime(look.time);
    QImage image = view.renderImage().convertToFormat(QImage::Format_RGB32);
    if (!view.renderError().isEmpty())
        qWarning("render error: %s", qPrintable(view.renderError()));
    return image;
}

qint64 pixelsDiffering(const QImage& a, const QImage& b) {
    return compareImages(a, b, 24).differingPixels;
}

// Pixels that are not the background colour.
qint64 pixelsCovered(const QImage& image, QColor background) {
    qint64 n = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            if (image.pixelColor(x, y) != background)
                ++n;
    return n;
}
}  // namespace

class GltfRenderTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cube();
    void texturedCube();
    void vertexColouredPoints();
    void animatedNodeAtAFixedTime();
    void backgroundFollowsTheTheme();
    void overlaysDraw();
    void linesAndBlendedSurfacesDraw();
    void emptyViewShowsTheBackground();
    void largeSceneRenders();
};

void GltfRenderTest::initTestCase() {
    GltfView probe;
    probe.setAttribute(Qt::WA_DontShowOnScreen);
    probe.resize(kSize);
    probe.show();
    probe.renderImage();
    QVERIFY2(probe.renderError().isEmpty(), qPrintable(probe.renderError()));
}

void GltfRenderTest::cube() {
    Look look;
    look.grid = true;
    const QImage image = render(load(glb::cubeGlb()), look);
    QCOMPARE(image.size(), kSize);
    const QString problem = matchesBaseline(image, QStringLiteral("cube"));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    // The cube's lit faces are reddish, in the middle of the frame.
    const QColor centre = image.pixelColor(kSize.width() / 2, kSize.height() / 2);
    QVERIFY2(centre.red() > centre.green() + 40, qPrintable(centre.name()));
}

void GltfRenderTest::texturedCube() {
    const QImage image = render(load(glb::texturedGlb()));
    const QString problem = matchesBaseline(image, QStringLiteral("textured"));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    // Both checker colours show: blue squares and light ones.
    bool blue = false, light = false;
    for (int y = 40; y < 110; ++y)
        for (int x = 60; x < 140; ++x) {
            const QColor c = image.pixelColor(x, y);
            blue |= c.blue() > c.red() + 60;
            light |= c.red() > 170 && c.blue() > 160;
        }
    QVERIFY(blue && light);
}

void GltfRenderTest::vertexColouredPoints() {
    const QImage image = render(load(glb::pointsGlb()));
    const QString problem = matchesBaseline(image, QStringLiteral("points"));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY(pixelsCovered(image, Theme::lightPalette().color(QPalette::Window)) > 2000);
}

void GltfRenderTest::animatedNodeAtAFixedTime() {
    const auto scene = load(glb::animatedGlb());
    Look look;
    look.time = 0.5f;
    const QImage half = render(scene, look);
    const QString problem = matchesBaseline(half, QStringLiteral("animated-0.5s"));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    look.time = 1.0f;  // the cube has moved to +X and turned further
    QVERIFY(pixelsDiffering(half, render(scene, look)) > 500);
    look.time = 0.5f;
    QCOMPARE(pixelsDiffering(half, render(scene, look)), 0);  // a fixed time renders the same
}

void GltfRenderTest::backgroundFollowsTheTheme() {
    const auto scene = load(glb::cubeGlb());
    Look look;
    const QImage light = render(scene, look);
    look.dark = true;
    const QImage dark = render(scene, look);
    QCOMPARE(light.pixelColor(2, 2), Theme::lightPalette().color(QPalette::Window));
    QCOMPARE(dark.pixelColor(2, 2), Theme::darkPalette().color(QPalette::Window));
    // The model itself renders the same on both.
    const QColor a = light.pixelColor(kSize.width() / 2, kSize.height() / 2);
    const QColor b = dark.pixelColor(kSize.width() / 2, kSize.height() / 2);
    QCOMPARE(a, b);
}

void GltfRenderTest::overlaysDraw() {
    const auto scene = load(glb::cubeGlb());
    const QImage plain = render(scene);
    for (auto toggle : {&Look::grid, &Look::wireframe, &Look::normals, &Look::bounds}) {
        Look look;
        look.*toggle = true;
        QVERIFY(pixelsDiffering(plain, render(scene, look)) > 40);
    }
}

void GltfRenderTest::linesAndBlendedSurfacesDraw() {
    const QColor background = Theme::lightPalette().color(QPalette::Window);
    const QImage lines = render(load(glb::linesGlb()));
    QVERIFY(pixelsCovered(lines, background) > 150);
    const QImage alpha = render(load(glb::alphaGlb()));
    QVERIFY(pixelsCovered(alpha, background) > 2000);
}

void GltfRenderTest::emptyViewShowsTheBackground() {
    const QImage image = render(nullptr);
    QCOMPARE(pixelsCovered(image, Theme::lightPalette().color(QPalette::Window)), 0);
}

void GltfRenderTest::largeSceneRenders() {
    // 300 instances of the textured cube under one root: uploads once, draws every instance.
    glb::ModelBuilder b;
    glb::buildCube(b);
    auto& m = b.model();
    std::vector<int> children;
    for (int i = 0; i < 300; ++i) {
        const int node = b.addNode(QStringLiteral("copy"), 0);
        m.nodes[std::size_t(node)].translation = {double(i % 20) * 1.5, 0, double(i / 20) * 1.5};
        children.push_back(node);
    }
    m.scenes[0].nodes = {b.addNode(QStringLiteral("root"), -1, children)};
    const auto scene = load(b.toGlb());
    QVERIFY(scene);
    QVERIFY(pixelsCovered(render(scene), Theme::lightPalette().color(QPalette::Window)) > 2500);
}

QTEST_MAIN(GltfRenderTest)
#include "test_gltf_render.moc"
