#pragma once

#include <QByteArray>
#include <QColor>
#include <QMatrix4x4>
#include <QOpenGLFunctions_3_3_Core>
#include <QString>

#include <map>
#include <memory>
#include <tuple>
#include <utility>
#include <vector>

#include "replicant/viewers/gltf_scene.h"

namespace replicant::viewers::detail {

// What one frame shows, decided by the view.
struct RenderFrame {
    QMatrix4x4 view;
    QMatrix4x4 projection;
    QVector3D eye;
    std::vector<QMatrix4x4> world;  // per node, from GltfScene::worldTransforms
    GltfBounds bounds;              // of the current pose
    GltfBounds gridBounds;          // the grid sits under these (steady while animating)
    QColor background;
    QColor overlay;  // grid and bounding box lines
    QColor accent;   // normals
    float devicePixelRatio = 1.0f;
    bool wireframe = false;
    bool normals = false;
    bool boundingBox = false;
    bool grid = false;
};

// Draws a GltfScene with OpenGL 3.3 core. Every call needs the owning context current; GPU
// copies of the scene are made on the first render after setScene() and freed by release().
class GltfRenderer : protected QOpenGLFunctions_3_3_Core {
public:
    GltfRenderer() = default;
    GltfRenderer(const GltfRenderer&) = delete;
    GltfRenderer& operator=(const GltfRenderer&) = delete;
    ~GltfRenderer();  // does not touch OpenGL; call release() while the context lives

    // Compiles the shaders. Returns a message when the context cannot run them.
    QString initialize();
    bool isInitialized() const { return m_initialized; }
    void setScene(std::shared_ptr<const GltfScene> scene);
    void render(const RenderFrame& frame);
    void release();

private:
    struct GpuPrimitive {
        unsigned vao = 0;
        std::vector<unsigned> buffers;
        unsigned indexBuffer = 0;
        int count = 0;
        unsigned mode = 0;
        int attributes = 0;  // AttributeFlag bits: which shader variant draws it
        // Normal vectors as lines, built the first time they are shown.
        unsigned normalsVao = 0;
        unsigned normalsBuffer = 0;
        int normalsCount = -1;
    };

    // Uniform locations of one mesh shader variant.
    struct MeshUniforms {
        int model, normalMatrix, viewProjection, pointSize, eye;
        int keyDirection, fillDirection, keyColor, fillColor, skyColor, groundColor;
        int baseColorFactor, metallicFactor, roughnessFactor, normalScale, occlusionStrength;
        int emissiveFactor, alphaMode, alphaCutoff, unlit, roundPoints;
        int textureSets[5];  // base colour, metallic-roughness, normal, occlusion, emissive
        int samplers[5];
    };
    struct MeshProgram {
        unsigned id = 0;
        MeshUniforms u{};
        quint64 frame = 0;  // the last frame whose uniforms it holds
    };

    void upload();
    GpuPrimitive uploadPrimitive(const GltfPrimitive& primitive);
    void deleteScene();
    unsigned texture(int index, bool srgb);
    // The variant for these attributes, compiled on first use and given this frame's
    // uniforms; nullptr when it does not compile.
    const MeshProgram* useMeshProgram(int attributes, const RenderFrame& frame);
    void bindMaterial(const MeshUniforms& u, int materialIndex, GltfPrimitiveMode mode,
                      const GpuPrimitive& gpu);
    void drawPrimitives(const RenderFrame& frame, bool blended);
    void drawOverlays(const RenderFrame& frame);
    void drawLines(const std::vector<QVector3D>& vertices, const QMatrix4x4& mvp,
                   const QColor& color);
    void drawNormals(const RenderFrame& frame);
    unsigned compile(const QByteArray& vertex, const QByteArray& fragment, QString* error);
    MeshUniforms findUniforms(unsigned program);

    bool m_initialized = false;
    std::map<int, MeshProgram> m_meshPrograms;  // by attribute flags
    quint64 m_frame = 0;
    unsigned m_lineProgram = 0;
    unsigned m_linesVao = 0;
    unsigned m_linesBuffer = 0;
    unsigned m_whiteTexture = 0;
    int m_maxTextureSize = 2048;

    std::shared_ptr<const GltfScene> m_scene;
    bool m_uploaded = false;
    std::vector<std::vector<GpuPrimitive>> m_meshes;  // like m_scene->meshes
    // image, wrapS, wrapT, minFilter, magFilter, sRGB
    using TextureKey = std::tuple<int, int, int, int, int, bool>;
    std::map<TextureKey, unsigned> m_textures;  // to GL names

    struct LineUniforms {
        int mvp, color;
    } m_line{};
};

}  // namespace replicant::viewers::detail
