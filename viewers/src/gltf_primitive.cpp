// One mesh primitive from tinygltf into a GltfPrimitive: attributes read through the checked
// accessor readers, strips, fans and loops turned into plain lists.
#include <tiny_gltf.h>

#include <numeric>

#include "gltf_accessor.h"
#include "gltf_builder.h"

namespace replicant::viewers::detail {

namespace {

int attribute(const tinygltf::Primitive& p, const char* name) {
    const auto it = p.attributes.find(name);
    return it == p.attributes.end() ? -1 : it->second;
}

// What the vertex attributes and indices will cost once decoded, before anything is read.
std::uint64_t estimateBytes(const tinygltf::Model& model, const tinygltf::Primitive& p) {
    static const std::pair<const char*, std::uint64_t> kSizes[] = {
        {"POSITION", 12}, {"NORMAL", 12},    {"TANGENT", 16},
        {"COLOR_0", 16},  {"TEXCOORD_0", 8}, {"TEXCOORD_1", 8},
    };
    std::uint64_t bytes = 0;
    for (const auto& [name, size] : kSizes)
        bytes +=
            std::uint64_t(std::max<qint64>(0, accessorCount(model, attribute(p, name)))) * size;
    // Strips and fans can triple the index count when they become lists.
    const qint64 elements = p.indices >= 0 ? accessorCount(model, p.indices)
                                           : accessorCount(model, attribute(p, "POSITION"));
    return bytes + std::uint64_t(std::max<qint64>(0, elements)) * 4 * 3;
}

// The source's element order: its indices, or 0..n-1.
std::vector<std::uint32_t> sequence(std::size_t n) {
    std::vector<std::uint32_t> out(n);
    std::iota(out.begin(), out.end(), 0u);
    return out;
}

// Turns the element list of `mode` into points, line pairs or triangle triples.
std::vector<std::uint32_t> toList(int mode, std::vector<std::uint32_t> in) {
    std::vector<std::uint32_t> out;
    const std::size_t n = in.size();
    switch (mode) {
        case TINYGLTF_MODE_LINE:
            in.resize(n - n % 2);
            return in;
        case TINYGLTF_MODE_TRIANGLES:
            in.resize(n - n % 3);
            return in;
        case TINYGLTF_MODE_LINE_STRIP:
        case TINYGLTF_MODE_LINE_LOOP:
            if (n < 2)
                return {};
            out.reserve(n * 2);
            for (std::size_t i = 0; i + 1 < n; ++i)
                out.insert(out.end(), {in[i], in[i + 1]});
            if (mode == TINYGLTF_MODE_LINE_LOOP)
                out.insert(out.end(), {in[n - 1], in[0]});
            return out;
        case TINYGLTF_MODE_TRIANGLE_STRIP:
            if (n < 3)
                return {};
            out.reserve((n - 2) * 3);
            // Every other triangle swaps its first two vertices to keep the winding.
            for (std::size_t i = 0; i + 2 < n; ++i) {
                if (i % 2 == 0)
                    out.insert(out.end(), {in[i], in[i + 1], in[i + 2]});
                else
                    out.insert(out.end(), {in[i + 1], in[i], in[i + 2]});
            }
            return out;
        case TINYGLTF_MODE_TRIANGLE_FAN:
            if (n < 3)
                return {};
            out.reserve((n - 2) * 3);
            for (std::size_t i = 0; i + 2 < n; ++i)
                out.insert(out.end(), {in[i + 1], in[i + 2], in[0]});
            return out;
        default:
            return in;  // points
    }
}

GltfPrimitiveMode modeOf(int mode) {
    switch (mode) {
        case TINYGLTF_MODE_POINTS:
            return GltfPrimitiveMode::Points;
        case TINYGLTF_MODE_LINE:
        case TINYGLTF_MODE_LINE_LOOP:
        case TINYGLTF_MODE_LINE_STRIP:
            return GltfPrimitiveMode::Lines;
        default:
            return GltfPrimitiveMode::Triangles;
    }
}

// Reads an optional attribute; a broken one is dropped (the caller warns), not fatal.
template <class Vector>
QString readOptional(const tinygltf::Model& model, const tinygltf::Primitive& p, const char* name,
                     std::size_t vertexCount, std::vector<Vector>& out) {
    const int accessor = attribute(p, name);
    if (accessor < 0)
        return {};
    QString error = readVectors(model, accessor, out);
    if (error.isEmpty() && out.size() != vertexCount)
        error = QStringLiteral("%1 has %2 values for %3 vertices")
                    .arg(QLatin1String(name))
                    .arg(out.size())
                    .arg(vertexCount);
    if (!error.isEmpty()) {
        out.clear();
        return QStringLiteral("%1 ignored: %2").arg(QLatin1String(name), error);
    }
    return {};
}

}  // namespace

QString buildPrimitive(const tinygltf::Model& model, const tinygltf::Primitive& source,
                       GltfPrimitive& out, std::uint64_t& geometryBytes, std::uint64_t limit,
                       QStringList& warnings) {
    const int mode = source.mode < 0 ? TINYGLTF_MODE_TRIANGLES : source.mode;
    if (mode > TINYGLTF_MODE_TRIANGLE_FAN)
        return QStringLiteral("it has the unknown mode %1").arg(mode);
    const int position = attribute(source, "POSITION");
    if (position < 0)
        return QStringLiteral("it has no POSITION attribute");

    geometryBytes += estimateBytes(model, source);
    if (geometryBytes > limit)
        return QStringLiteral("the geometry would need more than %1 MiB of memory")
            .arg(limit / (1024 * 1024));

    out.mode = modeOf(mode);
    if (QString error = readVectors(model, position, out.positions); !error.isEmpty())
        return QStringLiteral("POSITION: %1").arg(error);
    const std::size_t vertexCount = out.positions.size();

    // Plain lists without indices are drawn in order, which saves an index buffer.
    const bool inOrder =
        source.indices < 0 && (mode == TINYGLTF_MODE_POINTS || mode == TINYGLTF_MODE_LINE ||
                               mode == TINYGLTF_MODE_TRIANGLES);
    if (inOrder) {
        const std::size_t per = mode == TINYGLTF_MODE_LINE        ? 2
                                : mode == TINYGLTF_MODE_TRIANGLES ? 3
                                                                  : 1;
        out.positions.resize(vertexCount - vertexCount % per);  // drops an incomplete last one
    } else {
        std::vector<std::uint32_t> elements;
        if (source.indices >= 0) {
            if (QString error = readIndices(model, source.indices, vertexCount, elements);
                !error.isEmpty())
                return error;
        } else {
            elements = sequence(vertexCount);
        }
        out.indices = toList(mode, std::move(elements));
    }

    const std::size_t count = out.positions.size();
    auto optional = [&](const char* name, auto& vectors) {
        QString problem = readOptional(model, source, name, vertexCount, vectors);
        if (!problem.isEmpty())
            warnings << problem;
        else if (!vectors.empty())
            vectors.resize(count);
    };
    optional("NORMAL", out.normals);
    optional("TANGENT", out.tangents);
    optional("COLOR_0", out.colors);
    optional("TEXCOORD_0", out.texCoords[0]);
    optional("TEXCOORD_1", out.texCoords[1]);

    for (const QVector3D& p : out.positions)
        out.bounds.extend(p);
    return {};
}

}  // namespace replicant::viewers::detail
