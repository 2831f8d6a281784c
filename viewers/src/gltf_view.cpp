#include "replicant/viewers/gltf_view.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QNativeGestureEvent>
#include <QOpenGLContext>
#include <QPainter>
#include <QPointingDevice>
#include <QSurfaceFormat>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <utility>

#include "gltf_renderer.h"

namespace replicant::viewers {

namespace {
constexpr float kDegreesPerPixel = 0.4f;
constexpr float kKeyOrbitDegrees = 5.0f;
constexpr float kKeyPanPixels = 24.0f;
constexpr float kZoomStep = 0.85f;  // one wheel notch or key press
constexpr int kFrameIntervalMs = 16;
constexpr int kMultisamples = 4;
constexpr qint64 kMultisampleMaxTriangles = 1'000'000;
}  // namespace

QSurfaceFormat GltfView::surfaceFormat() {
    QSurfaceFormat format;
    format.setVersion(3, 3);
    format.setProfile(QSurfaceFormat::CoreProfile);
    format.setDepthBufferSize(24);
    return format;
}

GltfView::GltfView(QWidget* parent) : QOpenGLWidget(parent) {
    QSurfaceFormat format = surfaceFormat();
    format.setSamples(kMultisamples);
    setFormat(format);
    setFocusPolicy(Qt::StrongFocus);
    setMinimumSize(160, 120);
    m_playTimer.setInterval(kFrameIntervalMs);
    connect(&m_playTimer, &QTimer::timeout, this, &GltfView::advance);
}

GltfView::~GltfView() {
    releaseGl();
}

void GltfView::releaseGl() {
    if (!m_renderer)
        return;
    // The context may already be gone (e.g. at application exit); then so are its objects.
    if (context() && context()->isValid()) {
        makeCurrent();
        m_renderer->release();
        doneCurrent();
    }
    m_renderer.reset();
}

void GltfView::setScene(std::shared_ptr<const GltfScene> scene) {
    setPlaying(false);
    m_scene = std::move(scene);
    // Multisampling is cheap on a GPU but doubles a large scene's frame time on software OpenGL
    // (llvmpipe), and a large scene's triangles are mostly smaller than a pixel anyway. The
    // format can only change before the first frame, so the first scene decides.
    if (!context() && m_scene) {
        QSurfaceFormat f = format();
        f.setSamples(m_scene->stats.triangles > kMultisampleMaxTriangles ? 0 : kMultisamples);
        setFormat(f);
    }
    if (m_renderer) {
        makeCurrent();
        m_renderer->setScene(m_scene);
        doneCurrent();
    }
    m_animation = -1;
    m_time = 0;
    const bool animated = m_scene && !m_scene->animations.empty();
    m_sceneBounds = m_scene ? m_scene->animatedBounds(animated ? 0 : -1) : GltfBounds{};
    m_animation = animated ? 0 : -1;
    m_needsFraming = true;
    emit animationChanged(m_animation);
    emit timeChanged(m_time);
    update();
}

float GltfView::duration() const {
    if (!m_scene || m_animation < 0 || std::size_t(m_animation) >= m_scene->animations.size())
        return 0.0f;
    return m_scene->animations[std::size_t(m_animation)].duration;
}

QImage GltfView::renderImage() {
    QImage image = grabFramebuffer();
    // On a platform without OpenGL (e.g. QT_QPA_PLATFORM=offscreen) initializeGL never runs.
    if (image.isNull() && m_renderError.isEmpty())
        m_renderError = QStringLiteral("OpenGL is not available on this display.");
    return image;
}

void GltfView::setWireframe(bool on) {
    if (std::exchange(m_wireframe, on) != on) {
        emit overlaysChanged();
        update();
    }
}

void GltfView::setShowNormals(bool on) {
    if (std::exchange(m_normals, on) != on) {
        emit overlaysChanged();
        update();
    }
}

void GltfView::setShowBoundingBox(bool on) {
    if (std::exchange(m_boundingBox, on) != on) {
        emit overlaysChanged();
        update();
    }
}

void GltfView::setShowGrid(bool on) {
    if (std::exchange(m_grid, on) != on) {
        emit overlaysChanged();
        update();
    }
}

void GltfView::setAnimation(int index) {
    if (!m_scene || index < 0 || std::size_t(index) >= m_scene->animations.size())
        index = -1;
    setPlaying(false);
    m_animation = index;
    m_time = 0;
    if (m_scene)
        m_sceneBounds = m_scene->animatedBounds(index);
    emit animationChanged(index);
    emit timeChanged(m_time);
    update();
}

void GltfView::setTime(float seconds) {
    const float clamped = std::isfinite(seconds) ? std::clamp(seconds, 0.0f, duration()) : 0.0f;
    if (clamped == m_time)
        return;
    m_time = clamped;
    emit timeChanged(m_time);
    update();
}

void GltfView::setPlaying(bool playing) {
    playing = playing && duration() > 0;
    if (playing == m_playing)
        return;
    m_playing = playing;
    if (playing) {
        if (m_time >= duration())
            m_time = 0;
        m_clock.start();
        m_playTimer.start();
    } else {
        m_playTimer.stop();
    }
    emit playingChanged(playing);
}

void GltfView::advance() {
    const float length = duration();
    if (length <= 0) {
        setPlaying(false);
        return;
    }
    const float elapsed = float(m_clock.restart()) / 1000.0f;
    m_time = std::fmod(m_time + elapsed, length);  // loops
    emit timeChanged(m_time);
    update();
}

void GltfView::resetView() {
    m_camera.reset();
    emit cameraChanged();
    update();
}

void GltfView::orbit(float yawDegrees, float pitchDegrees) {
    m_camera.orbit(yawDegrees, pitchDegrees);
    emit cameraChanged();
    update();
}

void GltfView::pan(QVector2D pixels) {
    m_camera.pan(pixels, float(height()));
    emit cameraChanged();
    update();
}

void GltfView::zoom(float factor) {
    m_camera.zoom(factor);
    emit cameraChanged();
    update();
}

float GltfView::aspect() const {
    return height() > 0 ? float(width()) / float(height()) : 1.0f;
}

void GltfView::frameCamera() {
    m_camera.frame(m_sceneBounds, aspect());
    m_needsFraming = false;
    emit cameraChanged();
}

void GltfView::initializeGL() {
    // A widget moved to another window gets a new context; the old one takes our objects along.
    connect(context(), &QOpenGLContext::aboutToBeDestroyed, this, &GltfView::releaseGl,
            Qt::DirectConnection);
    m_renderer = std::make_unique<detail::GltfRenderer>();
    m_renderError = m_renderer->initialize();
    if (!m_renderError.isEmpty()) {
        emit renderFailed(m_renderError);
        return;
    }
    m_renderer->setScene(m_scene);
}

void GltfView::resizeEvent(QResizeEvent* event) {
    QOpenGLWidget::resizeEvent(event);
    if (m_needsFraming && width() > 0 && height() > 0)
        frameCamera();
}

void GltfView::paintGL() {
    if (m_needsFraming)
        frameCamera();
    detail::RenderFrame frame;
    frame.background = palette().color(QPalette::Window);
    frame.overlay = palette().color(QPalette::WindowText);
    frame.accent = palette().color(QPalette::Highlight);
    frame.devicePixelRatio = float(devicePixelRatioF());
    if (m_scene) {
        frame.world = m_scene->worldTransforms(m_animation, m_time);
        frame.bounds = m_scene->bounds(frame.world);
        frame.gridBounds = m_sceneBounds;
        frame.view = m_camera.view();
        frame.projection = m_camera.projection(aspect());
        frame.eye = m_camera.eye();
        frame.wireframe = m_wireframe;
        frame.normals = m_normals;
        frame.boundingBox = m_boundingBox;
        frame.grid = m_grid;
    }
    if (m_renderer && m_renderer->isInitialized()) {
        m_renderer->render(frame);
        return;
    }
    QPainter painter(this);
    painter.fillRect(rect(), frame.background);
    painter.setPen(palette().color(QPalette::WindowText));
    painter.drawText(
        rect().adjusted(16, 16, -16, -16), Qt::AlignCenter | Qt::TextWordWrap,
        m_renderError.isEmpty() ? QStringLiteral("OpenGL is not available.") : m_renderError);
}

void GltfView::mousePressEvent(QMouseEvent* event) {
    const bool shift = event->modifiers() & Qt::ShiftModifier;
    if (event->button() == Qt::LeftButton && !shift)
        m_drag = Drag::Orbit;
    else if (event->button() == Qt::LeftButton || event->button() == Qt::RightButton ||
             event->button() == Qt::MiddleButton)
        m_drag = Drag::Pan;
    m_lastPos = event->position().toPoint();
    event->accept();
}

void GltfView::mouseMoveEvent(QMouseEvent* event) {
    const QPoint pos = event->position().toPoint();
    const QPoint delta = pos - m_lastPos;
    m_lastPos = pos;
    if (m_drag == Drag::Orbit)
        orbit(-delta.x() * kDegreesPerPixel, delta.y() * kDegreesPerPixel);
    else if (m_drag == Drag::Pan)
        pan(QVector2D(delta));
}

void GltfView::mouseReleaseEvent(QMouseEvent* event) {
    m_drag = Drag::None;
    event->accept();
}

void GltfView::mouseDoubleClickEvent(QMouseEvent* event) {
    resetView();
    event->accept();
}

void GltfView::wheelEvent(QWheelEvent* event) {
    const QPointingDevice* device = event->pointingDevice();
    const bool trackpad = (device && device->type() == QInputDevice::DeviceType::TouchPad) ||
                          !event->pixelDelta().isNull();
    const Qt::KeyboardModifiers mods = event->modifiers();
    if (trackpad && !(mods & Qt::ControlModifier)) {
        // Two fingers move the view like a drag would; Shift makes it pan.
        const QPoint d =
            event->pixelDelta().isNull() ? event->angleDelta() / 8 : event->pixelDelta();
        if (mods & Qt::ShiftModifier)
            pan(QVector2D(d));
        else
            orbit(-d.x() * kDegreesPerPixel, -d.y() * kDegreesPerPixel);
    } else {
        const float notches = float(event->angleDelta().y()) / 120.0f;
        if (notches != 0)
            zoom(std::pow(kZoomStep, notches));
    }
    event->accept();
}

bool GltfView::event(QEvent* event) {
    if (event->type() == QEvent::NativeGesture) {
        const auto* gesture = static_cast<QNativeGestureEvent*>(event);
        switch (gesture->gestureType()) {
            case Qt::ZoomNativeGesture:  // pinch: value is the change in scale
                zoom(1.0f / std::max(0.1f, 1.0f + float(gesture->value())));
                return true;
            case Qt::RotateNativeGesture:
                orbit(-float(gesture->value()), 0);
                return true;
            case Qt::SmartZoomNativeGesture:
                resetView();
                return true;
            default:
                break;
        }
    }
    return QOpenGLWidget::event(event);
}

void GltfView::keyPressEvent(QKeyEvent* event) {
    const bool shift = event->modifiers() & Qt::ShiftModifier;
    switch (event->key()) {
        case Qt::Key_Left:
            shift ? pan({-kKeyPanPixels, 0}) : orbit(kKeyOrbitDegrees, 0);
            break;
        case Qt::Key_Right:
            shift ? pan({kKeyPanPixels, 0}) : orbit(-kKeyOrbitDegrees, 0);
            break;
        case Qt::Key_Up:
            shift ? pan({0, -kKeyPanPixels}) : orbit(0, kKeyOrbitDegrees);
            break;
        case Qt::Key_Down:
            shift ? pan({0, kKeyPanPixels}) : orbit(0, -kKeyOrbitDegrees);
            break;
        case Qt::Key_Plus:
        case Qt::Key_Equal:
            zoom(kZoomStep);
            break;
        case Qt::Key_Minus:
            zoom(1.0f / kZoomStep);
            break;
        case Qt::Key_Home:
        case Qt::Key_R:
            resetView();
            break;
        case Qt::Key_W:
            setWireframe(!m_wireframe);
            break;
        case Qt::Key_N:
            setShowNormals(!m_normals);
            break;
        case Qt::Key_B:
            setShowBoundingBox(!m_boundingBox);
            break;
        case Qt::Key_G:
            setShowGrid(!m_grid);
            break;
        case Qt::Key_Space:
            togglePlaying();
            break;
        default:
            QOpenGLWidget::keyPressEvent(event);
            return;
    }
    event->accept();
}

void GltfView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::PaletteChange)
        update();  // the background follows the theme
    QOpenGLWidget::changeEvent(event);
}

}  // namespace replicant::viewers
