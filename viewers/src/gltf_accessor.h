#pragma once

#include <QString>
#include <QVector2D>
#include <QVector3D>
#include <QVector4D>

#include <cstdint>
#include <vector>

namespace tinygltf {
class Model;
}

namespace replicant::viewers::detail {

// Reads glTF accessors into plain vectors. Every offset, stride, count and index is checked
// against the bytes that are really there, so a hostile file gets a message, not a crash.
// Each function returns an empty string on success, else a sentence saying what is wrong.

// `components` values per element; integers become floats (normalized ones into [0,1] or
// [-1,1] as the specification says). Sparse accessors are applied.
QString readFloats(const tinygltf::Model& model, int accessor, int components,
                   std::vector<float>& out);

QString readVectors(const tinygltf::Model& model, int accessor, std::vector<QVector2D>& out);
QString readVectors(const tinygltf::Model& model, int accessor, std::vector<QVector3D>& out);
// Accepts VEC3 (w becomes 1, as for RGB colours) or VEC4.
QString readVectors(const tinygltf::Model& model, int accessor, std::vector<QVector4D>& out);

// Unsigned byte, short or int scalars; each must be below vertexCount.
QString readIndices(const tinygltf::Model& model, int accessor, std::size_t vertexCount,
                    std::vector<std::uint32_t>& out);

// The element count an accessor declares, or -1 when the index is out of range.
qint64 accessorCount(const tinygltf::Model& model, int accessor);

}  // namespace replicant::viewers::detail
