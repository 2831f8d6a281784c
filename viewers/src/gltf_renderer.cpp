#include "gltf_renderer.h"

#include <QImage>

#include <algorithm>
#include <climits>
#include <cmath>

#include "gltf_shaders.h"

namespace replicant::viewers::detail {

namespace {

// Lights in view space (x right, y up, z towards the viewer), pointing towards the light: a
// key from the upper left, a weaker fill from the right. Intensities are radiance where pi
// would light a white Lambert surface fully.
const QVector3D kKeyDirection(-0.45f, 0.75f, 0.5f);
const QVector3D kFillDirection(0.65f, -0.05f, 0.45f);
const QVector3D kKeyColor(2.5f, 2.45f, 2.35f);
const QVector3D kFillColor(0.75f, 0.78f, 0.85f);
const QVector3D kSkyColor(0.36f, 0.37f, 0.40f);
const QVector3D kGroundColor(0.16f, 0.15f, 0.14f);
constexpr float kPointSize = 4.0f;

// Used where a primitive names no material. The specification's default (white, fully
// metallic, fully rough) reads as a flat grey without an environment map, so the viewer uses
// a light clay that shows shape instead.
GltfMaterial defaultMaterial() {
    GltfMaterial m;
    m.baseColorFactor = QVector4D(0.8f, 0.8f, 0.8f, 1.0f);
    m.metallicFactor = 0.0f;
    m.roughnessFactor = 0.7f;
    return m;
}

unsigned glMode(GltfPrimitiveMode mode) {
    switch (mode) {
        case GltfPrimitiveMode::Points:
            return GL_POINTS;
        case GltfPrimitiveMode::Lines:
            return GL_LINES;
        case GltfPrimitiveMode::Triangles:
            break;
    }
    return GL_TRIANGLES;
}

QByteArray variantHeader(int attributes) {
    QByteArray header = "#version 330 core\n";
    const std::pair<int, const char*> defines[] = {
        {kHasNormals, "HAS_NORMALS"}, {kHasTangents, "HAS_TANGENTS"}, {kHasColors, "HAS_COLORS"},
        {kHasTexCoord0, "HAS_UV0"},   {kHasTexCoord1, "HAS_UV1"},
    };
    for (const auto& [flag, name] : defines)
        if (attributes & flag)
            header += QByteArray("#define ") + name + "\n";
    return header;
}

bool usesMipmaps(int minFilter) {
    return minFilter == 0 || minFilter >= GL_NEAREST_MIPMAP_NEAREST;
}

}  // namespace

GltfRenderer::~GltfRenderer() = default;

QString GltfRenderer::initialize() {
    if (!initializeOpenGLFunctions())
        return QStringLiteral("This viewer needs OpenGL 3.3, which is not available here.");
    QString error;
    m_lineProgram = compile(kLineVertexShader, kLineFragmentShader, &error);
    // The most common variant proves the mesh shaders compile here; the others follow on demand.
    const unsigned probe = m_lineProgram
                               ? compile(variantHeader(kHasNormals) + kMeshVertexShader,
                                         variantHeader(kHasNormals) + kMeshFragmentShader, &error)
                               : 0;
    if (probe == 0)
        return QStringLiteral("The viewer's shaders do not compile here: %1").arg(error);
    m_meshPrograms[kHasNormals] = {probe, findUniforms(probe), 0};
    m_line = {glGetUniformLocation(m_lineProgram, "u_mvp"),
              glGetUniformLocation(m_lineProgram, "u_color")};

    glGenVertexArrays(1, &m_linesVao);
    glGenBuffers(1, &m_linesBuffer);
    glBindVertexArray(m_linesVao);
    glBindBuffer(GL_ARRAY_BUFFER, m_linesBuffer);
    glVertexAttribPointer(kPositionLocation, 3, GL_FLOAT, GL_FALSE, 0, nullptr);
    glEnableVertexAttribArray(kPositionLocation);
    glBindVertexArray(0);

    const unsigned char white[4] = {255, 255, 255, 255};
    glGenTextures(1, &m_whiteTexture);
    glBindTexture(GL_TEXTURE_2D, m_whiteTexture);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, 1, 1, 0, GL_RGBA, GL_UNSIGNED_BYTE, white);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glGetIntegerv(GL_MAX_TEXTURE_SIZE, &m_maxTextureSize);
    m_initialized = true;
    return {};
}

unsigned GltfRenderer::compile(const QByteArray& vertex, const QByteArray& fragment,
                               QString* error) {
    auto stage = [&](GLenum type, const QByteArray& text) -> unsigned {
        const unsigned shader = glCreateShader(type);
        const char* source = text.constData();
        glShaderSource(shader, 1, &source, nullptr);
        glCompileShader(shader);
        int ok = 0;
        glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
        if (!ok) {
            char log[1024] = {};
            glGetShaderInfoLog(shader, sizeof log, nullptr, log);
            *error = QString::fromUtf8(log).trimmed();
            glDeleteShader(shader);
            return 0;
        }
        return shader;
    };
    const unsigned vs = stage(GL_VERTEX_SHADER, vertex);
    const unsigned fs = vs ? stage(GL_FRAGMENT_SHADER, fragment) : 0;
    if (!vs || !fs) {
        glDeleteShader(vs);
        return 0;
    }
    const unsigned program = glCreateProgram();
    glAttachShader(program, vs);
    glAttachShader(program, fs);
    glLinkProgram(program);
    glDeleteShader(vs);
    glDeleteShader(fs);
    int ok = 0;
    glGetProgramiv(program, GL_LINK_STATUS, &ok);
    if (!ok) {
        char log[1024] = {};
        glGetProgramInfoLog(program, sizeof log, nullptr, log);
        *error = QString::fromUtf8(log).trimmed();
        glDeleteProgram(program);
        return 0;
    }
    return program;
}

GltfRenderer::MeshUniforms GltfRenderer::findUniforms(unsigned p) {
    auto u = [&](const char* name) { return glGetUniformLocation(p, name); };
    const MeshUniforms m = {
        u("u_model"),
        u("u_normalMatrix"),
        u("u_viewProjection"),
        u("u_pointSize"),
        u("u_eye"),
        u("u_keyDirection"),
        u("u_fillDirection"),
        u("u_keyColor"),
        u("u_fillColor"),
        u("u_skyColor"),
        u("u_groundColor"),
        u("u_baseColorFactor"),
        u("u_metallicFactor"),
        u("u_roughnessFactor"),
        u("u_normalScale"),
        u("u_occlusionStrength"),
        u("u_emissiveFactor"),
        u("u_alphaMode"),
        u("u_alphaCutoff"),
        u("u_unlit"),
        u("u_roundPoints"),
        {u("u_baseColorSet"), u("u_metallicRoughnessSet"), u("u_normalSet"), u("u_occlusionSet"),
         u("u_emissiveSet")},
        {u("u_baseColorTexture"), u("u_metallicRoughnessTexture"), u("u_normalTexture"),
         u("u_occlusionTexture"), u("u_emissiveTexture")}};
    glUseProgram(p);
    for (int unit = 0; unit < 5; ++unit)
        glUniform1i(m.samplers[unit], unit);
    return m;
}

const GltfRenderer::MeshProgram* GltfRenderer::useMeshProgram(int attributes,
                                                              const RenderFrame& frame) {
    auto it = m_meshPrograms.find(attributes);
    if (it == m_meshPrograms.end()) {
        QString error;
        const unsigned id = compile(variantHeader(attributes) + kMeshVertexShader,
                                    variantHeader(attributes) + kMeshFragmentShader, &error);
        if (id == 0)
            qWarning("replicant: a mesh shader variant does not compile: %s", qPrintable(error));
        it = m_meshPrograms
                 .emplace(attributes, MeshProgram{id, id ? findUniforms(id) : MeshUniforms{}, 0})
                 .first;
    }
    MeshProgram& program = it->second;
    if (program.id == 0)
        return nullptr;
    glUseProgram(program.id);
    if (program.frame == m_frame)
        return &program;
    program.frame = m_frame;
    const MeshUniforms& u = program.u;
    const QMatrix4x4 viewProjection = frame.projection * frame.view;
    glUniformMatrix4fv(u.viewProjection, 1, GL_FALSE, viewProjection.constData());
    glUniform3f(u.eye, frame.eye.x(), frame.eye.y(), frame.eye.z());
    const QMatrix4x4 toWorld = frame.view.inverted();
    const QVector3D key = toWorld.mapVector(kKeyDirection).normalized();
    const QVector3D fill = toWorld.mapVector(kFillDirection).normalized();
    glUniform3f(u.keyDirection, key.x(), key.y(), key.z());
    glUniform3f(u.fillDirection, fill.x(), fill.y(), fill.z());
    glUniform3f(u.keyColor, kKeyColor.x(), kKeyColor.y(), kKeyColor.z());
    glUniform3f(u.fillColor, kFillColor.x(), kFillColor.y(), kFillColor.z());
    glUniform3f(u.skyColor, kSkyColor.x(), kSkyColor.y(), kSkyColor.z());
    glUniform3f(u.groundColor, kGroundColor.x(), kGroundColor.y(), kGroundColor.z());
    glUniform1f(u.pointSize, kPointSize * frame.devicePixelRatio);
    return &program;
}

void GltfRenderer::setScene(std::shared_ptr<const GltfScene> scene) {
    if (m_initialized)
        deleteScene();
    m_scene = std::move(scene);
    m_uploaded = false;
}

void GltfRenderer::upload() {
    m_uploaded = true;
    m_meshes.clear();
    for (const GltfMesh& mesh : m_scene->meshes) {
        auto& gpu = m_meshes.emplace_back();
        for (const GltfPrimitive& primitive : mesh.primitives)
            gpu.push_back(uploadPrimitive(primitive));
    }
    glBindVertexArray(0);
}

GltfRenderer::GpuPrimitive GltfRenderer::uploadPrimitive(const GltfPrimitive& p) {
    GpuPrimitive gpu;
    glGenVertexArrays(1, &gpu.vao);
    glBindVertexArray(gpu.vao);
    auto attribute = [&](int location, const void* data, std::size_t count, int components) {
        if (count == 0)
            return;
        unsigned buffer = 0;
        glGenBuffers(1, &buffer);
        glBindBuffer(GL_ARRAY_BUFFER, buffer);
        glBufferData(GL_ARRAY_BUFFER, GLsizeiptr(count * std::size_t(components) * sizeof(float)),
                     data, GL_STATIC_DRAW);
        glVertexAttribPointer(GLuint(location), components, GL_FLOAT, GL_FALSE, 0, nullptr);
        glEnableVertexAttribArray(GLuint(location));
        gpu.buffers.push_back(buffer);
    };
    attribute(kPositionLocation, p.positions.data(), p.positions.size(), 3);
    attribute(kNormalLocation, p.normals.data(), p.normals.size(), 3);
    attribute(kTangentLocation, p.tangents.data(), p.tangents.size(), 4);
    attribute(kColorLocation, p.colors.data(), p.colors.size(), 4);
    attribute(kTexCoord0Location, p.texCoords[0].data(), p.texCoords[0].size(), 2);
    attribute(kTexCoord1Location, p.texCoords[1].data(), p.texCoords[1].size(), 2);
    if (!p.indices.empty()) {
        glGenBuffers(1, &gpu.indexBuffer);
        glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, gpu.indexBuffer);
        glBufferData(GL_ELEMENT_ARRAY_BUFFER, GLsizeiptr(p.indices.size() * sizeof(std::uint32_t)),
                     p.indices.data(), GL_STATIC_DRAW);
    }
    gpu.count = int(std::min<std::size_t>(p.elementCount(), INT_MAX));
    gpu.mode = glMode(p.mode);
    gpu.attributes = (p.normals.empty() ? 0 : kHasNormals) |
                     (p.normals.empty() || p.tangents.empty() ? 0 : kHasTangents) |
                     (p.colors.empty() ? 0 : kHasColors) |
                     (p.texCoords[0].empty() ? 0 : kHasTexCoord0) |
                     (p.texCoords[1].empty() ? 0 : kHasTexCoord1);
    return gpu;
}

unsigned GltfRenderer::texture(int index, bool srgb) {
    if (index < 0 || std::size_t(index) >= m_scene->textures.size())
        return 0;
    const GltfTexture& t = m_scene->textures[std::size_t(index)];
    // Keyed by what makes the GL texture, not by texture index: a file with thousands of
    // textures naming one large image gets one upload, not thousands.
    const TextureKey key{
        t.image, t.sampler.wrapS, t.sampler.wrapT, t.sampler.minFilter, t.sampler.magFilter, srgb};
    if (const auto it = m_textures.find(key); it != m_textures.end())
        return it->second;
    unsigned name = 0;
    if (t.image >= 0 && std::size_t(t.image) < m_scene->images.size() &&
        !m_scene->images[std::size_t(t.image)].image.isNull()) {
        QImage image = m_scene->images[std::size_t(t.image)].image;
        if (image.width() > m_maxTextureSize || image.height() > m_maxTextureSize)
            image = image.scaled(std::min(image.width(), m_maxTextureSize),
                                 std::min(image.height(), m_maxTextureSize), Qt::KeepAspectRatio,
                                 Qt::SmoothTransformation);
        image = image.convertToFormat(QImage::Format_RGBA8888);
        glGenTextures(1, &name);
        glBindTexture(GL_TEXTURE_2D, name);
        glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
        // glTF's first image row is at v = 0, as is OpenGL's first uploaded row: no flip.
        glTexImage2D(GL_TEXTURE_2D, 0, srgb ? GL_SRGB8_ALPHA8 : GL_RGBA8, image.width(),
                     image.height(), 0, GL_RGBA, GL_UNSIGNED_BYTE, image.constBits());
        const GltfSampler& s = t.sampler;
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, s.wrapS);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, s.wrapT);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER,
                        s.magFilter ? s.magFilter : GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER,
                        s.minFilter ? s.minFilter : GL_LINEAR_MIPMAP_LINEAR);
        if (usesMipmaps(s.minFilter))
            glGenerateMipmap(GL_TEXTURE_2D);
    }
    m_textures[key] = name;
    return name;
}

void GltfRenderer::bindMaterial(const MeshUniforms& u, int materialIndex, GltfPrimitiveMode mode,
                                const GpuPrimitive& gpu) {
    static const GltfMaterial kDefault = defaultMaterial();
    const GltfMaterial& m =
        materialIndex >= 0 && std::size_t(materialIndex) < m_scene->materials.size()
            ? m_scene->materials[std::size_t(materialIndex)]
            : kDefault;
    const QVector4D& base = m.baseColorFactor;
    glUniform4f(u.baseColorFactor, base.x(), base.y(), base.z(), base.w());
    glUniform1f(u.metallicFactor, m.metallicFactor);
    glUniform1f(u.roughnessFactor, m.roughnessFactor);
    glUniform1f(u.normalScale, m.normalScale);
    glUniform1f(u.occlusionStrength, m.occlusionStrength);
    glUniform3f(u.emissiveFactor, m.emissiveFactor.x(), m.emissiveFactor.y(), m.emissiveFactor.z());
    glUniform1i(u.alphaMode, int(m.alphaMode));
    glUniform1f(u.alphaCutoff, m.alphaCutoff);
    // Points and lines without normals have nothing to light; they show their colour.
    const bool unlit =
        m.unlit || (mode != GltfPrimitiveMode::Triangles && !(gpu.attributes & kHasNormals));
    glUniform1i(u.unlit, unlit);
    glUniform1i(u.roundPoints, mode == GltfPrimitiveMode::Points);

    const GltfTextureRef refs[5] = {m.baseColorTexture, m.metallicRoughnessTexture, m.normalTexture,
                                    m.occlusionTexture, m.emissiveTexture};
    for (int slot = 0; slot < 5; ++slot) {
        // Colours are stored in sRGB; data textures are linear.
        const bool srgb = slot == 0 || slot == 4;
        const unsigned name = refs[slot].isSet() ? texture(refs[slot].texture, srgb) : 0;
        glActiveTexture(GL_TEXTURE0 + unsigned(slot));
        glBindTexture(GL_TEXTURE_2D, name ? name : m_whiteTexture);
        glUniform1i(u.textureSets[slot], name ? refs[slot].texCoord : -1);
    }
    if (m.doubleSided || mode != GltfPrimitiveMode::Triangles)
        glDisable(GL_CULL_FACE);
    else
        glEnable(GL_CULL_FACE);
}

void GltfRenderer::drawPrimitives(const RenderFrame& frame, bool blended) {
    struct Draw {
        int node;
        std::size_t mesh;
        std::size_t primitive;
        float depth;
    };
    std::vector<Draw> draws;
    for (int node : m_scene->drawOrder) {
        const int mesh = m_scene->nodes[std::size_t(node)].mesh;
        if (mesh < 0)
            continue;
        const auto& primitives = m_scene->meshes[std::size_t(mesh)].primitives;
        for (std::size_t i = 0; i < primitives.size(); ++i) {
            const int material = primitives[i].material;
            const bool blend =
                material >= 0 &&
                m_scene->materials[std::size_t(material)].alphaMode == GltfAlphaMode::Blend;
            if (blend != blended)
                continue;
            float depth = 0;
            if (blended)  // sorted back to front by the centre's depth in view space
                depth = (frame.view * frame.world[std::size_t(node)])
                            .map(primitives[i].bounds.center())
                            .z();
            draws.push_back({node, std::size_t(mesh), i, depth});
        }
    }
    if (blended)
        std::sort(draws.begin(), draws.end(),
                  [](const Draw& a, const Draw& b) { return a.depth < b.depth; });

    for (const Draw& d : draws) {
        const QMatrix4x4& world = frame.world[std::size_t(d.node)];
        const GltfPrimitive& primitive = m_scene->meshes[d.mesh].primitives[d.primitive];
        const GpuPrimitive& gpu = m_meshes[d.mesh][d.primitive];
        const MeshProgram* program = useMeshProgram(gpu.attributes, frame);
        if (!program)
            continue;
        glUniformMatrix4fv(program->u.model, 1, GL_FALSE, world.constData());
        glUniformMatrix3fv(program->u.normalMatrix, 1, GL_FALSE, world.normalMatrix().constData());
        // A mirroring transform turns the winding around (glTF 2.0, 3.7.4).
        glFrontFace(world.determinant() < 0 ? GL_CW : GL_CCW);
        bindMaterial(program->u, primitive.material, primitive.mode, gpu);
        glBindVertexArray(gpu.vao);
        if (gpu.indexBuffer)
            glDrawElements(gpu.mode, gpu.count, GL_UNSIGNED_INT, nullptr);
        else
            glDrawArrays(gpu.mode, 0, gpu.count);
    }
    glFrontFace(GL_CCW);
}

void GltfRenderer::render(const RenderFrame& frame) {
    const QColor& bg = frame.background;
    glClearColor(float(bg.redF()), float(bg.greenF()), float(bg.blueF()), 1.0f);
    glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
    if (!m_initialized || !m_scene)
        return;
    if (!m_uploaded)
        upload();

    glEnable(GL_DEPTH_TEST);
    glDepthFunc(GL_LEQUAL);
    // Nothing disappears through the near or far plane, e.g. when zoomed into a model.
    glEnable(GL_DEPTH_CLAMP);
    glEnable(GL_PROGRAM_POINT_SIZE);
    glEnable(GL_MULTISAMPLE);
    if (frame.wireframe) {  // pushes the surfaces back so their edges draw on top
        glEnable(GL_POLYGON_OFFSET_FILL);
        glPolygonOffset(1.0f, 1.0f);
    }
    ++m_frame;  // programs pick up this frame's camera and lights on first use
    glDisable(GL_BLEND);
    glDepthMask(GL_TRUE);
    drawPrimitives(frame, false);
    glEnable(GL_BLEND);
    // Colour blends; alpha stays opaque, or the widget's framebuffer would turn translucent
    // wherever a blended surface or an overlay line lies, and the window show through it.
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ZERO, GL_ONE);
    glDepthMask(GL_FALSE);
    drawPrimitives(frame, true);
    glDepthMask(GL_TRUE);
    glDisable(GL_POLYGON_OFFSET_FILL);
    glDisable(GL_CULL_FACE);

    drawOverlays(frame);
    glBindVertexArray(0);
    glDisable(GL_BLEND);
    glActiveTexture(GL_TEXTURE0);
}

void GltfRenderer::deleteScene() {
    for (auto& mesh : m_meshes) {
        for (GpuPrimitive& gpu : mesh) {
            glDeleteVertexArrays(1, &gpu.vao);
            glDeleteBuffers(GLsizei(gpu.buffers.size()), gpu.buffers.data());
            glDeleteBuffers(1, &gpu.indexBuffer);
            glDeleteVertexArrays(1, &gpu.normalsVao);
            glDeleteBuffers(1, &gpu.normalsBuffer);
        }
    }
    m_meshes.clear();
    for (const auto& [key, name] : m_textures)
        glDeleteTextures(1, &name);
    m_textures.clear();
    m_uploaded = false;
}

void GltfRenderer::release() {
    if (!m_initialized)
        return;
    deleteScene();
    for (const auto& [flags, program] : m_meshPrograms)
        glDeleteProgram(program.id);
    m_meshPrograms.clear();
    glDeleteProgram(m_lineProgram);
    glDeleteVertexArrays(1, &m_linesVao);
    glDeleteBuffers(1, &m_linesBuffer);
    glDeleteTextures(1, &m_whiteTexture);
    m_lineProgram = m_linesVao = m_linesBuffer = m_whiteTexture = 0;
    m_initialized = false;
}

}  // namespace replicant::viewers::detail
