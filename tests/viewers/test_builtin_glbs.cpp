// GLBs written by the platform's built-in 3D models (text-to-3d, ply-to-glb) load in the viewer
// without a warning and render. The models run directly through the backend test harness, as
// in tests/backend/test_builtin_models.cpp; the viewer itself still knows nothing of them.
#include <QApplication>
#include <QtTest>

#include <string>

#include "model_harness.h"
#include "replicant/viewers/gltf_loader.h"
#include "replicant/viewers/gltf_view.h"

using namespace replicant::viewers;

namespace {
std::string outputBytes(const harness::Run& run) {
    const auto* file = harness::file(std::string(run.output().as_string()));
    return file ? file->bytes : std::string();
}

// A w×h grid of coloured vertices, as ASCII PLY, with or without quad faces.
std::string gridPly(int w, int h, bool faces) {
    std::string out = "ply\nformat ascii 1.0\nelement vertex " + std::to_string(w * h) +
                      "\nproperty float x\nproperty float y\nproperty float z\n"
                      "property uchar red\nproperty uchar green\nproperty uchar blue\n";
    if (faces)
        out += "element face " + std::to_string((w - 1) * (h - 1)) +
               "\nproperty list uchar int vertex_indices\n";
    out += "end_header\n";
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            out += std::to_string(x) + " " + std::to_string(y) + " " +
                   std::to_string((x * y) % 3 * 0.1) + " " + std::to_string(x * 20) + " 128 " +
                   std::to_string(y * 20) + "\n";
    if (faces)
        for (int y = 0; y + 1 < h; ++y)
            for (int x = 0; x + 1 < w; ++x) {
                const int a = y * w + x;
                out += "4 " + std::to_string(a) + " " + std::to_string(a + 1) + " " +
                       std::to_string(a + 1 + w) + " " + std::to_string(a + w) + "\n";
            }
    return out;
}

// Loads the bytes as the viewer would, renders them, and counts the pixels the model covers.
qint64 loadAndRender(const std::string& glb, const QString& what) {
    const auto result = loadGltfBytes(QByteArray::fromStdString(glb), QString());
    if (!result.ok()) {
        qWarning("%s: %s", qPrintable(what), qPrintable(result.error()));
        return -1;
    }
    if (!result.scene()->warnings.isEmpty()) {
        qWarning("%s: %s", qPrintable(what), qPrintable(result.scene()->warnings.join("; ")));
        return -1;
    }
    GltfView view;
    view.resize(160, 120);
    view.setScene(result.scene());
    const QImage image = view.renderImage().convertToFormat(QImage::Format_RGB32);
    const QColor background = view.palette().color(QPalette::Window);
    qint64 covered = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            covered += image.pixelColor(x, y) != background;
    return covered;
}
}  // namespace

class BuiltinGlbTest : public QObject {
    Q_OBJECT

private slots:
    void textTo3dShapesLoadAndRender_data() {
        QTest::addColumn<QString>("shape");
        for (const char* shape : {"blob", "rock", "torus", "vase", "crystal", "tree", "mushroom"})
            QTest::newRow(shape) << QString::fromLatin1(shape);
    }

    void textTo3dShapesLoadAndRender() {
        QFETCH(QString, shape);
        const auto run = harness::run("text-to-3d", {{"prompt", "a red and gold thing"},
                                                     {"shape", shape.toStdString()},
                                                     {"detail", 3},
                                                     {"seed", 9}});
        QVERIFY2(run.ok(), run.error().c_str());
        QVERIFY(loadAndRender(outputBytes(run), shape) > 800);
    }

    void plyToGlbLoadsAndRenders() {
        for (bool faces : {true, false}) {
            const auto run = harness::run(
                "ply-to-glb", {{"ply_file", harness::dataUri(gridPly(9, 7, faces), "text/plain")}});
            QVERIFY2(run.ok(), run.error().c_str());
            const qint64 covered =
                loadAndRender(outputBytes(run), faces ? "ply mesh" : "ply points");
            QVERIFY2(covered > (faces ? 2000 : 50), qPrintable(QString::number(covered)));
        }
    }
};

QTEST_MAIN(BuiltinGlbTest)
#include "test_builtin_glbs.moc"
