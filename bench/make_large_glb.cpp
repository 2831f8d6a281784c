// make_large_glb: writes the large GLB of the viewer benchmark (bench/glb_viewer.sh): a
// trefoil-knot tube of N triangles, split into parts (one node and mesh each) with positions,
// normals and 32-bit indices, through tinygltf like every GLB the project writes. Not
// committed: generated on demand.
#include <tiny_gltf.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <numbers>
#include <string>
#include <vector>

namespace {

struct Vec3 {
    float x, y, z;
};

Vec3 operator+(Vec3 a, Vec3 b) {
    return {a.x + b.x, a.y + b.y, a.z + b.z};
}
Vec3 operator-(Vec3 a, Vec3 b) {
    return {a.x - b.x, a.y - b.y, a.z - b.z};
}
Vec3 operator*(Vec3 a, float s) {
    return {a.x * s, a.y * s, a.z * s};
}
Vec3 cross(Vec3 a, Vec3 b) {
    return {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x};
}
Vec3 normalize(Vec3 a) {
    const float l = std::sqrt(a.x * a.x + a.y * a.y + a.z * a.z);
    return l > 0 ? a * (1.0f / l) : Vec3{0, 1, 0};
}

// The (2,3) torus knot, lying in the XZ plane with +Y up.
Vec3 knot(float t) {
    const float r = 2.0f + std::cos(3.0f * t);
    return {r * std::cos(2.0f * t), -std::sin(3.0f * t), r * std::sin(2.0f * t)};
}

constexpr int kTubeSegments = 64;  // around the tube
constexpr float kTubeRadius = 0.42f;

void append(std::vector<unsigned char>& bin, const void* data, std::size_t bytes) {
    bin.resize((bin.size() + 3) / 4 * 4, 0);
    const auto* p = static_cast<const unsigned char*>(data);
    bin.insert(bin.end(), p, p + bytes);
}

int addView(tinygltf::Model& m, std::size_t offset, std::size_t bytes, int target) {
    tinygltf::BufferView v;
    v.buffer = 0;
    v.byteOffset = offset;
    v.byteLength = bytes;
    v.target = target;
    m.bufferViews.push_back(v);
    return int(m.bufferViews.size() - 1);
}

int addAccessor(tinygltf::Model& m, int view, int componentType, std::size_t count, int type,
                std::vector<double> min = {}, std::vector<double> max = {}) {
    tinygltf::Accessor a;
    a.bufferView = view;
    a.componentType = componentType;
    a.count = count;
    a.type = type;
    a.minValues = std::move(min);
    a.maxValues = std::move(max);
    m.accessors.push_back(a);
    return int(m.accessors.size() - 1);
}

// Rows first..last (inclusive) of the tube as one mesh in buffer 0.
int addPart(tinygltf::Model& m, int rows, int first, int last) {
    std::vector<Vec3> positions;
    std::vector<Vec3> normals;
    const float twoPi = 2.0f * std::numbers::pi_v<float>;
    for (int row = first; row <= last; ++row) {
        const float t = twoPi * float(row) / float(rows);
        const Vec3 c = knot(t);
        const Vec3 tangent = normalize(knot(t + 1e-3f) - knot(t - 1e-3f));
        const Vec3 side = normalize(cross(tangent, Vec3{0, 1, 0}));
        const Vec3 up = cross(side, tangent);
        for (int s = 0; s < kTubeSegments; ++s) {
            const float a = twoPi * float(s) / float(kTubeSegments);
            const Vec3 n = normalize(side * std::cos(a) + up * std::sin(a));
            positions.push_back(c + n * kTubeRadius);
            normals.push_back(n);
        }
    }
    std::vector<std::uint32_t> indices;
    for (int row = 0; row < last - first; ++row)
        for (int s = 0; s < kTubeSegments; ++s) {
            const auto a = std::uint32_t(row * kTubeSegments + s);
            const auto b = std::uint32_t(row * kTubeSegments + (s + 1) % kTubeSegments);
            const auto c = a + kTubeSegments;
            const auto d = b + kTubeSegments;
            indices.insert(indices.end(), {a, c, b, b, c, d});
        }

    std::vector<double> lo(3, 1e30), hi(3, -1e30);
    for (const Vec3& p : positions) {
        const float v[3] = {p.x, p.y, p.z};
        for (int i = 0; i < 3; ++i) {
            lo[std::size_t(i)] = std::min<double>(lo[std::size_t(i)], v[i]);
            hi[std::size_t(i)] = std::max<double>(hi[std::size_t(i)], v[i]);
        }
    }
    auto& bin = m.buffers[0].data;
    auto add = [&](const void* data, std::size_t bytes, int target) {
        append(bin, data, bytes);
        return addView(m, bin.size() - bytes, bytes, target);
    };
    const int pv =
        add(positions.data(), positions.size() * sizeof(Vec3), TINYGLTF_TARGET_ARRAY_BUFFER);
    const int nv = add(normals.data(), normals.size() * sizeof(Vec3), TINYGLTF_TARGET_ARRAY_BUFFER);
    const int iv = add(indices.data(), indices.size() * 4, TINYGLTF_TARGET_ELEMENT_ARRAY_BUFFER);

    tinygltf::Primitive p;
    p.attributes["POSITION"] = addAccessor(m, pv, TINYGLTF_COMPONENT_TYPE_FLOAT, positions.size(),
                                           TINYGLTF_TYPE_VEC3, lo, hi);
    p.attributes["NORMAL"] =
        addAccessor(m, nv, TINYGLTF_COMPONENT_TYPE_FLOAT, normals.size(), TINYGLTF_TYPE_VEC3);
    p.indices = addAccessor(m, iv, TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT, indices.size(),
                            TINYGLTF_TYPE_SCALAR);
    p.mode = TINYGLTF_MODE_TRIANGLES;
    p.material = 0;
    tinygltf::Mesh mesh;
    mesh.name = "knot part " + std::to_string(m.meshes.size());
    mesh.primitives.push_back(p);
    m.meshes.push_back(mesh);
    return int(m.meshes.size() - 1);
}

int usage() {
    std::fprintf(stderr,
                 "usage: make_large_glb OUT.glb [--triangles N] [--parts K]\n"
                 "  N defaults to 2100000, K (meshes) to 8\n");
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2)
        return usage();
    long triangles = 2'100'000;
    int parts = 8;
    for (int i = 2; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--triangles") == 0)
            triangles = std::strtol(argv[i + 1], nullptr, 10);
        else if (std::strcmp(argv[i], "--parts") == 0)
            parts = std::atoi(argv[i + 1]);
        else
            return usage();
    }
    if (triangles < 2 * kTubeSegments || parts < 1 || triangles > 200'000'000)
        return usage();
    // Each row of the tube adds 2 * kTubeSegments triangles; round up to whole rows.
    const int rows = int((triangles + 2 * kTubeSegments - 1) / (2 * kTubeSegments));
    parts = std::min(parts, rows);

    tinygltf::Model m;
    m.asset.version = "2.0";
    m.asset.generator = "Replicant make_large_glb";
    m.buffers.emplace_back();
    tinygltf::Material material;
    material.name = "brushed steel";
    material.pbrMetallicRoughness.baseColorFactor = {0.72, 0.74, 0.78, 1.0};
    material.pbrMetallicRoughness.metallicFactor = 0.6;
    material.pbrMetallicRoughness.roughnessFactor = 0.35;
    m.materials.push_back(material);
    tinygltf::Scene scene;
    for (int k = 0; k < parts; ++k) {
        const int first = int(long(rows) * k / parts);
        const int last = int(long(rows) * (k + 1) / parts);
        tinygltf::Node node;
        node.name = "part " + std::to_string(k);
        node.mesh = addPart(m, rows, first, last);
        m.nodes.push_back(node);
        scene.nodes.push_back(int(m.nodes.size() - 1));
    }
    m.scenes.push_back(scene);
    m.defaultScene = 0;

    std::ofstream out(argv[1], std::ios::binary);
    tinygltf::TinyGLTF writer;
    if (!out || !writer.WriteGltfSceneToStream(&m, out, false, true) || !out.flush()) {
        std::fprintf(stderr, "make_large_glb: cannot write %s\n", argv[1]);
        return 1;
    }
    std::printf("%s: %ld triangles in %d meshes\n", argv[1], long(rows) * 2 * kTubeSegments, parts);
    return 0;
}
