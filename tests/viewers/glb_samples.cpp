#include "glb_samples.h"

#include <tiny_gltf.h>

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QPainter>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numbers>
#include <sstream>

namespace replicant::tests::glb {

namespace {

int addMaterial(tinygltf::Model& m, const std::string& name, std::vector<double> base,
                double metallic, double roughness) {
    tinygltf::Material material;
    material.name = name;
    material.pbrMetallicRoughness.baseColorFactor = std::move(base);
    material.pbrMetallicRoughness.metallicFactor = metallic;
    material.pbrMetallicRoughness.roughnessFactor = roughness;
    m.materials.push_back(material);
    return int(m.materials.size() - 1);
}

template <class Vector, int N>
std::vector<float> flatten(const std::vector<Vector>& v) {
    std::vector<float> out;
    out.reserve(v.size() * N);
    for (const Vector& e : v)
        for (int i = 0; i < N; ++i)
            out.push_back(e[i]);
    return out;
}

QVector4D yRotation(float degrees) {
    const float half = degrees * std::numbers::pi_v<float> / 360.0f;
    return {0.0f, std::sin(half), 0.0f, std::cos(half)};
}

}  // namespace

ModelBuilder::ModelBuilder() : m_model(std::make_unique<tinygltf::Model>()) {
    m_model->asset.version = "2.0";
    m_model->asset.generator = "Replicant test samples";
    m_model->buffers.emplace_back();
}

ModelBuilder::~ModelBuilder() = default;

int ModelBuilder::addView(const void* data, std::size_t bytes, int target) {
    auto& bin = m_model->buffers[0].data;
    bin.resize((bin.size() + 3) / 4 * 4, 0);  // every view starts 4-byte aligned
    tinygltf::BufferView view;
    view.buffer = 0;
    view.byteOffset = bin.size();
    view.byteLength = bytes;
    view.target = target;
    const auto* p = static_cast<const unsigned char*>(data);
    bin.insert(bin.end(), p, p + bytes);
    m_model->bufferViews.push_back(view);
    return int(m_model->bufferViews.size() - 1);
}

int ModelBuilder::addAccessor(int view, int componentType, std::size_t count, int type,
                              std::vector<double> min, std::vector<double> max) {
    tinygltf::Accessor a;
    a.bufferView = view;
    a.componentType = componentType;
    a.count = count;
    a.type = type;
    a.minValues = std::move(min);
    a.maxValues = std::move(max);
    m_model->accessors.push_back(a);
    return int(m_model->accessors.size() - 1);
}

int ModelBuilder::addPositions(const std::vector<QVector3D>& v) {
    std::vector<double> lo(3, 1e30), hi(3, -1e30);
    for (const QVector3D& p : v)
        for (int i = 0; i < 3; ++i) {
            lo[std::size_t(i)] = std::min<double>(lo[std::size_t(i)], p[i]);
            hi[std::size_t(i)] = std::max<double>(hi[std::size_t(i)], p[i]);
        }
    const auto data = flatten<QVector3D, 3>(v);
    const int view = addView(data.data(), data.size() * 4, kVertexTarget);
    return addAccessor(view, TINYGLTF_COMPONENT_TYPE_FLOAT, v.size(), TINYGLTF_TYPE_VEC3, lo, hi);
}

int ModelBuilder::addVectors(const std::vector<QVector3D>& v, int target) {
    const auto data = flatten<QVector3D, 3>(v);
    const int view = addView(data.data(), data.size() * 4, target);
    return addAccessor(view, TINYGLTF_COMPONENT_TYPE_FLOAT, v.size(), TINYGLTF_TYPE_VEC3);
}

int ModelBuilder::addVectors(const std::vector<QVector4D>& v, int target) {
    const auto data = flatten<QVector4D, 4>(v);
    const int view = addView(data.data(), data.size() * 4, target);
    return addAccessor(view, TINYGLTF_COMPONENT_TYPE_FLOAT, v.size(), TINYGLTF_TYPE_VEC4);
}

int ModelBuilder::addVectors(const std::vector<QVector2D>& v, int target) {
    const auto data = flatten<QVector2D, 2>(v);
    const int view = addView(data.data(), data.size() * 4, target);
    return addAccessor(view, TINYGLTF_COMPONENT_TYPE_FLOAT, v.size(), TINYGLTF_TYPE_VEC2);
}

int ModelBuilder::addScalars(const std::vector<float>& v) {
    const auto [lo, hi] = std::minmax_element(v.begin(), v.end());
    const int view = addView(v.data(), v.size() * 4);
    return addAccessor(view, TINYGLTF_COMPONENT_TYPE_FLOAT, v.size(), TINYGLTF_TYPE_SCALAR, {*lo},
                       {*hi});
}

int ModelBuilder::addIndices(const std::vector<std::uint16_t>& v) {
    const int view = addView(v.data(), v.size() * 2, TINYGLTF_TARGET_ELEMENT_ARRAY_BUFFER);
    return addAccessor(view, TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT, v.size(),
                       TINYGLTF_TYPE_SCALAR);
}

int ModelBuilder::addPngImage(const QByteArray& png, const QString& name) {
    tinygltf::Image image;
    image.name = name.toStdString();
    image.mimeType = "image/png";
    image.bufferView = addView(png.constData(), std::size_t(png.size()));
    m_model->images.push_back(image);
    return int(m_model->images.size() - 1);
}

int ModelBuilder::addMesh(const QString& name,
                          const std::vector<std::pair<QString, int>>& attributes, int indices,
                          int mode, int material) {
    tinygltf::Primitive p;
    for (const auto& [semantic, accessor] : attributes)
        p.attributes[semantic.toStdString()] = accessor;
    p.indices = indices;
    p.mode = mode;
    p.material = material;
    tinygltf::Mesh mesh;
    mesh.name = name.toStdString();
    mesh.primitives.push_back(p);
    m_model->meshes.push_back(mesh);
    return int(m_model->meshes.size() - 1);
}

int ModelBuilder::addNode(const QString& name, int mesh, std::vector<int> children) {
    tinygltf::Node node;
    node.name = name.toStdString();
    node.mesh = mesh;
    node.children = std::move(children);
    m_model->nodes.push_back(node);
    return int(m_model->nodes.size() - 1);
}

void ModelBuilder::addScene(std::vector<int> roots) {
    tinygltf::Scene scene;
    scene.nodes = std::move(roots);
    m_model->scenes.push_back(scene);
    m_model->defaultScene = 0;
}

QByteArray ModelBuilder::toGlb() const {
    std::ostringstream out;
    tinygltf::TinyGLTF writer;
    writer.WriteGltfSceneToStream(m_model.get(), out, false, true);
    const std::string s = out.str();
    return QByteArray(s.data(), qsizetype(s.size()));
}

QByteArray ModelBuilder::toGltfJson() const {
    std::ostringstream out;
    tinygltf::TinyGLTF writer;
    writer.WriteGltfSceneToStream(m_model.get(), out, true, false);
    const std::string s = out.str();
    return QByteArray(s.data(), qsizetype(s.size()));
}

CubeData cube() {
    struct Face {
        QVector3D n, u, v;  // u × v = n, so corners run counter-clockwise seen from outside
    };
    const Face faces[] = {
        {{1, 0, 0}, {0, 0, -1}, {0, 1, 0}}, {{-1, 0, 0}, {0, 0, 1}, {0, 1, 0}},
        {{0, 1, 0}, {1, 0, 0}, {0, 0, -1}}, {{0, -1, 0}, {1, 0, 0}, {0, 0, 1}},
        {{0, 0, 1}, {1, 0, 0}, {0, 1, 0}},  {{0, 0, -1}, {-1, 0, 0}, {0, 1, 0}},
    };
    CubeData c;
    for (const Face& f : faces) {
        const auto base = std::uint16_t(c.positions.size());
        const float corners[4][2] = {{-1, -1}, {1, -1}, {1, 1}, {-1, 1}};
        for (const auto& k : corners) {
            c.positions.push_back(f.n * 0.5f + f.u * (0.5f * k[0]) + f.v * (0.5f * k[1]));
            c.normals.push_back(f.n);
            c.uvs.push_back({(k[0] + 1) / 2, (1 - k[1]) / 2});  // image top at +v
        }
        for (int i : {0, 1, 2, 0, 2, 3})
            c.indices.push_back(std::uint16_t(base + i));
    }
    return c;
}

QByteArray checkerPng(int size) {
    QImage image(size, size, QImage::Format_RGBA8888);
    const int cell = std::max(1, size / 8);
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x)
            image.setPixelColor(
                x, y, ((x / cell + y / cell) % 2) ? QColor(40, 70, 160) : QColor(235, 235, 225));
    QPainter(&image).fillRect(0, 0, cell * 2, cell * 2, QColor(245, 150, 30));
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return png;
}

void buildCube(ModelBuilder& b) {
    const CubeData c = cube();
    const int material = addMaterial(b.model(), "red clay", {0.8, 0.22, 0.12, 1.0}, 0.0, 0.5);
    // One statement each: tests rely on POSITION, NORMAL and indices being accessors 0, 1, 2.
    const int positions = b.addPositions(c.positions);
    const int normals = b.addVectors(c.normals);
    const int indices = b.addIndices(c.indices);
    const int mesh =
        b.addMesh(QStringLiteral("cube"),
                  {{QStringLiteral("POSITION"), positions}, {QStringLiteral("NORMAL"), normals}},
                  indices, TINYGLTF_MODE_TRIANGLES, material);
    b.addScene({b.addNode(QStringLiteral("cube"), mesh)});
}

QByteArray cubeGlb() {
    ModelBuilder b;
    buildCube(b);
    return b.toGlb();
}

QByteArray cubeGltfJson() {
    ModelBuilder b;
    buildCube(b);
    return b.toGltfJson();
}

QByteArray texturedGlb() {
    ModelBuilder b;
    const CubeData c = cube();
    auto& m = b.model();
    tinygltf::Sampler sampler;
    sampler.magFilter = TINYGLTF_TEXTURE_FILTER_NEAREST;
    sampler.minFilter = TINYGLTF_TEXTURE_FILTER_LINEAR_MIPMAP_LINEAR;
    m.samplers.push_back(sampler);
    tinygltf::Texture texture;
    texture.sampler = 0;
    texture.source = b.addPngImage(checkerPng(), QStringLiteral("checker"));
    m.textures.push_back(texture);
    const int material = addMaterial(m, "checker", {1, 1, 1, 1}, 0.0, 0.6);
    m.materials[std::size_t(material)].pbrMetallicRoughness.baseColorTexture.index = 0;
    const int positions = b.addPositions(c.positions);
    const int normals = b.addVectors(c.normals);
    const int uvs = b.addVectors(c.uvs);
    const int indices = b.addIndices(c.indices);
    const int mesh = b.addMesh(QStringLiteral("checker cube"),
                               {{QStringLiteral("POSITION"), positions},
                                {QStringLiteral("NORMAL"), normals},
                                {QStringLiteral("TEXCOORD_0"), uvs}},
                               indices, TINYGLTF_MODE_TRIANGLES, material);
    b.addScene({b.addNode(QStringLiteral("checker cube"), mesh)});
    return b.toGlb();
}

QByteArray pointsGlb() {
    ModelBuilder b;
    constexpr int kCount = 3000;
    std::vector<QVector3D> positions;
    std::vector<QVector3D> colors;
    const float golden = std::numbers::pi_v<float> * (3.0f - std::sqrt(5.0f));
    for (int i = 0; i < kCount; ++i) {  // a Fibonacci sphere: evenly spread points
        const float y = 1.0f - 2.0f * (float(i) + 0.5f) / kCount;
        const float r = std::sqrt(1.0f - y * y);
        const QVector3D p(std::cos(golden * float(i)) * r, y, std::sin(golden * float(i)) * r);
        positions.push_back(p);
        colors.push_back(p * 0.5f + QVector3D(0.5f, 0.5f, 0.5f));
    }
    const int mesh = b.addMesh(QStringLiteral("point cloud"),
                               {{QStringLiteral("POSITION"), b.addPositions(positions)},
                                {QStringLiteral("COLOR_0"), b.addVectors(colors)}},
                               -1, TINYGLTF_MODE_POINTS, -1);
    b.addScene({b.addNode(QStringLiteral("points"), mesh)});
    return b.toGlb();
}

QByteArray animatedGlb() {
    ModelBuilder b;
    buildCube(b);
    auto& m = b.model();
    // Re-parent the cube under a rig node, scaled down so its motion stays in view.
    m.nodes[0].scale = {0.6, 0.6, 0.6};
    const int rig = b.addNode(QStringLiteral("rig"), -1, {0});
    m.scenes[0].nodes = {rig};

    const int times = b.addScalars({0.0f, 1.0f, 2.0f});
    const int moves = b.addVectors(std::vector<QVector3D>{{-1, 0, 0}, {1, 0, 0}, {-1, 0, 0}}, 0);
    const int turns =
        b.addVectors(std::vector<QVector4D>{yRotation(0), yRotation(90), yRotation(180)}, 0);
    tinygltf::Animation animation;
    animation.name = "move and turn";
    for (const auto& [output, path] :
         {std::pair{moves, "translation"}, std::pair{turns, "rotation"}}) {
        tinygltf::AnimationSampler sampler;
        sampler.input = times;
        sampler.output = output;
        sampler.interpolation = "LINEAR";
        animation.samplers.push_back(sampler);
        tinygltf::AnimationChannel channel;
        channel.sampler = int(animation.samplers.size() - 1);
        channel.target_node = 0;
        channel.target_path = path;
        animation.channels.push_back(channel);
    }
    m.animations.push_back(animation);
    return b.toGlb();
}

QByteArray linesGlb() {
    ModelBuilder b;
    const int material = addMaterial(b.model(), "ink", {0.1, 0.4, 0.9, 1.0}, 0.0, 1.0);
    const std::vector<QVector3D> square{{0, 0, 0}, {1, 0, 0}, {1, 1, 0}, {0, 1, 0}, {0, 0, 0}};
    const std::vector<QVector3D> triangle{{0, 0, 1}, {1, 0, 1}, {0.5f, 1, 1}};
    const int strip =
        b.addMesh(QStringLiteral("strip"), {{QStringLiteral("POSITION"), b.addPositions(square)}},
                  -1, TINYGLTF_MODE_LINE_STRIP, material);
    const int loop =
        b.addMesh(QStringLiteral("loop"), {{QStringLiteral("POSITION"), b.addPositions(triangle)}},
                  -1, TINYGLTF_MODE_LINE_LOOP, material);
    b.addScene(
        {b.addNode(QStringLiteral("strip"), strip), b.addNode(QStringLiteral("loop"), loop)});
    return b.toGlb();
}

QByteArray hierarchyGlb() {
    ModelBuilder b;
    buildCube(b);  // node 0 holds the cube
    auto& m = b.model();
    m.nodes[0].matrix = {2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 1};  // scale 2, column-major
    const int middle = b.addNode(QStringLiteral("middle"), -1, {0});
    m.nodes[std::size_t(middle)].rotation = {0, 0, std::sin(std::numbers::pi / 4),
                                             std::cos(std::numbers::pi / 4)};  // 90° about Z
    const int top = b.addNode(QStringLiteral("top"), -1, {middle});
    m.nodes[std::size_t(top)].translation = {1, 0, 0};
    m.scenes[0].nodes = {top};
    return b.toGlb();
}

QByteArray alphaGlb() {
    ModelBuilder b;
    auto& m = b.model();
    const std::vector<QVector3D> quad{
        {-0.5f, -0.5f, 0}, {0.5f, -0.5f, 0}, {0.5f, 0.5f, 0}, {-0.5f, 0.5f, 0}};
    const std::vector<QVector3D> normals(4, QVector3D(0, 0, 1));
    const int positions = b.addPositions(quad);
    const int normalAccessor = b.addVectors(normals);
    const int indices = b.addIndices({0, 1, 2, 0, 2, 3});
    const char* modes[] = {"OPAQUE", "MASK", "BLEND"};
    std::vector<int> roots;
    for (int i = 0; i < 3; ++i) {
        const int material =
            addMaterial(m, modes[i], {0.2, 0.6, 0.3, i == 0 ? 1.0 : 0.5}, 0.0, 0.5);
        m.materials[std::size_t(material)].alphaMode = modes[i];
        if (i == 1)
            m.materials[std::size_t(material)].alphaCutoff = 0.4;
        m.materials[std::size_t(material)].doubleSided = i > 0;
        const int mesh = b.addMesh(
            QString::fromLatin1(modes[i]),
            {{QStringLiteral("POSITION"), positions}, {QStringLiteral("NORMAL"), normalAccessor}},
            indices, TINYGLTF_MODE_TRIANGLES, material);
        const int node = b.addNode(QString::fromLatin1(modes[i]), mesh);
        m.nodes[std::size_t(node)].translation = {double(i) * 1.2, 0, -0.3 * i};
        roots.push_back(node);
    }
    b.addScene(roots);
    return b.toGlb();
}

std::vector<QString> writeAll(const QString& dir) {
    const std::pair<const char*, QByteArray> samples[] = {
        {"cube.glb", cubeGlb()},     {"textured.glb", texturedGlb()},
        {"points.glb", pointsGlb()}, {"animated.glb", animatedGlb()},
        {"lines.glb", linesGlb()},   {"hierarchy.glb", hierarchyGlb()},
        {"alpha.glb", alphaGlb()},   {"cube.gltf", cubeGltfJson()},
    };
    std::vector<QString> paths;
    QDir().mkpath(dir);
    for (const auto& [name, bytes] : samples) {
        const QString path = QDir(dir).filePath(QLatin1String(name));
        QFile file(path);
        if (file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size())
            paths.push_back(path);
    }
    return paths;
}

}  // namespace replicant::tests::glb
