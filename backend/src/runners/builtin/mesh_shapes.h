#pragma once

#include <functional>
#include <vector>

#include "runners/builtin/glb.h"

namespace replicant::backend::runners::builtin {

// Building blocks of replicant/text-to-3d. Each returns an indexed mesh with outward-facing
// counter-clockwise triangles and no normals (computeNormals adds them once the shape is done).

// A unit icosphere: an icosahedron with each triangle split in four `subdivisions` times.
Mesh icosphere(int subdivisions);

// A surface of revolution about +Y. `profile` is (radius, height) from bottom to top; the
// bottom is closed with a fan when its radius is above zero, the top left open when `openTop`.
Mesh lathe(const std::vector<std::pair<double, double>>& profile, int segments, bool openTop);

// A torus about +Y: ring radius `major`, tube radius `minor`.
Mesh torus(double major, double minor, int ringSegments, int tubeSegments);

// A six-sided crystal about +Y, from y = 0 to `height`, with a pointed tip. Flat shaded: no
// vertex is shared between faces.
Mesh crystal(double radius, double height, double tip);

// Moves every vertex by `f`.
void transform(Mesh& mesh, const std::function<void(float& x, float& y, float& z)>& f);

// Appends `part` to `mesh`, colours included (both have colours or neither).
void append(Mesh& mesh, const Mesh& part);

// Gives every vertex its own copy for each triangle, so that normals come out flat.
void unweld(Mesh& mesh);

}  // namespace replicant::backend::runners::builtin
