// The glTF loader without OpenGL: what it builds from good files, and the messages it gives for
// bad ones (truncated, wrong magic, garbage JSON, out-of-range accessors and indices, missing
// buffers and textures, node cycles), never crashing or hanging.
#include <tiny_gltf.h>

#include <QDir>
#include <QFile>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <cmath>
#include <cstring>
#include <numbers>

#include "glb_samples.h"
#include "replicant/viewers/gltf_loader.h"

using namespace replicant::viewers;
namespace glb = replicant::tests::glb;

int runOrbitCameraTests(int argc, char** argv);  // test_orbit_camera.cpp

namespace {

GltfLoadResult loadBytes(const QByteArray& bytes) {
    GltfLoadOptions options;
    options.allowExternalFiles = false;
    return loadGltfBytes(bytes, QString(), options);
}

const GltfScene& sceneOf(const GltfLoadResult& r) {
    static const GltfScene empty;
    return r.ok() ? *r.scene() : empty;
}

bool fuzzyEqual(const QVector3D& a, const QVector3D& b, float eps = 1e-4f) {
    return (a - b).length() < eps;
}

// The builder's JSON with buffer 0 pointing at an external file instead of a data URI.
QByteArray withExternalBuffer(const glb::ModelBuilder& b, const QString& uri) {
    QJsonObject root = QJsonDocument::fromJson(b.toGltfJson()).object();
    QJsonArray buffers = root[QStringLiteral("buffers")].toArray();
    QJsonObject buffer = buffers[0].toObject();
    buffer[QStringLiteral("uri")] = uri;
    buffers[0] = buffer;
    root[QStringLiteral("buffers")] = buffers;
    return QJsonDocument(root).toJson();
}

// A GLB container around arbitrary JSON and binary chunks, for hand-made broken files.
QByteArray glbContainer(QByteArray json, const QByteArray& bin = {}) {
    while (json.size() % 4)
        json.append(' ');
    auto u32 = [](std::uint32_t v) { return QByteArray(reinterpret_cast<const char*>(&v), 4); };
    QByteArray out =
        "glTF" + u32(2) + u32(0) + u32(std::uint32_t(json.size())) + u32(0x4E4F534A) + json;
    if (!bin.isEmpty())
        out += u32(std::uint32_t(bin.size())) + u32(0x004E4942) + bin;
    const std::uint32_t length = std::uint32_t(out.size());
    std::memcpy(out.data() + 8, &length, 4);
    return out;
}

QString write(const QTemporaryDir& dir, const QString& name, const QByteArray& bytes) {
    const QString path = dir.filePath(name);
    QFile f(path);
    if (f.open(QIODevice::WriteOnly))
        f.write(bytes);
    return path;
}

}  // namespace

class GltfLoaderTest : public QObject {
    Q_OBJECT

private slots:
    void cubeLoadsWithCountsBoundsAndMaterial();
    void texturedCubeDecodesItsImage();
    void pointsKeepTheirColours();
    void lineStripsAndLoopsBecomeLists();
    void hierarchyComposesTransforms();
    void animationSamplesLinearly();
    void stepAndCubicSplineInterpolate();
    void alphaModesAndDoubleSidedness();
    void gltfJsonWithDataUriLoads();
    void gltfWithExternalBufferAndMissingTexture();
    void stripsAndFansBecomeTriangles();
    void sparseAccessorsApply();
    void progressAndCancellation();
    void geometryLimitIsAClearError();

    void fileErrorsAreClear();
    void wrongMagicIsNamed();
    void truncatedGlbsAreRefusedAtEveryLength();
    void garbageJsonChunk();
    void deepNestingIsRefusedNotOverflowed();
    void outOfRangeAccessor();
    void bufferViewOutsideItsBuffer();
    void indexOutOfRange();
    void missingExternalBuffer();
    void brokenAttributeIsDroppedWithAWarning();
    void nodeCyclesAndSharedChildrenDoNotHang();
    void badReferencesBecomeWarnings();
    void randomCorruptionNeverCrashes();
};

void GltfLoaderTest::cubeLoadsWithCountsBoundsAndMaterial() {
    const auto r = loadBytes(glb::cubeGlb());
    QVERIFY2(r.ok(), qPrintable(r.error()));
    const GltfScene& s = sceneOf(r);
    QCOMPARE(s.stats.nodes, 1);
    QCOMPARE(s.stats.meshes, 1);
    QCOMPARE(s.stats.primitives, 1);
    QCOMPARE(s.stats.vertices, 24);
    QCOMPARE(s.stats.triangles, 12);
    QCOMPARE(s.stats.materials, 1);
    QCOMPARE(s.stats.generator, QStringLiteral("Replicant test samples"));
    QCOMPARE(s.stats.fileSize, glb::cubeGlb().size());
    QVERIFY2(s.warnings.isEmpty(), qPrintable(s.warnings.join('\n')));
    const GltfBounds b = s.animatedBounds(-1);
    QVERIFY(b.valid);
    QVERIFY(fuzzyEqual(b.min, {-0.5f, -0.5f, -0.5f}));
    QVERIFY(fuzzyEqual(b.max, {0.5f, 0.5f, 0.5f}));
    const GltfPrimitive& p = s.meshes[0].primitives[0];
    QCOMPARE(p.mode, GltfPrimitiveMode::Triangles);
    QCOMPARE(p.indices.size(), 36u);
    QCOMPARE(p.normals.size(), 24u);
    QCOMPARE(p.material, 0);
    const GltfMaterial& m = s.materials[0];
    QCOMPARE(m.name, QStringLiteral("red clay"));
    QVERIFY(std::abs(m.baseColorFactor.x() - 0.8f) < 1e-6f);
    QCOMPARE(m.metallicFactor, 0.0f);
    QCOMPARE(m.roughnessFactor, 0.5f);
    QCOMPARE(m.alphaMode, GltfAlphaMode::Opaque);
}

void GltfLoaderTest::texturedCubeDecodesItsImage() {
    const auto r = loadBytes(glb::texturedGlb());
    QVERIFY2(r.ok(), qPrintable(r.error()));
    const GltfScene& s = sceneOf(r);
    QVERIFY2(s.warnings.isEmpty(), qPrintable(s.warnings.join('\n')));
    QCOMPARE(s.images.size(), 1u);
    QCOMPARE(s.images[0].image.size(), QSize(64, 64));
    QCOMPARE(s.images[0].image.format(), QImage::Format_RGBA8888);
    QCOMPARE(s.images[0].image.pixelColor(0, 0), QColor(245, 150, 30));  // the orange corner
    QCOMPARE(s.textures[0].image, 0);
    QCOMPARE(s.textures[0].sampler.magFilter, 9728);  // NEAREST
    QCOMPARE(s.materials[0].baseColorTexture.texture, 0);
    QCOMPARE(s.meshes[0].primitives[0].texCoords[0].size(), 24u);
}

void GltfLoaderTest::pointsKeepTheirColours() {
    const auto r = loadBytes(glb::pointsGlb());
    QVERIFY2(r.ok(), qPrintable(r.error()));
    const GltfScene& s = sceneOf(r);
    const GltfPrimitive& p = s.meshes[0].primitives[0];
    QCOMPARE(p.mode, GltfPrimitiveMode::Points);
    QCOMPARE(s.stats.points, 3000);
    QCOMPARE(s.stats.triangles, 0);
    QVERIFY(p.indices.empty());
    QVERIFY(p.normals.empty());
    QCOMPARE(p.colors.size(), 3000u);
    QCOMPARE(p.colors[0].w(), 1.0f);  // VEC3 colours get an opaque alpha
    QVERIFY(fuzzyEqual(p.colors[10].toVector3D(),
                       p.positions[10] * 0.5f + QVector3D(0.5f, 0.5f, 0.5f)));
}

void GltfLoaderTest::lineStripsAndLoopsBecomeLists() {
    const auto r = loadBytes(glb::linesGlb());
    QVERIFY2(r.ok(), qPrintable(r.error()));
    const GltfScene& s = sceneOf(r);
    QCOMPARE(s.meshes[0].primitives[0].mode, GltfPrimitiveMode::Lines);
    QCOMPARE(s.meshes[0].primitives[0].indices,
             (std::vector<std::uint32_t>{0, 1, 1, 2, 2, 3, 3, 4}));
    QCOMPARE(s.meshes[1].primitives[0].indices, (std::vector<std::uint32_t>{0, 1, 1, 2, 2, 0}));
    QCOMPARE(s.stats.lines, 7);
}

void GltfLoaderTest::hierarchyComposesTransforms() {
    const auto r = loadBytes(glb::hierarchyGlb());
    QVERIFY2(r.ok(), qPrintable(r.error()));
    const GltfScene& s = sceneOf(r);
    QCOMPARE(s.nodes[0].parent, 1);
    QCOMPARE(s.nodes[1].parent, 2);
    QCOMPARE(s.drawOrder, (std::vector<int>{2, 1, 0}));  // parents first
    QVERIFY(s.nodes[0].matrix.has_value());
    const auto world = s.worldTransforms(-1, 0);
    // top translates by +X, middle turns 90° about Z, the cube's matrix scales by 2.
    QVERIFY(fuzzyEqual(world[0].map(QVector3D(0.5f, 0, 0)), QVector3D(1, 1, 0)));
    const GltfBounds b = s.bounds(world);
    QVERIFY(fuzzyEqual(b.min, {0, -1, -1}));
    QVERIFY(fuzzyEqual(b.max, {2, 1, 1}));
}

void GltfLoaderTest::animationSamplesLinearly() {
    const auto r = loadBytes(glb::animatedGlb());
    QVERIFY2(r.ok(), qPrintable(r.error()));
    const GltfScene& s = sceneOf(r);
    QCOMPARE(s.animations.size(), 1u);
    QCOMPARE(s.animations[0].name, QStringLiteral("move and turn"));
    QCOMPARE(s.animations[0].duration, 2.0f);
    QCOMPARE(s.animations[0].channels.size(), 2u);

    auto at = [&](float t) { return s.pose(0, t)[0]; };
    QVERIFY(fuzzyEqual(at(0).translation, {-1, 0, 0}));
    QVERIFY(fuzzyEqual(at(0.5f).translation, {0, 0, 0}));
    QVERIFY(fuzzyEqual(at(1.0f).translation, {1, 0, 0}));
    QVERIFY(fuzzyEqual(at(-3.0f).translation, {-1, 0, 0}));  // clamped before the first key
    QVERIFY(fuzzyEqual(at(9.0f).translation, {-1, 0, 0}));   // and after the last
    const QVector3D turned = at(0.5f).rotation.rotatedVector(QVector3D(1, 0, 0));
    const float c = std::cos(std::numbers::pi_v<float> / 4);
    QVERIFY2(fuzzyEqual(turned, {c, 0, -c}), "45° about +Y half way to the second key");
    QVERIFY(fuzzyEqual(at(0.5f).scale, {0.6f, 0.6f, 0.6f}));  // untouched rest value
    // The rest pose ignores the animation, the bounds hold every pose.
    QVERIFY(fuzzyEqual(s.pose(-1, 0.5f)[0].translation, {0, 0, 0}));
    const GltfBounds all = s.animatedBounds(0);
    QVERIFY(all.max.x() > 1.2f && all.min.x() < -1.2f);
}

void GltfLoaderTest::stepAndCubicSplineInterpolate() {
    GltfChannel step;
    step.interpolation = GltfInterpolation::Step;
    step.times = {0, 1, 2};
    step.values = {{0, 0, 0, 0}, {5, 0, 0, 0}, {9, 0, 0, 0}};
    QCOMPARE(step.sample(0.99f).x(), 0.0f);
    QCOMPARE(step.sample(1.0f).x(), 5.0f);
    QCOMPARE(step.sample(1.5f).x(), 5.0f);
    QCOMPARE(step.sample(std::nanf("")).x(), 0.0f);

    GltfChannel cubic;
    cubic.interpolation = GltfInterpolation::CubicSpline;
    cubic.times = {0, 2};
    // (in-tangent, value, out-tangent) per key; zero tangents make a smoothstep.
    cubic.values = {{0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0},
                    {0, 0, 0, 0}, {4, 0, 0, 0}, {0, 0, 0, 0}};
    QCOMPARE(cubic.sample(0).x(), 0.0f);
    QCOMPARE(cubic.sample(2).x(), 4.0f);
    QCOMPARE(cubic.sample(1).x(), 2.0f);
    QVERIFY(std::abs(cubic.sample(0.5f).x() - 4 * (3 * 0.0625f - 2 * 0.015625f)) < 1e-5f);
    // Tangents scale with the key interval: out-tangent 1 on key 0 adds (u³-2u²+u)·2 at u=0.5.
    cubic.values[2] = {1, 0, 0, 0};
    QVERIFY(std::abs(cubic.sample(1).x() - (2.0f + 0.125f * 2)) < 1e-5f);
}

void GltfLoaderTest::alphaModesAndDoubleSidedness() {
    const auto r = loadBytes(glb::alphaGlb());
    QVERIFY2(r.ok(), qPrintable(r.error()));
    const auto& m = sceneOf(r).materials;
    QCOMPARE(m.size(), 3u);
    QCOMPARE(m[0].alphaMode, GltfAlphaMode::Opaque);
    QCOMPARE(m[1].alphaMode, GltfAlphaMode::Mask);
    QCOMPARE(m[1].alphaCutoff, 0.4f);
    QCOMPARE(m[2].alphaMode, GltfAlphaMode::Blend);
    QVERIFY(!m[0].doubleSided);
    QVERIFY(m[1].doubleSided && m[2].doubleSided);
}

void GltfLoaderTest::gltfJsonWithDataUriLoads() {
    const QByteArray json = glb::cubeGltfJson();
    QVERIFY(json.contains("data:application/octet-stream;base64,"));
    const auto r = loadBytes(json);
    QVERIFY2(r.ok(), qPrintable(r.error()));
    QCOMPARE(sceneOf(r).stats.triangles, 12);
}

void GltfLoaderTest::gltfWithExternalBufferAndMissingTexture() {
    QTemporaryDir dir;
    glb::ModelBuilder b;
    glb::buildCube(b);
    auto& m = b.model();
    write(dir, QStringLiteral("cube data.bin"),
          QByteArray(reinterpret_cast<const char*>(m.buffers[0].data.data()),
                     qsizetype(m.buffers[0].data.size())));
    tinygltf::Image image;
    image.uri = "textures/wood.png";
    m.images.push_back(image);
    tinygltf::Texture texture;
    texture.source = 0;
    m.textures.push_back(texture);
    m.materials[0].pbrMetallicRoughness.baseColorTexture.index = 0;
    // URIs are percent-encoded.
    const QString path = write(dir, QStringLiteral("cube.gltf"),
                               withExternalBuffer(b, QStringLiteral("cube%20data.bin")));

    const auto r = loadGltfFile(path);
    QVERIFY2(r.ok(), qPrintable(r.error()));
    const GltfScene& s = sceneOf(r);
    QCOMPARE(s.stats.triangles, 12);
    QCOMPARE(s.warnings.size(), 1);
    QVERIFY2(s.warnings[0].contains(QStringLiteral("textures/wood.png")) &&
                 s.warnings[0].contains("missing"),
             qPrintable(s.warnings[0]));
    QVERIFY(s.images[0].image.isNull());

    // The same bytes from memory may not read files next to nothing.
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const auto fromMemory = loadBytes(f.readAll());
    QVERIFY(!fromMemory.ok());
}

void GltfLoaderTest::stripsAndFansBecomeTriangles() {
    glb::ModelBuilder b;
    const std::vector<QVector3D> p{{0, 0, 0}, {1, 0, 0}, {0, 1, 0}, {1, 1, 0}, {0, 2, 0}};
    const int pos = b.addPositions(p);
    const int strip =
        b.addMesh(QStringLiteral("strip"), {{QStringLiteral("POSITION"), pos}}, -1, 5, -1);
    const int fan =
        b.addMesh(QStringLiteral("fan"), {{QStringLiteral("POSITION"), pos}}, -1, 6, -1);
    b.addScene({b.addNode(QStringLiteral("a"), strip), b.addNode(QStringLiteral("b"), fan)});
    const auto r = loadBytes(b.toGlb());
    QVERIFY2(r.ok(), qPrintable(r.error()));
    const GltfScene& s = sceneOf(r);
    QCOMPARE(s.meshes[0].primitives[0].indices,
             (std::vector<std::uint32_t>{0, 1, 2, 2, 1, 3, 2, 3, 4}));
    QCOMPARE(s.meshes[1].primitives[0].indices,
             (std::vector<std::uint32_t>{1, 2, 0, 2, 3, 0, 3, 4, 0}));
    QCOMPARE(s.stats.triangles, 6);
}

void GltfLoaderTest::sparseAccessorsApply() {
    glb::ModelBuilder b;
    glb::buildCube(b);
    auto& m = b.model();
    // Move vertex 3 of POSITION to (0, 5, 0) through a sparse substitution.
    const std::uint16_t index = 3;
    const float value[3] = {0, 5, 0};
    auto& a = m.accessors[std::size_t(m.meshes[0].primitives[0].attributes["POSITION"])];
    a.sparse.isSparse = true;
    a.sparse.count = 1;
    a.sparse.indices.bufferView = b.addView(&index, 2);
    a.sparse.indices.byteOffset = 0;
    a.sparse.indices.componentType = TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT;
    a.sparse.values.bufferView = b.addView(value, 12);
    a.sparse.values.byteOffset = 0;
    a.maxValues = {0.5, 5, 0.5};
    const auto r = loadBytes(b.toGlb());
    QVERIFY2(r.ok(), qPrintable(r.error()));
    const GltfPrimitive& p = sceneOf(r).meshes[0].primitives[0];
    QVERIFY(fuzzyEqual(p.positions[3], {0, 5, 0}));
    QCOMPARE(p.bounds.max.y(), 5.0f);
}

void GltfLoaderTest::progressAndCancellation() {
    QList<int> seen;
    GltfLoadOptions options;
    options.progress = [&](int percent, const QString&) { seen << percent; };
    QVERIFY(loadGltfBytes(glb::cubeGlb(), QString(), options).ok());
    QVERIFY(!seen.isEmpty());
    QCOMPARE(seen.last(), 100);
    QVERIFY(std::is_sorted(seen.begin(), seen.end()));

    std::atomic<bool> cancel{true};
    options.cancel = &cancel;
    const auto r = loadGltfBytes(glb::cubeGlb(), QString(), options);
    QVERIFY(!r.ok());
    QVERIFY(r.wasCancelled());
}

void GltfLoaderTest::geometryLimitIsAClearError() {
    GltfLoadOptions options;
    options.maxGeometryBytes = 100;
    const auto r = loadGltfBytes(glb::cubeGlb(), QString(), options);
    QVERIFY(!r.ok());
    QVERIFY2(r.error().contains(QStringLiteral("too large")), qPrintable(r.error()));
}

void GltfLoaderTest::fileErrorsAreClear() {
    QTemporaryDir dir;
    auto r = loadGltfFile(dir.filePath(QStringLiteral("nothing.glb")));
    QVERIFY2(r.error().contains(QStringLiteral("does not exist")), qPrintable(r.error()));
    r = loadGltfFile(dir.path());
    QVERIFY2(r.error().contains(QStringLiteral("not a regular file")), qPrintable(r.error()));
    r = loadGltfFile(write(dir, QStringLiteral("empty.glb"), {}));
    QCOMPARE(r.error(), QStringLiteral("The file is empty."));
}

void GltfLoaderTest::wrongMagicIsNamed() {
    const QByteArray png = glb::checkerPng(4);
    const auto r = loadBytes(png);
    QVERIFY(!r.ok());
    QVERIFY2(r.error().startsWith(QStringLiteral("This is not a glTF file")) &&
                 r.error().contains("\\x89PNG"),
             qPrintable(r.error()));
    QByteArray v1 = glb::cubeGlb();
    v1[4] = 1;
    QVERIFY2(loadBytes(v1).error().contains(QStringLiteral("version 1")),
             qPrintable(loadBytes(v1).error()));
}

void GltfLoaderTest::truncatedGlbsAreRefusedAtEveryLength() {
    const QByteArray whole = glb::texturedGlb();
    for (qsizetype n = 1; n < whole.size(); ++n) {
        const auto r = loadBytes(whole.left(n));
        QVERIFY2(!r.ok(), qPrintable(QStringLiteral("a GLB cut to %1 bytes loaded").arg(n)));
        QVERIFY2(!r.error().isEmpty(), qPrintable(QString::number(n)));
    }
    const auto r = loadBytes(whole.left(whole.size() / 2));
    QVERIFY2(r.error().contains(QStringLiteral("truncated")), qPrintable(r.error()));
}

void GltfLoaderTest::garbageJsonChunk() {
    const auto r =
        loadBytes(glbContainer("{\"asset\": {\"version\": \"2.0\"}, \"meshes\": [ garbage"));
    QVERIFY(!r.ok());
    QVERIFY2(r.error().startsWith(QStringLiteral("The glTF data is not valid")),
             qPrintable(r.error()));
    const auto binary = loadBytes(glbContainer(QByteArray("\x01\xff\x00\x7f garbage", 12)));
    QVERIFY(!binary.ok());
    QVERIFY2(binary.error().contains(QStringLiteral("not valid")), qPrintable(binary.error()));
}

void GltfLoaderTest::deepNestingIsRefusedNotOverflowed() {
    // Parsers recurse per level: 200,000 brackets would overflow the stack.
    const QByteArray deep =
        "{\"asset\":{\"version\":\"2.0\"},\"extras\":" + QByteArray(200000, '[') +
        QByteArray(200000, ']') + "}";
    for (const QByteArray& bytes : {deep, glbContainer(deep)}) {
        const auto r = loadBytes(bytes);
        QVERIFY(!r.ok());
        QVERIFY2(r.error().contains(QStringLiteral("nests more than 512 levels")),
                 qPrintable(r.error()));
    }
    // Brackets inside strings do not count, and ordinary nesting loads.
    QByteArray json = glb::cubeGltfJson();
    json.replace("\"asset\"",
                 "\"extras\":{\"note\":\"" + QByteArray(2000, '[') + "\\\"\"},\"asset\"");
    const auto r = loadBytes(json);
    QVERIFY2(r.ok(), qPrintable(r.error()));
}

void GltfLoaderTest::outOfRangeAccessor() {
    glb::ModelBuilder b;
    glb::buildCube(b);
    b.model().accessors[0].count = 1000;  // POSITION claims far more than its view holds
    const auto r = loadBytes(b.toGlb());
    QVERIFY(!r.ok());
    QVERIFY2(r.error().contains(QStringLiteral("accessor 0 reads 1000 elements")) &&
                 r.error().contains(QStringLiteral("past its end")),
             qPrintable(r.error()));
}

void GltfLoaderTest::bufferViewOutsideItsBuffer() {
    glb::ModelBuilder b;
    glb::buildCube(b);
    b.model().bufferViews[0].byteOffset = 1u << 30;
    const auto r = loadBytes(b.toGlb());
    QVERIFY(!r.ok());
    QVERIFY2(r.error().contains(QStringLiteral("lies outside buffer 0")), qPrintable(r.error()));
}

void GltfLoaderTest::indexOutOfRange() {
    glb::ModelBuilder b;
    glb::buildCube(b);
    auto& m = b.model();
    const auto& view = m.bufferViews[std::size_t(
        m.accessors[std::size_t(m.meshes[0].primitives[0].indices)].bufferView)];
    const std::uint16_t bad = 500;
    std::memcpy(m.buffers[0].data.data() + view.byteOffset + 4, &bad, 2);
    const auto r = loadBytes(b.toGlb());
    QVERIFY(!r.ok());
    QVERIFY2(r.error().contains(QStringLiteral("refers to vertex 500 of 24")),
             qPrintable(r.error()));
}

void GltfLoaderTest::missingExternalBuffer() {
    QTemporaryDir dir;
    glb::ModelBuilder b;
    glb::buildCube(b);
    const QString path =
        write(dir, QStringLiteral("cube.gltf"), withExternalBuffer(b, QStringLiteral("gone.bin")));
    const auto r = loadGltfFile(path);
    QVERIFY(!r.ok());
    QVERIFY2(r.error().contains(QStringLiteral("gone.bin")), qPrintable(r.error()));
}

void GltfLoaderTest::brokenAttributeIsDroppedWithAWarning() {
    glb::ModelBuilder b;
    glb::buildCube(b);
    b.model().accessors[1].count = 5;  // NORMAL no longer matches the 24 positions
    const auto r = loadBytes(b.toGlb());
    QVERIFY2(r.ok(), qPrintable(r.error()));
    const GltfScene& s = sceneOf(r);
    QVERIFY(s.meshes[0].primitives[0].normals.empty());
    QCOMPARE(s.warnings.size(), 1);
    QVERIFY2(s.warnings[0].contains(QStringLiteral("NORMAL ignored")), qPrintable(s.warnings[0]));
}

void GltfLoaderTest::nodeCyclesAndSharedChildrenDoNotHang() {
    glb::ModelBuilder b;
    glb::buildCube(b);
    auto& m = b.model();
    const int a = b.addNode(QStringLiteral("a"), 0);
    const int c = b.addNode(QStringLiteral("c"), 0, {a});
    m.nodes[std::size_t(a)].children = {c, a};  // a cycle, and a node that is its own child
    m.nodes[0].children = {0};
    const auto r = loadBytes(b.toGlb());
    QVERIFY2(r.ok(), qPrintable(r.error()));
    const GltfScene& s = sceneOf(r);
    QVERIFY(!s.warnings.isEmpty());
    QCOMPARE(s.drawOrder, (std::vector<int>{0}));  // the cycle hangs from no root
    QVERIFY(s.animatedBounds(-1).valid);
}

void GltfLoaderTest::badReferencesBecomeWarnings() {
    glb::ModelBuilder b;
    glb::buildCube(b);
    auto& m = b.model();
    m.materials[0].pbrMetallicRoughness.baseColorTexture.index = 7;
    m.materials[0].normalTexture.index = 3;
    m.nodes[0].rotation = {0, 0, 0, 0};
    m.meshes[0].primitives[0].material = 0;
    tinygltf::Node extra;
    extra.mesh = 42;
    m.nodes.push_back(extra);
    m.scenes[0].nodes.push_back(1);
    const auto r = loadBytes(b.toGlb());
    QVERIFY2(r.ok(), qPrintable(r.error()));
    const GltfScene& s = sceneOf(r);
    QCOMPARE(s.warnings.size(), 4);
    QVERIFY(!s.materials[0].baseColorTexture.isSet());
    QCOMPARE(s.nodes[1].mesh, -1);
}

void GltfLoaderTest::randomCorruptionNeverCrashes() {
    // A cheap, deterministic cousin of the fuzz target for every test run: flip bytes of each
    // sample and load the result. Passing means returning, with a scene or a message.
    QRandomGenerator random(8);
    const QByteArray samples[] = {glb::cubeGlb(), glb::texturedGlb(), glb::animatedGlb(),
                                  glb::linesGlb(), glb::cubeGltfJson()};
    int loaded = 0;
    for (const QByteArray& sample : samples) {
        for (int round = 0; round < 400; ++round) {
            QByteArray bytes = sample;
            const int flips = 1 + int(random.bounded(4));
            for (int k = 0; k < flips; ++k)
                bytes[qsizetype(random.bounded(int(bytes.size())))] = char(random.bounded(256));
            const auto r = loadBytes(bytes);
            QVERIFY(r.ok() || !r.error().isEmpty());
            if (r.ok()) {
                ++loaded;
                const GltfScene& s = *r.scene();
                s.animatedBounds(s.animations.empty() ? -1 : 0);
            }
        }
    }
    QVERIFY(loaded > 0);  // most single flips land in data, not structure
}

int main(int argc, char** argv) {
    QGuiApplication app(argc, argv);
    int failures = 0;
    {
        GltfLoaderTest loader;
        failures += QTest::qExec(&loader, argc, argv);
    }
    failures += runOrbitCameraTests(argc, argv);
    return failures == 0 ? 0 : 1;
}

#include "test_gltf_loader.moc"
