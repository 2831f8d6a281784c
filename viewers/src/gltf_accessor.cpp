#include "gltf_accessor.h"

#include <tiny_gltf.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <type_traits>

namespace replicant::viewers::detail {

namespace {

// An accessor with no buffer view is all zeros (plus sparse values). Its count costs no file
// bytes, so it is the one place a tiny file could ask for a huge allocation.
constexpr std::uint64_t kMaxZeroFilledBytes = std::uint64_t(256) * 1024 * 1024;

int componentSize(int componentType) {
    switch (componentType) {
        case TINYGLTF_COMPONENT_TYPE_BYTE:
        case TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE:
            return 1;
        case TINYGLTF_COMPONENT_TYPE_SHORT:
        case TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT:
            return 2;
        case TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT:
        case TINYGLTF_COMPONENT_TYPE_FLOAT:
            return 4;
        default:
            return 0;  // INT and DOUBLE are not glTF 2.0 accessor types
    }
}

int componentsOf(int type) {
    switch (type) {
        case TINYGLTF_TYPE_SCALAR:
            return 1;
        case TINYGLTF_TYPE_VEC2:
            return 2;
        case TINYGLTF_TYPE_VEC3:
            return 3;
        case TINYGLTF_TYPE_VEC4:
        case TINYGLTF_TYPE_MAT2:
            return 4;
        case TINYGLTF_TYPE_MAT3:
            return 9;
        case TINYGLTF_TYPE_MAT4:
            return 16;
        default:
            return 0;
    }
}

QString typeName(int components) {
    return components == 1 ? QStringLiteral("SCALAR") : QStringLiteral("VEC%1").arg(components);
}

// Whether [offset, offset + length) lies inside [0, size), computed without overflow.
bool fits(std::uint64_t offset, std::uint64_t length, std::uint64_t size) {
    return offset <= size && length <= size - offset;
}

// `count` elements of `elementSize` bytes, `stride` apart.
struct Span {
    const unsigned char* data = nullptr;
    std::size_t stride = 0;
    std::size_t count = 0;
};

QString locate(const tinygltf::Model& model, int viewIndex, std::uint64_t byteOffset,
               std::size_t count, std::size_t elementSize, bool strided, const QString& what,
               Span& out) {
    if (viewIndex < 0 || std::size_t(viewIndex) >= model.bufferViews.size())
        return QStringLiteral("%1 uses buffer view %2, which does not exist")
            .arg(what)
            .arg(viewIndex);
    const tinygltf::BufferView& view = model.bufferViews[std::size_t(viewIndex)];
    if (view.buffer < 0 || std::size_t(view.buffer) >= model.buffers.size())
        return QStringLiteral("buffer view %1 uses buffer %2, which does not exist")
            .arg(viewIndex)
            .arg(view.buffer);
    const auto& bytes = model.buffers[std::size_t(view.buffer)].data;
    if (!fits(view.byteOffset, view.byteLength, bytes.size()))
        return QStringLiteral(
                   "buffer view %1 (bytes %2 to %3) lies outside buffer %4, which has "
                   "%5 bytes")
            .arg(viewIndex)
            .arg(view.byteOffset)
            .arg(view.byteOffset + view.byteLength)
            .arg(view.buffer)
            .arg(bytes.size());
    const std::size_t stride = strided && view.byteStride != 0 ? view.byteStride : elementSize;
    if (stride < elementSize)
        return QStringLiteral(
                   "buffer view %1 has a byte stride of %2, smaller than the %3-byte "
                   "elements of %4")
            .arg(viewIndex)
            .arg(stride)
            .arg(elementSize)
            .arg(what);
    if (count > 0) {
        // The last element must end inside the view: offset + (count-1)*stride + elementSize.
        const bool inside = fits(byteOffset, elementSize, view.byteLength) &&
                            (count - 1) <= (view.byteLength - byteOffset - elementSize) / stride;
        if (!inside)
            return QStringLiteral(
                       "%1 reads %2 elements from byte %3 of buffer view %4, past its "
                       "end (it has %5 bytes)")
                .arg(what)
                .arg(count)
                .arg(byteOffset)
                .arg(viewIndex)
                .arg(view.byteLength);
    }
    out.data = bytes.data() + view.byteOffset + (count > 0 ? byteOffset : 0);
    out.stride = stride;
    out.count = count;
    return {};
}

template <class T>
T load(const unsigned char* p) {
    T value;
    std::memcpy(&value, p, sizeof value);
    return value;
}

float component(const unsigned char* p, int componentType, bool normalized) {
    switch (componentType) {
        case TINYGLTF_COMPONENT_TYPE_FLOAT:
            return load<float>(p);
        case TINYGLTF_COMPONENT_TYPE_BYTE: {
            const float v = load<std::int8_t>(p);
            return normalized ? std::max(v / 127.0f, -1.0f) : v;
        }
        case TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE: {
            const float v = load<std::uint8_t>(p);
            return normalized ? v / 255.0f : v;
        }
        case TINYGLTF_COMPONENT_TYPE_SHORT: {
            const float v = load<std::int16_t>(p);
            return normalized ? std::max(v / 32767.0f, -1.0f) : v;
        }
        case TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT: {
            const float v = load<std::uint16_t>(p);
            return normalized ? v / 65535.0f : v;
        }
        case TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT: {
            const double v = load<std::uint32_t>(p);
            return float(normalized ? v / 4294967295.0 : v);
        }
        default:
            return 0.0f;
    }
}

std::uint32_t indexAt(const unsigned char* p, int componentType) {
    switch (componentType) {
        case TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE:
            return load<std::uint8_t>(p);
        case TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT:
            return load<std::uint16_t>(p);
        default:
            return load<std::uint32_t>(p);
    }
}

bool isIndexType(int componentType) {
    return componentType == TINYGLTF_COMPONENT_TYPE_UNSIGNED_BYTE ||
           componentType == TINYGLTF_COMPONENT_TYPE_UNSIGNED_SHORT ||
           componentType == TINYGLTF_COMPONENT_TYPE_UNSIGNED_INT;
}

// A checked accessor, ready to be copied out.
struct Plan {
    const tinygltf::Accessor* accessor = nullptr;
    QString what;  // "accessor N", for messages
    int components = 0;
    int componentType = 0;
    std::size_t componentBytes = 0;
    std::size_t count = 0;
    Span span;  // empty when the accessor has no buffer view
};

QString plan(const tinygltf::Model& model, int index, int components, Plan& out) {
    if (index < 0 || std::size_t(index) >= model.accessors.size())
        return QStringLiteral("accessor %1 does not exist").arg(index);
    const tinygltf::Accessor& a = model.accessors[std::size_t(index)];
    out.accessor = &a;
    out.what = QStringLiteral("accessor %1").arg(index);
    out.componentType = a.componentType;
    out.componentBytes = std::size_t(componentSize(a.componentType));
    if (out.componentBytes == 0)
        return QStringLiteral("%1 has the unknown component type %2")
            .arg(out.what)
            .arg(a.componentType);
    const int declared = componentsOf(a.type);
    if (declared != components)
        return QStringLiteral("%1 holds %2 values where %3 are expected")
            .arg(out.what, declared > 0 ? typeName(declared) : QStringLiteral("unknown"),
                 typeName(components));
    out.components = components;
    out.count = a.count;
    const std::size_t elementSize = out.componentBytes * std::size_t(components);
    if (a.bufferView < 0) {
        if (out.count > kMaxZeroFilledBytes / (sizeof(float) * std::size_t(components)))
            return QStringLiteral("%1 declares %2 elements but has no data")
                .arg(out.what)
                .arg(out.count);
        return {};
    }
    return locate(model, a.bufferView, a.byteOffset, out.count, elementSize, true, out.what,
                  out.span);
}

// Writes the accessor's values to dst (count * components floats).
QString fill(const tinygltf::Model& model, const Plan& p, float* dst) {
    const std::size_t n = std::size_t(p.components);
    const bool normalized = p.accessor->normalized;
    if (p.count == 0)
        return {};  // dst may be null; sparse values could only be out of range anyway
    if (p.span.data == nullptr) {
        std::fill(dst, dst + p.count * n, 0.0f);
    } else if (p.componentType == TINYGLTF_COMPONENT_TYPE_FLOAT &&
               p.span.stride == n * sizeof(float)) {
        std::memcpy(dst, p.span.data, p.count * n * sizeof(float));  // the common, packed case
    } else {
        for (std::size_t i = 0; i < p.count; ++i) {
            const unsigned char* element = p.span.data + i * p.span.stride;
            for (std::size_t c = 0; c < n; ++c)
                dst[i * n + c] =
                    component(element + c * p.componentBytes, p.componentType, normalized);
        }
    }

    const auto& sparse = p.accessor->sparse;
    if (!sparse.isSparse)
        return {};
    const QString what = p.what + QStringLiteral(" (sparse)");
    if (sparse.count < 0 || std::size_t(sparse.count) > p.count)
        return QStringLiteral("%1 has %2 sparse values for %3 elements")
            .arg(p.what)
            .arg(sparse.count)
            .arg(p.count);
    if (!isIndexType(sparse.indices.componentType))
        return QStringLiteral("%1 has sparse indices of the unknown type %2")
            .arg(p.what)
            .arg(sparse.indices.componentType);
    if (sparse.indices.byteOffset < 0 || sparse.values.byteOffset < 0)
        return QStringLiteral("%1 has a negative sparse byte offset").arg(p.what);
    const std::size_t count = std::size_t(sparse.count);
    Span indices, values;
    QString error =
        locate(model, sparse.indices.bufferView, std::uint64_t(sparse.indices.byteOffset), count,
               std::size_t(componentSize(sparse.indices.componentType)), false, what, indices);
    if (error.isEmpty())
        error = locate(model, sparse.values.bufferView, std::uint64_t(sparse.values.byteOffset),
                       count, p.componentBytes * n, false, what, values);
    if (!error.isEmpty())
        return error;
    for (std::size_t k = 0; k < count; ++k) {
        const std::uint32_t target =
            indexAt(indices.data + k * indices.stride, sparse.indices.componentType);
        if (target >= p.count)
            return QStringLiteral("%1 replaces element %2 of %3")
                .arg(what)
                .arg(target)
                .arg(p.count);
        const unsigned char* element = values.data + k * values.stride;
        for (std::size_t c = 0; c < n; ++c)
            dst[std::size_t(target) * n + c] =
                component(element + c * p.componentBytes, p.componentType, normalized);
    }
    return {};
}

template <class Vector, int N>
QString readInto(const tinygltf::Model& model, int accessor, std::vector<Vector>& out) {
    static_assert(sizeof(Vector) == N * sizeof(float) && std::is_trivially_copyable_v<Vector>);
    Plan p;
    if (QString error = plan(model, accessor, N, p); !error.isEmpty())
        return error;
    out.resize(p.count);
    // Qt's vectors are N packed floats, the layout OpenGL takes as is.
    return fill(model, p, reinterpret_cast<float*>(out.data()));
}

}  // namespace

qint64 accessorCount(const tinygltf::Model& model, int accessor) {
    if (accessor < 0 || std::size_t(accessor) >= model.accessors.size())
        return -1;
    return qint64(std::min<std::size_t>(model.accessors[std::size_t(accessor)].count,
                                        std::size_t(std::numeric_limits<qint64>::max())));
}

QString readFloats(const tinygltf::Model& model, int accessor, int components,
                   std::vector<float>& out) {
    Plan p;
    if (QString error = plan(model, accessor, components, p); !error.isEmpty())
        return error;
    out.resize(p.count * std::size_t(components));
    return fill(model, p, out.data());
}

QString readVectors(const tinygltf::Model& model, int accessor, std::vector<QVector2D>& out) {
    return readInto<QVector2D, 2>(model, accessor, out);
}

QString readVectors(const tinygltf::Model& model, int accessor, std::vector<QVector3D>& out) {
    return readInto<QVector3D, 3>(model, accessor, out);
}

QString readVectors(const tinygltf::Model& model, int accessor, std::vector<QVector4D>& out) {
    if (accessor >= 0 && std::size_t(accessor) < model.accessors.size() &&
        model.accessors[std::size_t(accessor)].type == TINYGLTF_TYPE_VEC3) {
        std::vector<QVector3D> rgb;
        if (QString error = readInto<QVector3D, 3>(model, accessor, rgb); !error.isEmpty())
            return error;
        out.resize(rgb.size());
        std::transform(rgb.begin(), rgb.end(), out.begin(),
                       [](const QVector3D& v) { return QVector4D(v, 1.0f); });
        return {};
    }
    return readInto<QVector4D, 4>(model, accessor, out);
}

QString readIndices(const tinygltf::Model& model, int accessor, std::size_t vertexCount,
                    std::vector<std::uint32_t>& out) {
    if (accessor < 0 || std::size_t(accessor) >= model.accessors.size())
        return QStringLiteral("index accessor %1 does not exist").arg(accessor);
    const tinygltf::Accessor& a = model.accessors[std::size_t(accessor)];
    const QString what = QStringLiteral("index accessor %1").arg(accessor);
    if (!isIndexType(a.componentType) || a.type != TINYGLTF_TYPE_SCALAR || a.sparse.isSparse)
        return QStringLiteral("%1 must hold unsigned byte, short or int scalars").arg(what);
    if (a.bufferView < 0)
        return QStringLiteral("%1 has no buffer view").arg(what);
    Span span;
    const std::size_t size = std::size_t(componentSize(a.componentType));
    if (QString error = locate(model, a.bufferView, a.byteOffset, a.count, size, true, what, span);
        !error.isEmpty())
        return error;
    out.resize(span.count);
    for (std::size_t i = 0; i < span.count; ++i) {
        const std::uint32_t index = indexAt(span.data + i * span.stride, a.componentType);
        if (index >= vertexCount)
            return QStringLiteral("%1 refers to vertex %2 of %3 (element %4)")
                .arg(what)
                .arg(index)
                .arg(vertexCount)
                .arg(i);
        out[i] = index;
    }
    return {};
}

}  // namespace replicant::viewers::detail
