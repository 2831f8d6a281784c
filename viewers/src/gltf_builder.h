#pragma once

#include <QImage>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <vector>

#include "replicant/viewers/gltf_loader.h"
#include "replicant/viewers/gltf_scene.h"

namespace tinygltf {
class Model;
struct Primitive;
}  // namespace tinygltf

namespace replicant::viewers::detail {

// Images decoded while tinygltf parsed the file, by image index, with what went wrong for the
// ones that could not be decoded.
struct DecodedImages {
    std::vector<QImage> images;
    std::vector<QString> problems;
};

// Turns a parsed glTF model into a GltfScene. Problems that leave something to show become
// warnings; the returned string is non-empty only when nothing sensible can be shown.
QString buildScene(const tinygltf::Model& model, DecodedImages decoded,
                   const GltfLoadOptions& options, GltfScene& scene);

// Converts one mesh primitive, or says why it cannot be drawn. Attributes that cannot be read
// are dropped with a line in `warnings`. `geometryBytes` accumulates what the scene's geometry
// costs so far; past `limit` the primitive is refused.
QString buildPrimitive(const tinygltf::Model& model, const tinygltf::Primitive& source,
                       GltfPrimitive& out, std::uint64_t& geometryBytes, std::uint64_t limit,
                       QStringList& warnings);

}  // namespace replicant::viewers::detail
