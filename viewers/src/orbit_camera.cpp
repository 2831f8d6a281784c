#include "replicant/viewers/orbit_camera.h"

#include <QtMath>

#include <algorithm>
#include <cmath>

namespace replicant::viewers {

namespace {
// How far the camera may zoom, relative to the scene's radius.
constexpr float kMinDistanceFactor = 0.02f;
constexpr float kMaxDistanceFactor = 50.0f;
// Leaves a margin around the framed scene.
constexpr float kFrameMargin = 1.25f;
}  // namespace

void OrbitCamera::frame(const GltfBounds& bounds, float aspect) {
    m_target = bounds.valid ? bounds.center() : QVector3D();
    m_radius = bounds.valid && bounds.radius() > 0 ? bounds.radius() : 1.0f;
    m_yaw = kHomeYawDegrees;
    m_pitch = kHomePitchDegrees;
    // The nearest distance from which every corner of the box is inside the view, with a
    // margin; tighter than fitting the bounding sphere, which leaves flat or long models small.
    const float tanY = std::tan(qDegreesToRadians(kFieldOfViewDegrees) / 2);
    const float tanX = tanY * std::max(aspect, 0.01f);
    const GltfBounds box = bounds.valid ? bounds : GltfBounds{{-1, -1, -1}, {1, 1, 1}, true};
    m_distance = 1.0f;  // any positive value, to get the view's axes
    const QMatrix4x4 v = view();
    const QVector3D right(v(0, 0), v(0, 1), v(0, 2));
    const QVector3D up(v(1, 0), v(1, 1), v(1, 2));
    const QVector3D towardsEye(v(2, 0), v(2, 1), v(2, 2));
    float distance = m_radius * 0.1f;
    for (int corner = 0; corner < 8; ++corner) {
        const QVector3D p = QVector3D(corner & 1 ? box.max.x() : box.min.x(),
                                      corner & 2 ? box.max.y() : box.min.y(),
                                      corner & 4 ? box.max.z() : box.min.z()) -
                            m_target;
        // A point sits (distance - depth) in front of the eye.
        const float depth = QVector3D::dotProduct(p, towardsEye);
        distance = std::max(
            {distance, depth + std::abs(QVector3D::dotProduct(p, right)) * kFrameMargin / tanX,
             depth + std::abs(QVector3D::dotProduct(p, up)) * kFrameMargin / tanY});
    }
    m_distance = distance;
    m_homeTarget = m_target;
    m_homeDistance = m_distance;
}

void OrbitCamera::reset() {
    m_target = m_homeTarget;
    m_distance = m_homeDistance;
    m_yaw = kHomeYawDegrees;
    m_pitch = kHomePitchDegrees;
}

void OrbitCamera::orbit(float yawDegrees, float pitchDegrees) {
    if (!std::isfinite(yawDegrees) || !std::isfinite(pitchDegrees))
        return;
    m_yaw = std::fmod(m_yaw + yawDegrees, 360.0f);
    m_pitch = std::clamp(m_pitch + pitchDegrees, -kMaxPitchDegrees, kMaxPitchDegrees);
}

void OrbitCamera::pan(QVector2D pixels, float viewHeight) {
    if (viewHeight <= 0 || !std::isfinite(pixels.x()) || !std::isfinite(pixels.y()))
        return;
    // World units per pixel at the target's depth.
    const float perPixel =
        2.0f * m_distance * std::tan(qDegreesToRadians(kFieldOfViewDegrees) / 2) / viewHeight;
    const QMatrix4x4 v = view();
    const QVector3D right(v(0, 0), v(0, 1), v(0, 2));
    const QVector3D up(v(1, 0), v(1, 1), v(1, 2));
    m_target += (-pixels.x() * right + pixels.y() * up) * perPixel;
}

void OrbitCamera::zoom(float factor) {
    if (!(factor > 0) || !std::isfinite(factor))
        return;
    m_distance = std::clamp(m_distance * factor, m_radius * kMinDistanceFactor,
                            m_radius * kMaxDistanceFactor);
}

QVector3D OrbitCamera::eye() const {
    const float yaw = qDegreesToRadians(m_yaw);
    const float pitch = qDegreesToRadians(m_pitch);
    const QVector3D direction(std::cos(pitch) * std::sin(yaw), std::sin(pitch),
                              std::cos(pitch) * std::cos(yaw));
    return m_target + direction * m_distance;
}

QMatrix4x4 OrbitCamera::view() const {
    QMatrix4x4 m;
    m.lookAt(eye(), m_target, QVector3D(0, 1, 0));
    return m;
}

QMatrix4x4 OrbitCamera::projection(float aspect) const {
    // The grid reaches about three radii from the centre; keep all of it inside the far plane.
    // (The renderer also clamps depth, so float rounding on a small model far from the origin
    // cannot clip it away.)
    const float far = m_distance + m_radius * 4.0f;
    const float near = std::max(far / 20000.0f, m_distance - m_radius * 4.0f);
    QMatrix4x4 m;
    m.perspective(kFieldOfViewDegrees, std::max(aspect, 0.01f), near, far);
    return m;
}

}  // namespace replicant::viewers
