#include "runners/builtin/glb.h"

#include <tiny_gltf.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <sstream>

namespace replicant::backend::runners::builtin {

float srgbToLinear(float c) {
    return c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f);
}

void computeNormals(Mesh& mesh) {
    const std::size_t n = mesh.vertexCount();
    std::vector<double> sum(n * 3, 0.0);
    const auto& p = mesh.positions;
    for (std::size_t t = 0; t + 2 < mesh.indices.size(); t += 3) {
        const std::size_t a = mesh.indices[t], b = mesh.indices[t + 1], c = mesh.indices[t + 2];
        if (a >= n || b >= n || c >= n)
            continue;
        const double e1[3] = {p[b * 3] - p[a * 3], p[b * 3 + 1] - p[a * 3 + 1],
                              p[b * 3 + 2] - p[a * 3 + 2]};
        const double e2[3] = {p[c * 3] - p[a * 3], p[c * 3 + 1] - p[a * 3 + 1],
                              p[c * 3 + 2] - p[a * 3 + 2]};
        // The cross product's length is twice the area: larger faces weigh more.
        const double cross[3] = {e1[1] * e2[2] - e1[2] * e2[1], e1[2] * e2[0] - e1[0] * e2[2],
                                 e1[0] * e2[1] - e1[1] * e2[0]};
        for (std::size_t v : {a, b, c})
            for (int k = 0; k < 3; ++k)
                sum[v * 3 + k] += cross[k];
    }
    mesh.normals.assign(n * 3, 0.0f);
    for (std::size_t v = 0; v < n; ++v) {
        const double len = std::sqrt(sum[v * 3] * sum[v * 3] + sum[v * 3 + 1] * sum[v * 3 + 1] +
                                     sum[v * 3 + 2] * sum[v * 3 + 2]);
        if (len > 1e-20) {
            for (int k = 0; k < 3; ++k)
                mesh.normals[v * 3 + k] = static_cast<float>(sum[v * 3 + k] / len);
        } else {
            mesh.normals[v * 3 + 1] = 1.0f;
        }
    }
}

void normalizeExtent(Mesh& mesh) {
    if (mesh.positions.empty())
        return;
    float lo[3], hi[3];
    for (int k = 0; k < 3; ++k)
        lo[k] = hi[k] = mesh.positions[static_cast<std::size_t>(k)];
    for (std::size_t i = 0; i < mesh.positions.size(); ++i) {
        lo[i % 3] = std::min(lo[i % 3], mesh.positions[i]);
        hi[i % 3] = std::max(hi[i % 3], mesh.positions[i]);
    }
    const float extent = std::max({hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2]});
    const float scale = extent > 0 ? 2.0f / extent : 1.0f;
    for (std::size_t i = 0; i < mesh.positions.size(); ++i)
        mesh.positions[i] = (mesh.positions[i] - (lo[i % 3] + hi[i % 3]) / 2) * scale;
}

namespace {
// Appends `data` to the buffer as a new view, padded so that the next view starts 4-aligned.
int addView(tinygltf::Model& model, const void* data, std::size_t bytes, int target) {
    auto& buffer = model.buffers[0].data;
    tinygltf::BufferView view;
    view.buffer = 0;
    view.byteOffset = buffer.size();
    view.byteLength = bytes;
    view.target = target;
    const auto* begin = static_cast<const unsigned char*>(data);
    buffer.insert(buffer.end(), begin, begin + bytes);
    buffer.resize((buffer.size() + 3) & ~std::size_t{3}, 0);
    model.bufferViews.push_back(view);
    return static_cast<int>(model.bufferViews.size() - 1);
}

int addVec3(tinygltf::Model& model, const std::vector<float>& values, bool withBounds) {
    tinygltf::Accessor accessor;
    accessor.bufferView =
        addView(model, values.data(), values.size() * sizeof(float), TINYGLTF_TARGET_ARRAY_BUFFER);
    accessor.componentType = TINYGLTF_COMPONENT_TYPE_FLOAT;
    accessor.type = TINYGLTF_TYPE_VEC3;
    accessor.count = values.size() / 3;
    if (withBounds) {
        accessor.minValues.assign(3, std::numeric_limits<double>::max());
        accessor.maxValues.assign(3, std::numeric_limits<double>::lowest());
        for (std::size_t i = 0; i < values.size(); ++i) {
            accessor.minValues[i % 3] = std::min<double>(accessor.minValues[i % 3], values[i]);
            accessor.maxValues[i % 3] = std::max<double>(accessor.maxValues[i % 3], values[i]);
        }
    }
    model.accessors.push_back(accessor);
    return static_cast<int>(model.accessors.size() - 1);
}

template <class Index>
int addIndices(tinygltf::Model& model, const std::vector<std::uint32_t>& indices, int type) {
    std::vector<Index> narrow(indices.begin(), indices.end());
    tinygltf::Accessor accessor;
    accessor.bufferView = addView(model, narrow.data(), narrow.size() * sizeof(Index),
                                  TINYGLTF_TARGET_ELEMENT_ARRAY_BUFFER);
    accessor.componentType = type;
    accessor.type = TINYGLTF_TYPE_SCALAR;
    accessor.count = narrow.size();
    model.accessors.push_back(accessor);
    return static_cast<int>(model.accessors.size() - 1);
}

Result<void> check(const Mesh& mesh) {
    const std::size_t n = mesh.vertexCount();
    if (n == 0)
        return makeError(ErrorCode::Unprocessable, "the mesh has no vertices");
    if (mesh.positions.size() % 3 != 0)
        return makeError(ErrorCode::Internal, "positions are not x, y, z triples");
    if (n >= std::numeric_limits<std::uint32_t>::max())
        return makeError(ErrorCode::Unprocessable, "the mesh has too many vertices for glTF");
    for (float v : mesh.positions)
        if (!std::isfinite(v))
            return makeError(ErrorCode::Unprocessable,
                             "the mesh has a vertex position that is not a finite number");
    if (!mesh.normals.empty() && mesh.normals.size() != mesh.positions.size())
        return makeError(ErrorCode::Internal, "one normal per vertex is needed");
    if (!mesh.colors.empty() && mesh.colors.size() != mesh.positions.size())
        return makeError(ErrorCode::Internal, "one colour per vertex is needed");
    if (!mesh.points) {
        if (mesh.indices.empty() || mesh.indices.size() % 3 != 0)
            return makeError(ErrorCode::Unprocessable, "the mesh has no complete triangles");
        for (std::uint32_t i : mesh.indices)
            if (i >= n)
                return makeError(ErrorCode::Unprocessable, "a face refers to vertex " +
                                                               std::to_string(i) +
                                                               " but there are "
                                                               "only " +
                                                               std::to_string(n) + " vertices");
    }
    return {};
}
}  // namespace

Result<std::string> writeGlb(const Mesh& mesh, const std::string& generator) {
    if (auto ok = check(mesh); !ok)
        return ok.error();

    tinygltf::Model model;
    model.asset.version = "2.0";
    model.asset.generator = generator;
    model.buffers.emplace_back();

    tinygltf::Primitive primitive;
    primitive.mode = mesh.points ? TINYGLTF_MODE_POINTS : TINYGLTF_MODE_TRIANGLES;
    primitive.attributes["POSITION"] = addVec3(model, mesh.positions, true);
    if (!mesh.normals.empty()) {
        // The validator demands unit length to 0.0005; renormalise in case the input's normals
        // were rounded.
        std::vector<float> unit(mesh.normals);
        for (std::size_t i = 0; i + 2 < unit.size(); i += 3) {
            const double len =
                std::sqrt(double(unit[i]) * unit[i] + double(unit[i + 1]) * unit[i + 1] +
                          double(unit[i + 2]) * unit[i + 2]);
            if (len > 1e-12) {
                for (int k = 0; k < 3; ++k)
                    unit[i + k] = static_cast<float>(unit[i + k] / len);
            } else {
                unit[i] = 0, unit[i + 1] = 1, unit[i + 2] = 0;
            }
        }
        primitive.attributes["NORMAL"] = addVec3(model, unit, false);
    }
    if (!mesh.colors.empty()) {
        std::vector<float> clamped(mesh.colors);
        for (float& c : clamped)
            c = std::isfinite(c) ? std::clamp(c, 0.0f, 1.0f) : 0.0f;
        primitive.attributes["COLOR_0"] = addVec3(model, clamped, false);
    }
    if (!mesh.points) {
        // 0xFFFF and 0xFFFFFFFF are primitive-restart values and may not appear as indices.
        primitive.indices = mesh.vertexCount() < 0xFFFF
                                ? addIndices<std::uint16_t>(model, mesh.indices,
                                                            TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT)
                                : addIndices<std::uint32_t>(model, mesh.indices,
                                                            TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT);
    }

    tinygltf::Material material;
    material.name = mesh.name;
    material.pbrMetallicRoughness.baseColorFactor.assign(mesh.baseColor.begin(),
                                                         mesh.baseColor.end());
    material.pbrMetallicRoughness.metallicFactor = mesh.metallic;
    material.pbrMetallicRoughness.roughnessFactor = mesh.roughness;
    material.doubleSided = mesh.doubleSided;
    model.materials.push_back(material);
    primitive.material = 0;

    tinygltf::Mesh gltfMesh;
    gltfMesh.name = mesh.name;
    gltfMesh.primitives.push_back(primitive);
    model.meshes.push_back(gltfMesh);

    tinygltf::Node node;
    node.name = mesh.name;
    node.mesh = 0;
    model.nodes.push_back(node);
    tinygltf::Scene scene;
    scene.nodes.push_back(0);
    model.scenes.push_back(scene);
    model.defaultScene = 0;

    std::ostringstream out;
    tinygltf::TinyGLTF writer;
    if (!writer.WriteGltfSceneToStream(&model, out, false, true))
        return makeError(ErrorCode::Internal, "tinygltf could not write the GLB");
    return out.str();
}

Result<boost::json::value> saveGlbOutput(PredictContext& ctx, const Mesh& mesh) {
    auto glb = writeGlb(mesh);
    if (!glb)
        return glb.error();
    if (!ctx.saveFile)
        return makeError(ErrorCode::Internal, "this runner cannot store output files");
    auto url = ctx.saveFile(OutputFile{std::move(*glb), "model/gltf-binary", "output.glb"});
    if (!url)
        return url.error();
    return boost::json::value(*url);
}

}  // namespace replicant::backend::runners::builtin
