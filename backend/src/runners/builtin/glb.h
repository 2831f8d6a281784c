#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

#include "replicant/backend/result.h"
#include "runners/runner.h"

namespace replicant::backend::runners::builtin {

// A single-primitive mesh or point cloud, as the 3D models produce it.
struct Mesh {
    std::vector<float> positions;        // x, y, z per vertex
    std::vector<float> normals;          // empty, or a unit x, y, z per vertex
    std::vector<float> colors;           // empty, or linear r, g, b in [0, 1] per vertex
    std::vector<std::uint32_t> indices;  // three per triangle; empty with `points`
    bool points = false;                 // a point cloud: no faces

    std::string name = "mesh";
    std::array<double, 4> baseColor{1, 1, 1, 1};  // multiplies the vertex colours
    double metallic = 0.0;
    double roughness = 0.8;
    bool doubleSided = false;

    std::size_t vertexCount() const { return positions.size() / 3; }
};

// sRGB-encoded [0, 1] → the linear [0, 1] that glTF's COLOR_0 and baseColorFactor hold.
float srgbToLinear(float c);

// Fills `normals` with area-weighted vertex normals of the triangles (unit length; vertices that
// touch no triangle with an area get +Y).
void computeNormals(Mesh& mesh);

// Scales and moves the mesh so that it fits a 2-unit cube centred on the origin.
void normalizeExtent(Mesh& mesh);

// Writes the mesh as a binary glTF 2.0 (GLB) with tinygltf. The result passes the Khronos glTF
// validator: POSITION bounds, unit normals, 4-byte aligned views, index type chosen so that no
// index equals the primitive-restart value. Checks the mesh first and says what is wrong.
Result<std::string> writeGlb(const Mesh& mesh, const std::string& generator = "Replicant");

// Writes `mesh` as GLB and stores it as the prediction's output file: the output value (its URL).
Result<boost::json::value> saveGlbOutput(PredictContext& ctx, const Mesh& mesh);

}  // namespace replicant::backend::runners::builtin
