// From a parsed tinygltf::Model to a GltfScene. tinygltf checks the JSON's shape; everything
// that indexes something else (materials, textures, nodes, animations) is checked here, and a
// bad reference costs a warning and the one thing that used it, never the whole file.
#include "gltf_builder.h"

#include <tiny_gltf.h>

#include <QSet>

#include <algorithm>
#include <cmath>

#include "gltf_accessor.h"

namespace replicant::viewers::detail {

namespace {

// Geometry compression leaves the meshes unreadable without a decoder we do not have.
const QSet<QString> kUnreadableExtensions = {
    QStringLiteral("KHR_draco_mesh_compression"),
    QStringLiteral("EXT_meshopt_compression"),
};
// Understood well enough that the file looks right.
const QSet<QString> kSupportedExtensions = {
    QStringLiteral("KHR_materials_unlit"),
    QStringLiteral("KHR_mesh_quantization"),
};
// A scene may draw a mesh many times; past this many drawn elements a tiny file could stall
// the renderer, so further instances are left out.
constexpr qint64 kMaxDrawnElements = qint64(400) * 1000 * 1000;

template <class T>
bool inRange(int index, const std::vector<T>& v) {
    return index >= 0 && std::size_t(index) < v.size();
}

QString nameOr(const std::string& name, const QString& fallback) {
    return name.empty() ? fallback : QString::fromStdString(name);
}

bool allFinite(const std::vector<double>& v) {
    return std::all_of(v.begin(), v.end(), [](double d) { return std::isfinite(d); });
}

// Narrows to float, replacing what float cannot hold (the conversion would be undefined).
float toFloat(double d, float fallback = 0.0f) {
    constexpr double kMax = 3.0e38;
    return std::isfinite(d) && d > -kMax && d < kMax ? float(d) : fallback;
}

class Builder {
public:
    Builder(const tinygltf::Model& model, DecodedImages decoded, const GltfLoadOptions& options,
            GltfScene& scene)
        : m_model(model), m_decoded(std::move(decoded)), m_options(options), m_scene(scene) {}

    QString run() {
        if (QString error = checkExtensions(); !error.isEmpty())
            return error;
        buildImagesAndTextures();
        buildMaterials();
        if (QString error = buildMeshes(); !error.isEmpty())
            return error;
        buildNodes();
        buildDrawOrder();
        buildAnimations();
        fillStats();
        return {};
    }

private:
    void warn(const QString& message) { m_scene.warnings << message; }
    bool cancelled() const { return m_options.cancel && m_options.cancel->load(); }
    void progress(int percent, const QString& stage) const {
        if (m_options.progress)
            m_options.progress(percent, stage);
    }

    QString checkExtensions() {
        for (const std::string& name : m_model.extensionsRequired) {
            const QString ext = QString::fromStdString(name);
            if (kUnreadableExtensions.contains(ext))
                return QStringLiteral(
                           "The file's meshes are compressed with %1, which this viewer "
                           "cannot decode.")
                    .arg(ext);
        }
        for (const std::string& name : m_model.extensionsUsed) {
            const QString ext = QString::fromStdString(name);
            if (!kSupportedExtensions.contains(ext) && !kUnreadableExtensions.contains(ext))
                warn(QStringLiteral("The extension %1 is not supported; the model may look "
                                    "different elsewhere.")
                         .arg(ext));
        }
        return {};
    }

    static bool validFilter(int f) { return f == 9728 || f == 9729 || (f >= 9984 && f <= 9987); }
    static bool validWrap(int w) { return w == 10497 || w == 33071 || w == 33648; }

    void buildImagesAndTextures() {
        m_scene.images.resize(m_model.images.size());
        for (std::size_t i = 0; i < m_model.images.size(); ++i) {
            const tinygltf::Image& source = m_model.images[i];
            GltfImage& image = m_scene.images[i];
            image.name =
                nameOr(source.name, source.uri.empty() ? QStringLiteral("image %1").arg(i)
                                                       : QString::fromStdString(source.uri));
            if (i < m_decoded.images.size())
                image.image = std::move(m_decoded.images[i]);
            if (image.image.isNull()) {
                const QString why =
                    i < m_decoded.problems.size() && !m_decoded.problems[i].isEmpty()
                        ? m_decoded.problems[i]
                    : !source.uri.empty() && m_options.allowExternalFiles
                        ? QStringLiteral("the file was not found")
                        : QStringLiteral("it could not be read");
                warn(
                    QStringLiteral("Texture image '%1' is missing: %2. Surfaces using it are drawn "
                                   "without it.")
                        .arg(image.name, why));
            }
        }
        m_scene.textures.resize(m_model.textures.size());
        for (std::size_t i = 0; i < m_model.textures.size(); ++i) {
            const tinygltf::Texture& source = m_model.textures[i];
            GltfTexture& texture = m_scene.textures[i];
            if (inRange(source.source, m_model.images))
                texture.image = source.source;
            else if (source.source >= 0 || source.extensions.empty())
                warn(QStringLiteral("Texture %1 has no usable image.").arg(i));
            if (source.sampler >= 0 && !inRange(source.sampler, m_model.samplers)) {
                warn(QStringLiteral("Texture %1 uses sampler %2, which does not exist.")
                         .arg(i)
                         .arg(source.sampler));
            } else if (source.sampler >= 0) {
                const tinygltf::Sampler& s = m_model.samplers[std::size_t(source.sampler)];
                texture.sampler.magFilter =
                    validFilter(s.magFilter) && s.magFilter < 9984 ? s.magFilter : 0;
                texture.sampler.minFilter = validFilter(s.minFilter) ? s.minFilter : 0;
                texture.sampler.wrapS = validWrap(s.wrapS) ? s.wrapS : 10497;
                texture.sampler.wrapT = validWrap(s.wrapT) ? s.wrapT : 10497;
            }
        }
    }

    GltfTextureRef textureRef(int index, int texCoord, std::size_t material, const char* role) {
        if (index < 0)
            return {};
        if (!inRange(index, m_model.textures)) {
            warn(QStringLiteral("Material %1 uses texture %2 as %3, which does not exist.")
                     .arg(material)
                     .arg(index)
                     .arg(QLatin1String(role)));
            return {};
        }
        if (texCoord != 0 && texCoord != 1) {
            warn(QStringLiteral("Material %1 reads %2 from TEXCOORD_%3; only 0 and 1 are "
                                "supported, so TEXCOORD_0 is used.")
                     .arg(material)
                     .arg(QLatin1String(role))
                     .arg(texCoord));
            texCoord = 0;
        }
        return {index, texCoord};
    }

    void buildMaterials() {
        m_scene.materials.resize(m_model.materials.size());
        for (std::size_t i = 0; i < m_model.materials.size(); ++i) {
            const tinygltf::Material& source = m_model.materials[i];
            const auto& pbr = source.pbrMetallicRoughness;
            GltfMaterial& m = m_scene.materials[i];
            m.name = nameOr(source.name, QStringLiteral("material %1").arg(i));
            if (pbr.baseColorFactor.size() == 4 && allFinite(pbr.baseColorFactor))
                m.baseColorFactor =
                    QVector4D(toFloat(pbr.baseColorFactor[0]), toFloat(pbr.baseColorFactor[1]),
                              toFloat(pbr.baseColorFactor[2]), toFloat(pbr.baseColorFactor[3]));
            m.baseColorTexture = textureRef(pbr.baseColorTexture.index,
                                            pbr.baseColorTexture.texCoord, i, "base colour");
            m.metallicFactor = std::clamp(toFloat(pbr.metallicFactor, 1.0f), 0.0f, 1.0f);
            m.roughnessFactor = std::clamp(toFloat(pbr.roughnessFactor, 1.0f), 0.0f, 1.0f);
            m.metallicRoughnessTexture =
                textureRef(pbr.metallicRoughnessTexture.index,
                           pbr.metallicRoughnessTexture.texCoord, i, "metallic-roughness");
            m.normalTexture = textureRef(source.normalTexture.index, source.normalTexture.texCoord,
                                         i, "normal map");
            m.normalScale = toFloat(source.normalTexture.scale, 1.0f);
            m.occlusionTexture = textureRef(source.occlusionTexture.index,
                                            source.occlusionTexture.texCoord, i, "occlusion");
            m.occlusionStrength =
                std::clamp(toFloat(source.occlusionTexture.strength, 1.0f), 0.0f, 1.0f);
            m.emissiveTexture = textureRef(source.emissiveTexture.index,
                                           source.emissiveTexture.texCoord, i, "emissive");
            if (source.emissiveFactor.size() == 3 && allFinite(source.emissiveFactor))
                m.emissiveFactor =
                    QVector3D(toFloat(source.emissiveFactor[0]), toFloat(source.emissiveFactor[1]),
                              toFloat(source.emissiveFactor[2]));
            if (source.alphaMode == "MASK")
                m.alphaMode = GltfAlphaMode::Mask;
            else if (source.alphaMode == "BLEND")
                m.alphaMode = GltfAlphaMode::Blend;
            else if (source.alphaMode != "OPAQUE")
                warn(QStringLiteral("Material %1 has the unknown alphaMode '%2'; drawn opaque.")
                         .arg(i)
                         .arg(QString::fromStdString(source.alphaMode)));
            m.alphaCutoff = toFloat(source.alphaCutoff, 0.5f);
            m.doubleSided = source.doubleSided;
            m.unlit = source.extensions.count("KHR_materials_unlit") > 0;
        }
    }

    QString buildMeshes() {
        std::size_t total = 0;
        for (const auto& mesh : m_model.meshes)
            total += mesh.primitives.size();
        std::size_t done = 0;
        QString firstProblem;
        std::uint64_t& geometryBytes = m_geometryBytes;
        m_scene.meshes.resize(m_model.meshes.size());
        for (std::size_t m = 0; m < m_model.meshes.size(); ++m) {
            const tinygltf::Mesh& source = m_model.meshes[m];
            GltfMesh& mesh = m_scene.meshes[m];
            mesh.name = nameOr(source.name, QStringLiteral("mesh %1").arg(m));
            for (std::size_t p = 0; p < source.primitives.size(); ++p) {
                if (cancelled())
                    return QStringLiteral("cancelled");
                const tinygltf::Primitive& prim = source.primitives[p];
                const QString where =
                    QStringLiteral("Mesh %1 ('%2'), primitive %3").arg(m).arg(mesh.name).arg(p);
                GltfPrimitive out;
                QStringList dropped;
                const QString error = buildPrimitive(m_model, prim, out, geometryBytes,
                                                     m_options.maxGeometryBytes, dropped);
                if (geometryBytes > m_options.maxGeometryBytes)
                    return QStringLiteral("The model is too large to show: %1.").arg(error);
                for (const QString& line : dropped)
                    warn(QStringLiteral("%1: %2.").arg(where, line));
                if (!error.isEmpty()) {
                    const QString message =
                        QStringLiteral("%1 is not drawn: %2.").arg(where, error);
                    warn(message);
                    if (firstProblem.isEmpty())
                        firstProblem = message;
                    continue;
                }
                if (prim.material >= 0 && !inRange(prim.material, m_model.materials))
                    warn(QStringLiteral("%1 uses material %2, which does not exist.")
                             .arg(where)
                             .arg(prim.material));
                else
                    out.material = prim.material;
                if (!prim.targets.empty() && !m_warnedMorphs) {
                    m_warnedMorphs = true;
                    warn(QStringLiteral(
                        "Morph targets are not supported; meshes are shown without them."));
                }
                mesh.primitives.push_back(std::move(out));
                ++m_drawable;
                progress(30 + int(60 * ++done / std::max<std::size_t>(total, 1)),
                         QStringLiteral("Building meshes"));
            }
        }
        // Nothing to draw because of broken data is an error; a file with no meshes is not.
        if (m_drawable == 0 && !firstProblem.isEmpty())
            return firstProblem;
        if (m_model.meshes.empty())
            warn(QStringLiteral("The file contains no meshes."));
        if (!m_model.skins.empty())
            warn(
                QStringLiteral("Skins are not supported; skinned meshes are shown in their bind "
                               "pose."));
        return {};
    }

    void buildNodes() {
        m_scene.nodes.resize(m_model.nodes.size());
        for (std::size_t i = 0; i < m_model.nodes.size(); ++i) {
            const tinygltf::Node& source = m_model.nodes[i];
            GltfNode& node = m_scene.nodes[i];
            node.name = nameOr(source.name, QStringLiteral("node %1").arg(i));
            if (source.mesh >= 0 && !inRange(source.mesh, m_model.meshes))
                warn(QStringLiteral("Node %1 uses mesh %2, which does not exist.")
                         .arg(i)
                         .arg(source.mesh));
            else
                node.mesh = source.mesh;
            readTransform(source, i, node);
        }
        // Parents from the children lists. The specification asks for strict trees; a node
        // listed twice, or a loop, would make the hierarchy endless, so extra links are dropped.
        for (std::size_t i = 0; i < m_model.nodes.size(); ++i) {
            for (int child : m_model.nodes[i].children) {
                if (!inRange(child, m_model.nodes)) {
                    warn(QStringLiteral("Node %1 has the child %2, which does not exist.")
                             .arg(i)
                             .arg(child));
                } else if (std::size_t(child) == i ||
                           m_scene.nodes[std::size_t(child)].parent >= 0) {
                    warn(QStringLiteral(
                             "Node %1 is listed as a child more than once (or of itself); "
                             "the extra link is ignored.")
                             .arg(child));
                } else {
                    m_scene.nodes[std::size_t(child)].parent = int(i);
                    m_scene.nodes[i].children.push_back(child);
                }
            }
        }
    }

    void readTransform(const tinygltf::Node& source, std::size_t i, GltfNode& node) {
        if (!source.matrix.empty()) {
            if (source.matrix.size() != 16 || !allFinite(source.matrix)) {
                warn(QStringLiteral("Node %1 has an invalid matrix; identity is used.").arg(i));
                return;
            }
            float values[16];
            for (int k = 0; k < 16; ++k)
                values[k] = toFloat(source.matrix[std::size_t(k)]);
            node.matrix = QMatrix4x4(values).transposed();  // glTF is column-major
            return;
        }
        auto vec3 = [&](const std::vector<double>& v, QVector3D fallback, const char* what) {
            if (v.empty())
                return fallback;
            if (v.size() != 3 || !allFinite(v)) {
                warn(QStringLiteral("Node %1 has an invalid %2.").arg(i).arg(QLatin1String(what)));
                return fallback;
            }
            return QVector3D(toFloat(v[0]), toFloat(v[1]), toFloat(v[2]));
        };
        node.rest.translation = vec3(source.translation, {}, "translation");
        node.rest.scale = vec3(source.scale, {1, 1, 1}, "scale");
        const auto& r = source.rotation;
        if (r.size() == 4 && allFinite(r)) {
            const QQuaternion q(toFloat(r[3]), toFloat(r[0]), toFloat(r[1]), toFloat(r[2]));
            if (q.length() > 1e-6f)
                node.rest.rotation = q.normalized();
            else
                warn(QStringLiteral("Node %1 has a zero rotation quaternion; identity is used.")
                         .arg(i));
        } else if (!r.empty()) {
            warn(QStringLiteral("Node %1 has an invalid rotation.").arg(i));
        }
    }

    void buildDrawOrder() {
        std::vector<int> roots;
        const auto& scenes = m_model.scenes;
        int sceneIndex = inRange(m_model.defaultScene, scenes) ? m_model.defaultScene : 0;
        if (m_model.defaultScene >= 0 && !inRange(m_model.defaultScene, scenes))
            warn(QStringLiteral("The default scene %1 does not exist; scene 0 is shown.")
                     .arg(m_model.defaultScene));
        if (inRange(sceneIndex, scenes)) {
            for (int node : scenes[std::size_t(sceneIndex)].nodes) {
                if (!inRange(node, m_scene.nodes) || m_scene.nodes[std::size_t(node)].parent >= 0 ||
                    std::find(roots.begin(), roots.end(), node) != roots.end())
                    warn(QStringLiteral("Scene %1 lists node %2, which is not a root node; it is "
                                        "ignored.")
                             .arg(sceneIndex)
                             .arg(node));
                else
                    roots.push_back(node);
            }
        } else {
            // No scene at all: show every root node, as most viewers do.
            for (std::size_t i = 0; i < m_scene.nodes.size(); ++i)
                if (m_scene.nodes[i].parent < 0)
                    roots.push_back(int(i));
        }

        // Breadth first from the roots: parents come before their children, each node once.
        qint64 drawn = 0;
        auto& order = m_scene.drawOrder;
        order = roots;
        for (std::size_t k = 0; k < order.size(); ++k) {
            GltfNode& node = m_scene.nodes[std::size_t(order[k])];
            if (node.mesh >= 0) {
                qint64 elements = 0;
                for (const auto& p : m_scene.meshes[std::size_t(node.mesh)].primitives)
                    elements += qint64(p.elementCount());
                if (drawn + elements > kMaxDrawnElements) {
                    if (!m_warnedInstances)
                        warn(
                            QStringLiteral("The scene draws its meshes too many times; some "
                                           "instances are left out."));
                    m_warnedInstances = true;
                    node.mesh = -1;
                } else {
                    drawn += elements;
                }
            }
            order.insert(order.end(), node.children.begin(), node.children.end());
        }
    }

    void buildAnimations() {
        for (std::size_t a = 0; a < m_model.animations.size(); ++a) {
            const tinygltf::Animation& source = m_model.animations[a];
            GltfAnimation animation;
            animation.name = nameOr(source.name, QStringLiteral("animation %1").arg(a));
            for (std::size_t c = 0; c < source.channels.size(); ++c) {
                GltfChannel channel;
                const QString problem = buildChannel(source, source.channels[c], channel);
                if (!problem.isEmpty()) {
                    warn(QStringLiteral("Animation %1 ('%2'), channel %3 is ignored: %4.")
                             .arg(a)
                             .arg(animation.name)
                             .arg(c)
                             .arg(problem));
                    continue;
                }
                animation.duration = std::max(animation.duration, channel.times.back());
                animation.channels.push_back(std::move(channel));
            }
            m_scene.animations.push_back(std::move(animation));
        }
    }

    QString buildChannel(const tinygltf::Animation& animation,
                         const tinygltf::AnimationChannel& source, GltfChannel& out) {
        if (!inRange(source.target_node, m_scene.nodes))
            return QStringLiteral("it targets node %1, which does not exist")
                .arg(source.target_node);
        if (m_scene.nodes[std::size_t(source.target_node)].matrix)
            return QStringLiteral("its node has a matrix, which cannot be animated");
        out.node = source.target_node;
        int components = 3;
        if (source.target_path == "translation") {
            out.path = GltfTargetPath::Translation;
        } else if (source.target_path == "rotation") {
            out.path = GltfTargetPath::Rotation;
            components = 4;
        } else if (source.target_path == "scale") {
            out.path = GltfTargetPath::Scale;
        } else {
            return QStringLiteral("the path '%1' is not supported")
                .arg(QString::fromStdString(source.target_path));
        }
        if (!inRange(source.sampler, animation.samplers))
            return QStringLiteral("its sampler %1 does not exist").arg(source.sampler);
        const tinygltf::AnimationSampler& sampler = animation.samplers[std::size_t(source.sampler)];
        // Many channels may share one large sampler; each gets its own copy, so count them all.
        m_animationBytes +=
            std::uint64_t(std::max<qint64>(0, accessorCount(m_model, sampler.input))) * 4 +
            std::uint64_t(std::max<qint64>(0, accessorCount(m_model, sampler.output))) * 16;
        if (m_geometryBytes + m_animationBytes > m_options.maxGeometryBytes)
            return QStringLiteral(
                "the animation data would need more memory than the viewer allows");
        if (sampler.interpolation == "STEP")
            out.interpolation = GltfInterpolation::Step;
        else if (sampler.interpolation == "CUBICSPLINE")
            out.interpolation = GltfInterpolation::CubicSpline;
        else if (sampler.interpolation != "LINEAR")
            return QStringLiteral("the interpolation '%1' is unknown")
                .arg(QString::fromStdString(sampler.interpolation));

        if (QString error = readFloats(m_model, sampler.input, 1, out.times); !error.isEmpty())
            return QStringLiteral("key times: %1").arg(error);
        if (out.times.empty())
            return QStringLiteral("it has no keys");
        for (std::size_t k = 0; k < out.times.size(); ++k)
            if (!std::isfinite(out.times[k]) || (k > 0 && !(out.times[k] > out.times[k - 1])))
                return QStringLiteral("its key times do not increase");
        std::vector<float> values;
        if (QString error = readFloats(m_model, sampler.output, components, values);
            !error.isEmpty())
            return QStringLiteral("key values: %1").arg(error);
        const std::size_t perKey = out.interpolation == GltfInterpolation::CubicSpline ? 3 : 1;
        if (values.size() != out.times.size() * perKey * std::size_t(components))
            return QStringLiteral("it has %1 key times but %2 values")
                .arg(out.times.size())
                .arg(values.size() / std::size_t(components));
        out.values.resize(values.size() / std::size_t(components));
        for (std::size_t k = 0; k < out.values.size(); ++k) {
            const float* v = values.data() + k * std::size_t(components);
            out.values[k] = QVector4D(v[0], v[1], v[2], components == 4 ? v[3] : 0.0f);
        }
        return {};
    }

    void fillStats() {
        GltfStats& s = m_scene.stats;
        s.nodes = int(m_model.nodes.size());
        s.meshes = int(m_model.meshes.size());
        s.materials = int(m_model.materials.size());
        s.textures = int(m_model.textures.size());
        s.images = int(m_model.images.size());
        s.animations = int(m_model.animations.size());
        s.generator = QString::fromStdString(m_model.asset.generator);
        s.version = QString::fromStdString(m_model.asset.version);
        for (const GltfMesh& mesh : m_scene.meshes) {
            for (const GltfPrimitive& p : mesh.primitives) {
                ++s.primitives;
                s.vertices += qint64(p.positions.size());
                const qint64 elements = qint64(p.elementCount());
                switch (p.mode) {
                    case GltfPrimitiveMode::Triangles:
                        s.triangles += elements / 3;
                        break;
                    case GltfPrimitiveMode::Lines:
                        s.lines += elements / 2;
                        break;
                    case GltfPrimitiveMode::Points:
                        s.points += elements;
                        break;
                }
            }
        }
    }

    const tinygltf::Model& m_model;
    DecodedImages m_decoded;
    const GltfLoadOptions& m_options;
    GltfScene& m_scene;
    int m_drawable = 0;
    std::uint64_t m_geometryBytes = 0;   // decoded vertex data and indices so far
    std::uint64_t m_animationBytes = 0;  // decoded key times and values so far
    bool m_warnedMorphs = false;
    bool m_warnedInstances = false;
};

}  // namespace

QString buildScene(const tinygltf::Model& model, DecodedImages decoded,
                   const GltfLoadOptions& options, GltfScene& scene) {
    return Builder(model, std::move(decoded), options, scene).run();
}

}  // namespace replicant::viewers::detail
