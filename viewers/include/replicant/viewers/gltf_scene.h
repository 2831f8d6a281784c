#pragma once

#include <QImage>
#include <QMatrix4x4>
#include <QQuaternion>
#include <QString>
#include <QStringList>
#include <QVector2D>
#include <QVector3D>
#include <QVector4D>

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

namespace replicant::viewers {

// An axis-aligned box. Invalid (empty) until a finite point is added.
struct GltfBounds {
    QVector3D min;
    QVector3D max;
    bool valid = false;

    void extend(const QVector3D& point);  // ignores non-finite points
    void extend(const GltfBounds& box, const QMatrix4x4& transform);
    QVector3D center() const { return (min + max) * 0.5f; }
    QVector3D size() const { return max - min; }
    float radius() const { return valid ? size().length() * 0.5f : 0.0f; }
};

enum class GltfPrimitiveMode { Points, Lines, Triangles };
enum class GltfAlphaMode { Opaque, Mask, Blend };

// A material's reference to a texture; texCoord picks TEXCOORD_0 or TEXCOORD_1.
struct GltfTextureRef {
    int texture = -1;
    int texCoord = 0;
    bool isSet() const { return texture >= 0; }
};

// PBR metallic-roughness, as in the glTF 2.0 core specification.
struct GltfMaterial {
    QString name;
    QVector4D baseColorFactor{1, 1, 1, 1};
    GltfTextureRef baseColorTexture;
    float metallicFactor = 1.0f;
    float roughnessFactor = 1.0f;
    GltfTextureRef metallicRoughnessTexture;
    GltfTextureRef normalTexture;
    float normalScale = 1.0f;
    GltfTextureRef occlusionTexture;
    float occlusionStrength = 1.0f;
    GltfTextureRef emissiveTexture;
    QVector3D emissiveFactor{0, 0, 0};
    GltfAlphaMode alphaMode = GltfAlphaMode::Opaque;
    float alphaCutoff = 0.5f;
    bool doubleSided = false;
    bool unlit = false;  // KHR_materials_unlit
};

// Sampler state with the OpenGL enum values glTF uses; 0 means "not given, viewer's choice".
struct GltfSampler {
    int magFilter = 0;
    int minFilter = 0;
    int wrapS = 10497;  // GL_REPEAT
    int wrapT = 10497;
};

struct GltfTexture {
    int image = -1;  // into GltfScene::images; -1 or a null image draws as if untextured
    GltfSampler sampler;
};

struct GltfImage {
    QString name;  // the image's name, else its URI, else "image N"
    QImage image;  // RGBA8888; null when it could not be loaded (a warning says why)
};

// One draw call's worth of geometry. Strips, fans and loops are already turned into lists and
// every index is checked against the vertex count, so a renderer can upload it as is.
struct GltfPrimitive {
    GltfPrimitiveMode mode = GltfPrimitiveMode::Triangles;
    std::vector<QVector3D> positions;
    std::vector<QVector3D> normals;   // empty: flat shading (triangles) or unlit (points, lines)
    std::vector<QVector4D> tangents;  // empty: derived per pixel where a normal map needs them
    std::vector<QVector4D> colors;    // COLOR_0 as RGBA, linear; empty: white
    std::array<std::vector<QVector2D>, 2> texCoords;  // TEXCOORD_0, TEXCOORD_1
    std::vector<std::uint32_t> indices;               // empty: the vertices in order
    int material = -1;                                // -1: the default material
    GltfBounds bounds;                                // of positions, in the mesh's space

    std::size_t elementCount() const { return indices.empty() ? positions.size() : indices.size(); }
};

struct GltfMesh {
    QString name;
    std::vector<GltfPrimitive> primitives;
};

// A local transform as translation, rotation, scale (the only form that can be animated).
struct GltfTransform {
    QVector3D translation;
    QQuaternion rotation;
    QVector3D scale{1, 1, 1};

    QMatrix4x4 toMatrix() const;
};

struct GltfNode {
    QString name;
    int mesh = -1;
    int parent = -1;
    std::vector<int> children;
    GltfTransform rest;                // the transform when no animation drives the node
    std::optional<QMatrix4x4> matrix;  // a node given by "matrix" instead of TRS
};

enum class GltfInterpolation { Step, Linear, CubicSpline };
enum class GltfTargetPath { Translation, Rotation, Scale };

// One animated property of one node. Vectors live in xyz (w unused); rotations are quaternions
// stored as (x, y, z, w) like glTF. CubicSpline keeps three values per key: in-tangent, value,
// out-tangent.
struct GltfChannel {
    int node = -1;
    GltfTargetPath path = GltfTargetPath::Translation;
    GltfInterpolation interpolation = GltfInterpolation::Linear;
    std::vector<float> times;  // strictly increasing, checked at load
    std::vector<QVector4D> values;

    QVector4D sample(float time) const;
};

struct GltfAnimation {
    QString name;
    std::vector<GltfChannel> channels;
    float duration = 0.0f;  // the last key time of any channel
};

// What the info panel shows. Counts are of the file's contents, not of what is drawn.
struct GltfStats {
    int nodes = 0;
    int meshes = 0;
    int primitives = 0;
    qint64 vertices = 0;
    qint64 triangles = 0;
    qint64 lines = 0;
    qint64 points = 0;
    int materials = 0;
    int textures = 0;
    int images = 0;
    int animations = 0;
    qint64 fileSize = 0;
    double loadMilliseconds = 0;
    QString generator;  // asset.generator
    QString version;    // asset.version
};

// A glTF 2.0 asset loaded into plain CPU-side structures, with no OpenGL in sight: the loader
// builds it (gltf_loader.h), a renderer draws it, tests and the fuzzer inspect it.
struct GltfScene {
    std::vector<GltfNode> nodes;
    std::vector<int> drawOrder;  // nodes reachable from the scene's roots, parents first
    std::vector<GltfMesh> meshes;
    std::vector<GltfMaterial> materials;
    std::vector<GltfTexture> textures;
    std::vector<GltfImage> images;
    std::vector<GltfAnimation> animations;
    QStringList warnings;  // problems found while loading that did not stop it
    GltfStats stats;

    // Local transforms of every node at `time` seconds into animation `animation`; an index out
    // of range (e.g. -1) gives the rest pose.
    std::vector<GltfTransform> pose(int animation, float time) const;
    // Model-to-world matrices of every node for the given local transforms (identity for nodes
    // that are not drawn).
    std::vector<QMatrix4x4> worldTransforms(const std::vector<GltfTransform>& locals) const;
    std::vector<QMatrix4x4> worldTransforms(int animation, float time) const {
        return worldTransforms(pose(animation, time));
    }
    GltfBounds bounds(const std::vector<QMatrix4x4>& world) const;
    // The box that holds every pose of `animation` (sampled), or the rest pose's for -1.
    GltfBounds animatedBounds(int animation) const;
};

}  // namespace replicant::viewers
