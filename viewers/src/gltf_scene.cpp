// Pose evaluation of a loaded scene: animation sampling, world transforms and bounds. Pure
// math over the CPU-side structures; the renderer and the tests share it.
#include "replicant/viewers/gltf_scene.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace replicant::viewers {

namespace {
bool isFinite(const QVector3D& v) {
    return std::isfinite(v.x()) && std::isfinite(v.y()) && std::isfinite(v.z());
}

QQuaternion toQuaternion(const QVector4D& v) {
    return QQuaternion(v.w(), v.x(), v.y(), v.z());
}

QVector4D fromQuaternion(const QQuaternion& q) {
    return {q.x(), q.y(), q.z(), q.scalar()};
}

// How many poses animatedBounds() looks at, evenly spread over the animation.
constexpr int kBoundsSamples = 48;
}  // namespace

void GltfBounds::extend(const QVector3D& point) {
    if (!isFinite(point))
        return;
    if (!valid) {
        min = max = point;
        valid = true;
        return;
    }
    min = QVector3D(std::min(min.x(), point.x()), std::min(min.y(), point.y()),
                    std::min(min.z(), point.z()));
    max = QVector3D(std::max(max.x(), point.x()), std::max(max.y(), point.y()),
                    std::max(max.z(), point.z()));
}

void GltfBounds::extend(const GltfBounds& box, const QMatrix4x4& transform) {
    if (!box.valid)
        return;
    for (int corner = 0; corner < 8; ++corner) {
        const QVector3D p((corner & 1) ? box.max.x() : box.min.x(),
                          (corner & 2) ? box.max.y() : box.min.y(),
                          (corner & 4) ? box.max.z() : box.min.z());
        extend(transform.map(p));
    }
}

QMatrix4x4 GltfTransform::toMatrix() const {
    QMatrix4x4 m;
    m.translate(translation);
    m.rotate(rotation);
    m.scale(scale);
    return m;
}

QVector4D GltfChannel::sample(float time) const {
    const std::size_t n = times.size();
    const bool cubic = interpolation == GltfInterpolation::CubicSpline;
    // A CubicSpline key is (in-tangent, value, out-tangent); the value is the middle one.
    auto valueAt = [&](std::size_t key) { return values[cubic ? key * 3 + 1 : key]; };
    if (n == 0 || values.size() < (cubic ? n * 3 : n))
        return {};
    if (!(time > times.front()))  // also catches NaN
        return valueAt(0);
    if (time >= times.back())
        return valueAt(n - 1);

    const std::size_t k1 =
        std::size_t(std::upper_bound(times.begin(), times.end(), time) - times.begin());
    const std::size_t k0 = k1 - 1;
    const float t0 = times[k0];
    const float t1 = times[k1];
    const float span = t1 - t0;
    const float u = span > 0 ? (time - t0) / span : 0.0f;

    switch (interpolation) {
        case GltfInterpolation::Step:
            return valueAt(k0);
        case GltfInterpolation::Linear:
            if (path == GltfTargetPath::Rotation)
                return fromQuaternion(
                    QQuaternion::slerp(toQuaternion(valueAt(k0)), toQuaternion(valueAt(k1)), u));
            return valueAt(k0) * (1.0f - u) + valueAt(k1) * u;
        case GltfInterpolation::CubicSpline: {
            // Hermite spline with tangents scaled by the key interval (glTF 2.0, appendix C).
            const float u2 = u * u;
            const float u3 = u2 * u;
            const QVector4D p0 = valueAt(k0);
            const QVector4D m0 = values[k0 * 3 + 2] * span;
            const QVector4D p1 = valueAt(k1);
            const QVector4D m1 = values[k1 * 3] * span;
            QVector4D v = (2 * u3 - 3 * u2 + 1) * p0 + (u3 - 2 * u2 + u) * m0 +
                          (-2 * u3 + 3 * u2) * p1 + (u3 - u2) * m1;
            if (path == GltfTargetPath::Rotation)
                v = fromQuaternion(toQuaternion(v).normalized());
            return v;
        }
    }
    return valueAt(k0);
}

std::vector<GltfTransform> GltfScene::pose(int animation, float time) const {
    std::vector<GltfTransform> locals(nodes.size());
    for (std::size_t i = 0; i < nodes.size(); ++i)
        locals[i] = nodes[i].rest;
    if (animation < 0 || std::size_t(animation) >= animations.size())
        return locals;
    for (const GltfChannel& channel : animations[std::size_t(animation)].channels) {
        if (channel.node < 0 || std::size_t(channel.node) >= locals.size())
            continue;
        GltfTransform& local = locals[std::size_t(channel.node)];
        const QVector4D v = channel.sample(time);
        switch (channel.path) {
            case GltfTargetPath::Translation:
                local.translation = v.toVector3D();
                break;
            case GltfTargetPath::Rotation:
                local.rotation = toQuaternion(v).normalized();
                break;
            case GltfTargetPath::Scale:
                local.scale = v.toVector3D();
                break;
        }
    }
    return locals;
}

std::vector<QMatrix4x4> GltfScene::worldTransforms(const std::vector<GltfTransform>& locals) const {
    std::vector<QMatrix4x4> world(nodes.size());
    for (int index : drawOrder) {
        const GltfNode& node = nodes[std::size_t(index)];
        const QMatrix4x4 local =
            node.matrix
                ? *node.matrix
                : (std::size_t(index) < locals.size() ? locals[std::size_t(index)] : node.rest)
                      .toMatrix();
        // drawOrder lists parents first, so the parent's matrix is final here.
        world[std::size_t(index)] =
            node.parent >= 0 ? world[std::size_t(node.parent)] * local : local;
    }
    return world;
}

GltfBounds GltfScene::bounds(const std::vector<QMatrix4x4>& world) const {
    GltfBounds box;
    for (int index : drawOrder) {
        const GltfNode& node = nodes[std::size_t(index)];
        if (node.mesh < 0 || std::size_t(node.mesh) >= meshes.size())
            continue;
        for (const GltfPrimitive& primitive : meshes[std::size_t(node.mesh)].primitives)
            box.extend(primitive.bounds, world[std::size_t(index)]);
    }
    return box;
}

GltfBounds GltfScene::animatedBounds(int animation) const {
    if (animation < 0 || std::size_t(animation) >= animations.size())
        return bounds(worldTransforms(-1, 0.0f));
    const float duration = animations[std::size_t(animation)].duration;
    GltfBounds box;
    for (int i = 0; i <= kBoundsSamples; ++i) {
        const GltfBounds pose =
            bounds(worldTransforms(animation, duration * float(i) / kBoundsSamples));
        if (pose.valid) {
            box.extend(pose.min);
            box.extend(pose.max);
        }
    }
    return box;
}

}  // namespace replicant::viewers
