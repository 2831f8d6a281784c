// PBR metallic-roughness as the glTF 2.0 specification's appendix B describes it: GGX
// distribution, Smith-Schlick visibility, Schlick Fresnel, Lambert diffuse. Lit by two
// directional lights fixed to the camera and a sky/ground hemisphere, with no image-based
// lighting: enough to read shape, materials and textures without an environment map.
#include "gltf_shaders.h"

namespace replicant::viewers::detail {

// The mesh shaders are compiled per combination of vertex attributes (HAS_NORMALS, ...,
// defined before this text): every varying costs set-up time per triangle on software OpenGL,
// so a mesh with positions and normals only carries no others.
const char* const kMeshVertexShader = R"(
layout(location = 0) in vec3 a_position;
#ifdef HAS_NORMALS
layout(location = 1) in vec3 a_normal;
out vec3 v_normal;
#endif
#ifdef HAS_TANGENTS
layout(location = 2) in vec4 a_tangent;
out vec4 v_tangent;
#endif
#ifdef HAS_COLORS
layout(location = 3) in vec4 a_color;
out vec4 v_color;
#endif
#ifdef HAS_UV0
layout(location = 4) in vec2 a_uv0;
out vec2 v_uv0;
#endif
#ifdef HAS_UV1
layout(location = 5) in vec2 a_uv1;
out vec2 v_uv1;
#endif

uniform mat4 u_model;
uniform mat3 u_normalMatrix;
uniform mat4 u_viewProjection;
uniform float u_pointSize;

out vec3 v_position;

void main() {
    vec4 world = u_model * vec4(a_position, 1.0);
    v_position = world.xyz;
#ifdef HAS_NORMALS
    v_normal = u_normalMatrix * a_normal;
#endif
#ifdef HAS_TANGENTS
    v_tangent = vec4(mat3(u_model) * a_tangent.xyz, a_tangent.w);
#endif
#ifdef HAS_COLORS
    v_color = a_color;
#endif
#ifdef HAS_UV0
    v_uv0 = a_uv0;
#endif
#ifdef HAS_UV1
    v_uv1 = a_uv1;
#endif
    gl_Position = u_viewProjection * world;
    gl_PointSize = u_pointSize;
}
)";

const char* const kMeshFragmentShader = R"(
in vec3 v_position;
#ifdef HAS_NORMALS
in vec3 v_normal;
#endif
#ifdef HAS_TANGENTS
in vec4 v_tangent;
#endif
#ifdef HAS_COLORS
in vec4 v_color;
#endif
#ifdef HAS_UV0
in vec2 v_uv0;
#endif
#ifdef HAS_UV1
in vec2 v_uv1;
#endif

// Texture slots; a set of -1 means "no texture", 0 or 1 picks TEXCOORD_0 or TEXCOORD_1.
uniform sampler2D u_baseColorTexture;
uniform sampler2D u_metallicRoughnessTexture;
uniform sampler2D u_normalTexture;
uniform sampler2D u_occlusionTexture;
uniform sampler2D u_emissiveTexture;
uniform int u_baseColorSet;
uniform int u_metallicRoughnessSet;
uniform int u_normalSet;
uniform int u_occlusionSet;
uniform int u_emissiveSet;

uniform vec4 u_baseColorFactor;
uniform float u_metallicFactor;
uniform float u_roughnessFactor;
uniform float u_normalScale;
uniform float u_occlusionStrength;
uniform vec3 u_emissiveFactor;
uniform int u_alphaMode;  // 0 opaque, 1 mask, 2 blend
uniform float u_alphaCutoff;
uniform bool u_unlit;
uniform bool u_roundPoints;

uniform vec3 u_eye;
uniform vec3 u_keyDirection;  // towards the light
uniform vec3 u_fillDirection;
uniform vec3 u_keyColor;
uniform vec3 u_fillColor;
uniform vec3 u_skyColor;
uniform vec3 u_groundColor;

out vec4 fragColor;

const float PI = 3.14159265359;

vec2 uvSet(int set) {
#ifdef HAS_UV1
    if (set == 1) return v_uv1;
#endif
#ifdef HAS_UV0
    return v_uv0;
#else
    return vec2(0.0);
#endif
}

vec4 vertexColor() {
#ifdef HAS_COLORS
    return v_color;
#else
    return vec4(1.0);
#endif
}

vec3 linearToSrgb(vec3 c) {
    c = clamp(c, 0.0, 1.0);
    return mix(c * 12.92, 1.055 * pow(c, vec3(1.0 / 2.4)) - 0.055, step(0.0031308, c));
}

// Khronos PBR Neutral tone mapping: keeps base colours faithful and only rolls off highlights.
vec3 toneMap(vec3 color) {
    const float startCompression = 0.8 - 0.04;
    const float desaturation = 0.15;
    float x = min(color.r, min(color.g, color.b));
    float offset = x < 0.08 ? x - 6.25 * x * x : 0.04;
    color -= offset;
    float peak = max(color.r, max(color.g, color.b));
    if (peak < startCompression) return color;
    const float d = 1.0 - startCompression;
    float newPeak = 1.0 - d * d / (peak + d - startCompression);
    color *= newPeak / peak;
    float g = 1.0 - 1.0 / (desaturation * (peak - newPeak) + 1.0);
    return mix(color, vec3(newPeak), g);
}

// A tangent frame from screen-space derivatives, for normal maps on meshes without tangents.
mat3 derivedFrame(vec3 n, vec2 uv) {
    vec3 dp1 = dFdx(v_position);
    vec3 dp2 = dFdy(v_position);
    vec2 duv1 = dFdx(uv);
    vec2 duv2 = dFdy(uv);
    vec3 dp2perp = cross(dp2, n);
    vec3 dp1perp = cross(n, dp1);
    vec3 t = dp2perp * duv1.x + dp1perp * duv2.x;
    vec3 b = dp2perp * duv1.y + dp1perp * duv2.y;
    float invmax = inversesqrt(max(dot(t, t), dot(b, b)) + 1e-20);
    return mat3(t * invmax, b * invmax, n);
}

vec3 brdf(vec3 n, vec3 v, vec3 l, vec3 diffuseColor, vec3 f0, float alpha) {
    vec3 h = normalize(l + v);
    float nl = clamp(dot(n, l), 0.0, 1.0);
    float nv = clamp(abs(dot(n, v)), 1e-4, 1.0);
    float nh = clamp(dot(n, h), 0.0, 1.0);
    float vh = clamp(dot(v, h), 0.0, 1.0);
    vec3 f = f0 + (1.0 - f0) * pow(1.0 - vh, 5.0);
    float a2 = alpha * alpha;
    float denom = nh * nh * (a2 - 1.0) + 1.0;
    float d = a2 / (PI * denom * denom);
    float k = alpha / 2.0;
    float vis = 0.25 / ((nl * (1.0 - k) + k) * (nv * (1.0 - k) + k));
    return ((1.0 - f) * diffuseColor / PI + f * d * vis) * nl;
}

void main() {
    if (u_roundPoints && length(gl_PointCoord - vec2(0.5)) > 0.5) discard;

    vec4 base = u_baseColorFactor * vertexColor();
    if (u_baseColorSet >= 0) base *= texture(u_baseColorTexture, uvSet(u_baseColorSet));
    if (u_alphaMode == 1 && base.a < u_alphaCutoff) discard;
    float alpha = u_alphaMode == 2 ? base.a : 1.0;

    vec3 emissive = u_emissiveFactor;
    if (u_emissiveSet >= 0) emissive *= texture(u_emissiveTexture, uvSet(u_emissiveSet)).rgb;

    if (u_unlit) {
        fragColor = vec4(linearToSrgb(base.rgb + emissive), alpha);
        return;
    }

#ifdef HAS_NORMALS
    vec3 n = normalize(v_normal);
    if (!gl_FrontFacing) n = -n;
#else
    // Without normals the specification asks for flat shading: the face's own normal.
    vec3 n = normalize(cross(dFdx(v_position), dFdy(v_position)));
#endif
    if (u_normalSet >= 0) {
        vec2 uv = uvSet(u_normalSet);
        mat3 tbn = derivedFrame(n, uv);
#ifdef HAS_TANGENTS
        if (dot(v_tangent.xyz, v_tangent.xyz) > 0.0) {
            vec3 t = normalize(v_tangent.xyz - n * dot(n, v_tangent.xyz));
            vec3 b = cross(n, t) * (v_tangent.w < 0.0 ? -1.0 : 1.0);
            tbn = mat3(t, b, n);
        }
#endif
        vec3 m = texture(u_normalTexture, uv).rgb * 2.0 - 1.0;
        m.xy *= u_normalScale;
        n = normalize(tbn * m);
    }

    float metallic = u_metallicFactor;
    float roughness = u_roughnessFactor;
    if (u_metallicRoughnessSet >= 0) {
        vec4 mr = texture(u_metallicRoughnessTexture, uvSet(u_metallicRoughnessSet));
        roughness *= mr.g;
        metallic *= mr.b;
    }
    roughness = clamp(roughness, 0.04, 1.0);
    metallic = clamp(metallic, 0.0, 1.0);
    float occlusion = 1.0;
    if (u_occlusionSet >= 0)
        occlusion = 1.0 + u_occlusionStrength * (texture(u_occlusionTexture, uvSet(u_occlusionSet)).r - 1.0);

    vec3 v = normalize(u_eye - v_position);
    vec3 f0 = mix(vec3(0.04), base.rgb, metallic);
    vec3 diffuseColor = base.rgb * (1.0 - metallic);
    float a = roughness * roughness;

    vec3 color = brdf(n, v, u_keyDirection, diffuseColor, f0, a) * u_keyColor +
                 brdf(n, v, u_fillDirection, diffuseColor, f0, a) * u_fillColor;
    // The hemisphere stands in for an environment: diffuse from sky and ground, and a rough
    // specular share so that metals are not black.
    vec3 hemisphere = mix(u_groundColor, u_skyColor, n.y * 0.5 + 0.5);
    vec3 ambientSpecular = f0 * (1.0 - 0.5 * roughness);
    color += (diffuseColor + ambientSpecular) * hemisphere * occlusion;
    color += emissive;
    fragColor = vec4(linearToSrgb(toneMap(color)), alpha);
}
)";

const char* const kLineVertexShader = R"(#version 330 core
layout(location = 0) in vec3 a_position;
uniform mat4 u_mvp;
void main() { gl_Position = u_mvp * vec4(a_position, 1.0); }
)";

const char* const kLineFragmentShader = R"(#version 330 core
uniform vec4 u_color;
out vec4 fragColor;
void main() { fragColor = u_color; }
)";

}  // namespace replicant::viewers::detail
