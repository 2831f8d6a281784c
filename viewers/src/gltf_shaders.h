#pragma once

namespace replicant::viewers::detail {

// GLSL 3.30 core sources of the glTF renderer. The mesh shaders start without a #version line:
// the renderer puts it first, then the HAS_... defines of the variant it compiles.
extern const char* const kMeshVertexShader;
extern const char* const kMeshFragmentShader;
// Flat-coloured lines for the overlays: wireframe, normals, bounding box, grid.
extern const char* const kLineVertexShader;
extern const char* const kLineFragmentShader;

// Vertex attribute locations shared by the shaders and the renderer.
enum AttributeLocation {
    kPositionLocation = 0,
    kNormalLocation = 1,
    kTangentLocation = 2,
    kColorLocation = 3,
    kTexCoord0Location = 4,
    kTexCoord1Location = 5,
};

// The vertex attributes a mesh shader variant reads, one bit each.
enum AttributeFlag {
    kHasNormals = 1,
    kHasTangents = 2,  // only together with normals
    kHasColors = 4,
    kHasTexCoord0 = 8,
    kHasTexCoord1 = 16,
};

}  // namespace replicant::viewers::detail
