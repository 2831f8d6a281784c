#pragma once

#include <QByteArray>
#include <QString>
#include <QVector2D>
#include <QVector3D>
#include <QVector4D>

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

namespace tinygltf {
class Model;
}

// Small glTF assets for the viewer's tests, built with tinygltf the way the project writes
// GLBs. Every sample here must pass gltf-validator (tests/viewers/validate_glb.mjs checks).
namespace replicant::tests::glb {

// Wraps a tinygltf::Model with helpers that append data to buffer 0.
class ModelBuilder {
public:
    static constexpr int kVertexTarget = 34962;  // ARRAY_BUFFER

    ModelBuilder();
    ~ModelBuilder();

    tinygltf::Model& model() { return *m_model; }

    // A buffer view over new bytes at the end of buffer 0 (4-byte aligned).
    int addView(const void* data, std::size_t bytes, int target = 0);
    int addAccessor(int view, int componentType, std::size_t count, int type,
                    std::vector<double> min = {}, std::vector<double> max = {});
    int addPositions(const std::vector<QVector3D>& v);  // with min and max, as required
    // Vertex attributes by default; pass target 0 for other data (animation outputs).
    int addVectors(const std::vector<QVector3D>& v, int target = kVertexTarget);
    int addVectors(const std::vector<QVector4D>& v, int target = kVertexTarget);
    int addVectors(const std::vector<QVector2D>& v, int target = kVertexTarget);
    int addScalars(const std::vector<float>& v);  // with min and max (animation inputs)
    int addIndices(const std::vector<std::uint16_t>& v);
    int addPngImage(const QByteArray& png, const QString& name);

    // Adds a mesh with one primitive; returns the mesh index.
    int addMesh(const QString& name, const std::vector<std::pair<QString, int>>& attributes,
                int indices, int mode, int material);
    int addNode(const QString& name, int mesh, std::vector<int> children = {});
    void addScene(std::vector<int> roots);

    QByteArray toGlb() const;
    QByteArray toGltfJson() const;  // buffers as data URIs

private:
    std::unique_ptr<tinygltf::Model> m_model;
};

// A 24-vertex cube of side 1 at the origin with normals and texture coordinates.
struct CubeData {
    std::vector<QVector3D> positions;
    std::vector<QVector3D> normals;
    std::vector<QVector2D> uvs;
    std::vector<std::uint16_t> indices;
};
CubeData cube();

// A checker pattern with an orange corner, so that orientation mistakes show.
QByteArray checkerPng(int size = 64);

QByteArray cubeGlb();       // red clay cube
QByteArray texturedGlb();   // cube with a checker base colour texture
QByteArray pointsGlb();     // 3000 points on a sphere, coloured per vertex, no normals
QByteArray animatedGlb();   // a cube moving and turning under a parent node over 2 s
QByteArray linesGlb();      // a line strip square and a line loop
QByteArray hierarchyGlb();  // three nested nodes with TRS and matrix transforms
QByteArray alphaGlb();      // opaque, masked and blended double-sided quads
QByteArray cubeGltfJson();  // the cube as .gltf with its buffer in a data URI

// A builder for the cube, open to changes before it is written (for broken-file tests).
void buildCube(ModelBuilder& b);

// Writes every sample above into `dir` (cube.glb, textured.glb, ...). Returns the paths.
std::vector<QString> writeAll(const QString& dir);

}  // namespace replicant::tests::glb
