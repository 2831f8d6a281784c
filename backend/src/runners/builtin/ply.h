#pragma once

#include <functional>
#include <string_view>

#include "runners/builtin/glb.h"

namespace replicant::backend::runners::builtin {

struct PlyLimits {
    std::size_t maxVertices = 20'000'000;
    std::size_t maxFaces = 20'000'000;
};

// Reads a PLY file (ASCII, binary little- or big-endian) into a Mesh: x/y/z, optional nx/ny/nz,
// optional red/green/blue (8- or 16-bit integers or floats in [0, 1]; sRGB, converted to the
// linear colours glTF wants), and faces from `vertex_indices`/`vertex_index` lists, polygons
// fanned into triangles. Without faces the result is a point cloud. Other elements and
// properties are skipped. Errors say what is wrong with the file; `canceled` is polled while
// reading long files.
Result<Mesh> readPly(std::string_view bytes, const std::function<bool()>& canceled = {},
                     const PlyLimits& limits = {});

}  // namespace replicant::backend::runners::builtin
