#pragma once

#include <QElapsedTimer>
#include <QOpenGLWidget>
#include <QPoint>
#include <QSurfaceFormat>
#include <QTimer>

#include <memory>

#include "replicant/viewers/gltf_scene.h"
#include "replicant/viewers/orbit_camera.h"

namespace replicant::viewers {

namespace detail {
class GltfRenderer;
}

// Draws a GltfScene with OpenGL and lets people look around it.
//
// Mouse: left drag orbits, right or middle drag (or Shift + left) pans, the wheel zooms, a
// double click resets the view. Trackpad: two-finger scrolling orbits (with Shift: pans),
// pinching or Ctrl + scrolling zooms. Keyboard: arrows orbit, Shift + arrows pan, + and - zoom,
// Home or R resets, W, N, B and G toggle wireframe, normals, bounding box and grid, Space plays
// or pauses the animation. The background follows the widget's palette, so the theme.
class GltfView : public QOpenGLWidget {
    Q_OBJECT

public:
    explicit GltfView(QWidget* parent = nullptr);
    ~GltfView() override;

    // OpenGL 3.3 core with a depth buffer: what the view renders with. An application should
    // make it QSurfaceFormat's default before creating its QApplication, so that the window's
    // compositor shares contexts with the view on every platform (macOS will not share a core
    // context with a legacy one).
    static QSurfaceFormat surfaceFormat();

    // Shows `scene` (nullptr clears), frames the camera on it and selects its first animation.
    void setScene(std::shared_ptr<const GltfScene> scene);
    const std::shared_ptr<const GltfScene>& scene() const { return m_scene; }

    bool wireframe() const { return m_wireframe; }
    bool showsNormals() const { return m_normals; }
    bool showsBoundingBox() const { return m_boundingBox; }
    bool showsGrid() const { return m_grid; }

    // -1 shows the rest pose.
    int animation() const { return m_animation; }
    float time() const { return m_time; }
    float duration() const;
    bool isPlaying() const { return m_playing; }

    const OrbitCamera& camera() const { return m_camera; }
    // Why nothing is drawn when OpenGL 3.3 is missing; empty otherwise.
    QString renderError() const { return m_renderError; }

    // Renders the current view into an image of the widget's size (device pixels).
    QImage renderImage();

public slots:
    void setWireframe(bool on);
    void setShowNormals(bool on);
    void setShowBoundingBox(bool on);
    void setShowGrid(bool on);
    void setAnimation(int index);
    void setTime(float seconds);  // clamped to [0, duration]
    void setPlaying(bool playing);
    void togglePlaying() { setPlaying(!m_playing); }
    void resetView();
    void orbit(float yawDegrees, float pitchDegrees);
    void pan(QVector2D pixels);
    void zoom(float factor);

signals:
    void overlaysChanged();
    void animationChanged(int index);
    void timeChanged(float seconds);
    void playingChanged(bool playing);
    void cameraChanged();
    void renderFailed(const QString& message);

protected:
    void initializeGL() override;
    void paintGL() override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    bool event(QEvent* event) override;
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void releaseGl();
    void advance();
    void frameCamera();
    float aspect() const;

    std::unique_ptr<detail::GltfRenderer> m_renderer;
    std::shared_ptr<const GltfScene> m_scene;
    OrbitCamera m_camera;
    GltfBounds m_sceneBounds;  // every pose of the current animation
    QString m_renderError;
    bool m_needsFraming = false;

    bool m_wireframe = false;
    bool m_normals = false;
    bool m_boundingBox = false;
    bool m_grid = true;

    int m_animation = -1;
    float m_time = 0.0f;
    bool m_playing = false;
    QTimer m_playTimer;
    QElapsedTimer m_clock;

    enum class Drag { None, Orbit, Pan };
    Drag m_drag = Drag::None;
    QPoint m_lastPos;
};

}  // namespace replicant::viewers
