#pragma once

#include <QMatrix4x4>
#include <QVector2D>
#include <QVector3D>

#include "replicant/viewers/gltf_scene.h"

namespace replicant::viewers {

// A camera that circles a target point: yaw and pitch around it, a distance from it, and a
// target that pans in the view plane. glTF's +Y is up. Pure math, no OpenGL.
class OrbitCamera {
public:
    static constexpr float kFieldOfViewDegrees = 40.0f;  // vertical
    static constexpr float kHomeYawDegrees = 35.0f;      // a three-quarter view from the front
    static constexpr float kHomePitchDegrees = 22.0f;
    static constexpr float kMaxPitchDegrees = 89.0f;

    // Aims at the box's centre from the home angles, at the distance where the box's bounding
    // sphere just fits the view at this aspect ratio (width / height). Remembered for reset().
    void frame(const GltfBounds& bounds, float aspect);
    void reset();  // back to what frame() chose

    void orbit(float yawDegrees, float pitchDegrees);  // pitch stays within ±kMaxPitchDegrees
    // Moves the target so the scene follows the pointer: `pixels` in a view `viewHeight` tall.
    void pan(QVector2D pixels, float viewHeight);
    void zoom(float factor);  // < 1 moves closer; the distance stays within a range of the scene

    QVector3D target() const { return m_target; }
    float distance() const { return m_distance; }
    float yaw() const { return m_yaw; }
    float pitch() const { return m_pitch; }
    float sceneRadius() const { return m_radius; }
    QVector3D eye() const;
    QMatrix4x4 view() const;
    // Near and far planes follow the distance, so the scene is never clipped.
    QMatrix4x4 projection(float aspect) const;

private:
    QVector3D m_target;
    float m_distance = 3.0f;
    float m_yaw = kHomeYawDegrees;
    float m_pitch = kHomePitchDegrees;
    float m_radius = 1.0f;

    QVector3D m_homeTarget;
    float m_homeDistance = 3.0f;
};

}  // namespace replicant::viewers
