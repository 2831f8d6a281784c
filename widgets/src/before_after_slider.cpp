#include "replicant/widgets/before_after_slider.h"

#include <QAccessible>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QTouchEvent>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

#include "before_after_accessible.h"

namespace replicant::widgets {

namespace {
constexpr int kMargin = 8;         // around the fitted frame
constexpr double kGrabWidth = 12;  // how close to the divider a press grabs it
constexpr int kHandleRadius = 14;
constexpr double kWheelNotch = 120.0;
}  // namespace

BeforeAfterSlider::BeforeAfterSlider(QWidget* parent)
    : QWidget(parent), m_beforeLabel(tr("Before")), m_afterLabel(tr("After")) {
    setObjectName(QStringLiteral("beforeAfterSlider"));
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setAttribute(Qt::WA_AcceptTouchEvents);
    setAccessibleName(tr("Before and after comparison"));
    setToolTip(
        tr("Drag the divider (or use Left/Right) to compare. Wheel or +/- zooms both "
           "images; Ctrl+drag or the middle button pans; 0 fits."));
    setMinimumSize(120, 90);
    static const bool installed = [] {
        QAccessible::installFactory(beforeAfterAccessibleFactory);
        return true;
    }();
    Q_UNUSED(installed);
    updateAccessibleValue();
}

void BeforeAfterSlider::setImages(const QImage& before, const QImage& after) {
    m_before = before;
    m_after = after;
    m_beforePixmap = QPixmap::fromImage(before);
    m_afterPixmap = QPixmap::fromImage(after);
    update();
}

void BeforeAfterSlider::setBeforeImage(const QImage& image) {
    setImages(image, m_after);
}

void BeforeAfterSlider::setAfterImage(const QImage& image) {
    setImages(m_before, image);
}

void BeforeAfterSlider::setLabels(const QString& before, const QString& after) {
    m_beforeLabel = before;
    m_afterLabel = after;
    updateAccessibleValue();
    update();
}

QSize BeforeAfterSlider::sizeHint() const {
    return {640, 420};
}

QSizeF BeforeAfterSlider::frameSize() const {
    const QSizeF b = m_before.size(), a = m_after.size();
    if (b.isEmpty())
        return a.isEmpty() ? QSizeF(4, 3) : a;
    if (a.isEmpty())
        return b;
    return b.width() * b.height() > a.width() * a.height() ? b : a;
}

QRectF BeforeAfterSlider::fittedRect() const {
    const QRectF area = QRectF(rect()).adjusted(kMargin, kMargin, -kMargin, -kMargin);
    QSizeF size = frameSize();
    size.scale(area.size(), Qt::KeepAspectRatio);
    QRectF fitted(QPointF(), size);
    fitted.moveCenter(area.center());
    return fitted;
}

QRectF BeforeAfterSlider::frameRect() const {
    const QRectF fitted = fittedRect();
    const QSizeF size = fitted.size() * m_zoom;
    // The frame point m_center lies at the view's centre.
    const QPointF topLeft =
        fitted.center() - QPointF(m_center.x() * size.width(), m_center.y() * size.height());
    return {topLeft, size};
}

QRectF BeforeAfterSlider::visibleFrame() const {
    return frameRect().intersected(QRectF(rect()));
}

QRectF BeforeAfterSlider::imageRect(const QImage& image) const {
    const QRectF frame = frameRect();
    if (image.isNull())
        return frame;
    QSizeF size = image.size();
    size.scale(frame.size(), Qt::KeepAspectRatio);
    QRectF r(QPointF(), size);
    r.moveCenter(frame.center());
    return r;
}

QRectF BeforeAfterSlider::beforeRect() const {
    return imageRect(m_before);
}

QRectF BeforeAfterSlider::afterRect() const {
    return imageRect(m_after);
}

double BeforeAfterSlider::dividerX() const {
    const QRectF visible = visibleFrame();
    return visible.left() + m_position * visible.width();
}

void BeforeAfterSlider::setPosition(double position) {
    position = std::clamp(std::isfinite(position) ? position : 0.5, 0.0, 1.0);
    if (qFuzzyCompare(position + 1, m_position + 1))
        return;
    m_position = position;
    updateAccessibleValue();
    update();
    emit positionChanged(position);
}

void BeforeAfterSlider::moveDividerTo(double x) {
    const QRectF visible = visibleFrame();
    if (visible.width() <= 0)
        return;
    setPosition((x - visible.left()) / visible.width());
}

void BeforeAfterSlider::setView(double zoom, QPointF center) {
    zoom = std::clamp(std::isfinite(zoom) ? zoom : 1.0, 1.0, kMaxZoom);
    // Keep the view on the frame: at zoom z, a view centre closer than 1/(2z) to an edge would
    // show empty space beside a frame that could fill it.
    const double half = 0.5 / zoom;
    center.setX(std::clamp(std::isfinite(center.x()) ? center.x() : 0.5, half, 1.0 - half));
    center.setY(std::clamp(std::isfinite(center.y()) ? center.y() : 0.5, half, 1.0 - half));
    if (qFuzzyCompare(zoom, m_zoom) && qFuzzyCompare(center.x() + 1, m_center.x() + 1) &&
        qFuzzyCompare(center.y() + 1, m_center.y() + 1))
        return;
    m_zoom = zoom;
    m_center = center;
    update();
    emit viewChanged(m_zoom, m_center);
}

void BeforeAfterSlider::zoomAround(double zoom, QPointF widgetPos) {
    zoom = std::clamp(zoom, 1.0, kMaxZoom);
    const QRectF frame = frameRect();
    if (frame.isEmpty())
        return;
    // The frame point under the cursor stays under it.
    const QPointF anchor((widgetPos.x() - frame.left()) / frame.width(),
                         (widgetPos.y() - frame.top()) / frame.height());
    const QRectF fitted = fittedRect();
    const QSizeF size = fitted.size() * zoom;
    const QPointF offset = (fitted.center() - widgetPos);
    setView(zoom, QPointF(anchor.x() + offset.x() / size.width(),
                          anchor.y() + offset.y() / size.height()));
}

void BeforeAfterSlider::panBy(QPointF delta) {
    const QRectF frame = frameRect();
    if (frame.isEmpty())
        return;
    setView(m_zoom, m_center - QPointF(delta.x() / frame.width(), delta.y() / frame.height()));
}

void BeforeAfterSlider::zoomIn() {
    zoomAround(m_zoom * kZoomStep, rect().center());
}

void BeforeAfterSlider::zoomOut() {
    zoomAround(m_zoom / kZoomStep, rect().center());
}

void BeforeAfterSlider::resetView() {
    setView(1.0, {0.5, 0.5});
}

void BeforeAfterSlider::mousePressEvent(QMouseEvent* event) {
    m_last = event->position();
    const bool pan =
        event->button() == Qt::MiddleButton ||
        (event->button() == Qt::LeftButton && (event->modifiers() & Qt::ControlModifier));
    if (pan) {
        m_drag = Drag::Pan;
        setCursor(Qt::ClosedHandCursor);
    } else if (event->button() == Qt::LeftButton) {
        // A click away from the divider jumps there; either way the drag follows.
        m_drag = Drag::Divider;
        moveDividerTo(event->position().x());
    }
    event->accept();
}

void BeforeAfterSlider::mouseMoveEvent(QMouseEvent* event) {
    if (m_drag == Drag::Divider) {
        moveDividerTo(event->position().x());
    } else if (m_drag == Drag::Pan) {
        panBy(event->position() - m_last);
        m_last = event->position();
    } else {
        const bool near = std::abs(event->position().x() - dividerX()) <= kGrabWidth;
        setCursor(near ? Qt::SplitHCursor : Qt::ArrowCursor);
    }
}

void BeforeAfterSlider::mouseReleaseEvent(QMouseEvent* event) {
    m_drag = Drag::None;
    unsetCursor();
    event->accept();
}

void BeforeAfterSlider::wheelEvent(QWheelEvent* event) {
    const double notches = event->angleDelta().y() / kWheelNotch;
    if (notches == 0) {
        event->ignore();
        return;
    }
    zoomAround(m_zoom * std::pow(kZoomStep, notches), event->position());
    event->accept();
}

void BeforeAfterSlider::keyPressEvent(QKeyEvent* event) {
    const double step = (event->modifiers() & Qt::ShiftModifier) ? kLargeStep : kSmallStep;
    switch (event->key()) {
        case Qt::Key_Left:
            setPosition(m_position - step);
            break;
        case Qt::Key_Right:
            setPosition(m_position + step);
            break;
        case Qt::Key_Home:
            setPosition(0);
            break;
        case Qt::Key_End:
            setPosition(1);
            break;
        case Qt::Key_Plus:
        case Qt::Key_Equal:
            zoomIn();
            break;
        case Qt::Key_Minus:
            zoomOut();
            break;
        case Qt::Key_0:
            resetView();
            break;
        default:
            QWidget::keyPressEvent(event);
            return;
    }
    event->accept();
}

// One finger moves the divider; two pinch to zoom around their midpoint and pan as it moves
// (a touch screen has no modifier to pan with).
void BeforeAfterSlider::touch(QTouchEvent* event) {
    event->accept();
    const auto& points = event->points();
    if (points.size() >= 2 && event->type() != QEvent::TouchEnd) {
        const QPointF a = points[0].position(), b = points[1].position();
        const double distance = QLineF(a, b).length();
        const QPointF middle = (a + b) / 2;
        if (m_pinchDistance > 0 && distance > 0) {
            panBy(middle - m_last);
            zoomAround(m_zoom * distance / m_pinchDistance, middle);
        }
        m_pinchDistance = distance;
        m_last = middle;
        return;
    }
    m_pinchDistance = 0;
    if (points.size() == 1)
        moveDividerTo(points.constFirst().position().x());
}

bool BeforeAfterSlider::event(QEvent* event) {
    switch (event->type()) {
        case QEvent::TouchBegin:
        case QEvent::TouchUpdate:
        case QEvent::TouchEnd:
            touch(static_cast<QTouchEvent*>(event));
            return true;
        case QEvent::PaletteChange:
            update();
            break;
        default:
            break;
    }
    return QWidget::event(event);
}

void BeforeAfterSlider::updateAccessibleValue() {
    const int percent = qRound(m_position * 100);
    setAccessibleDescription(tr("%1 on the left of the divider, %2 on the right; divider at %3%")
                                 .arg(m_beforeLabel, m_afterLabel)
                                 .arg(percent));
    if (QAccessible::isActive()) {
        QAccessibleValueChangeEvent change(this, percent);
        QAccessible::updateAccessibility(&change);
    }
}

void BeforeAfterSlider::paintImage(QPainter& p, const QPixmap& pixmap, const QImage& image,
                                   const QRectF& clip) {
    if (clip.isEmpty())
        return;
    p.save();
    p.setClipRect(clip);
    if (pixmap.isNull()) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(clip, Qt::AlignCenter, tr("No image"));
    } else {
        p.drawPixmap(imageRect(image), pixmap, QRectF(pixmap.rect()));
    }
    p.restore();
}

void BeforeAfterSlider::paintLabel(QPainter& p, const QString& text, bool left) {
    if (text.isEmpty())
        return;
    const QRectF visible = visibleFrame();
    const QFontMetricsF metrics(font());
    const QSizeF size(metrics.horizontalAdvance(text) + 16, metrics.height() + 8);
    const QPointF corner = left ? visible.topLeft() + QPointF(8, 8)
                                : visible.topRight() + QPointF(-8 - size.width(), 8);
    const QRectF box(corner, size);
    QColor fill = palette().color(QPalette::Window);
    fill.setAlphaF(0.82f);
    p.setPen(Qt::NoPen);
    p.setBrush(fill);
    p.drawRoundedRect(box, size.height() / 2, size.height() / 2);
    p.setPen(palette().color(QPalette::WindowText));
    p.drawText(box, Qt::AlignCenter, text);
}

void BeforeAfterSlider::paintDivider(QPainter& p) {
    const QRectF visible = visibleFrame();
    const double x = dividerX();
    // The line lies on the images, whose colours do not follow the theme: white with a dark
    // edge shows on any picture. The handle follows the palette.
    const QColor line = palette().color(QPalette::Base);
    const QColor accent =
        hasFocus() ? palette().color(QPalette::Highlight) : palette().color(QPalette::Mid);
    p.setPen(QPen(QColor(0, 0, 0, 110), 4));
    p.drawLine(QPointF(x, visible.top()), QPointF(x, visible.bottom()));
    p.setPen(QPen(Qt::white, 2));
    p.drawLine(QPointF(x, visible.top()), QPointF(x, visible.bottom()));
    // A round handle with two arrows, halfway down.
    const QPointF c(x, visible.center().y());
    p.setPen(QPen(accent, 2));
    p.setBrush(line);
    p.drawEllipse(c, kHandleRadius, kHandleRadius);
    QPainterPath arrows;
    for (int dir : {-1, 1}) {
        arrows.moveTo(c + QPointF(dir * 3, -5));
        arrows.lineTo(c + QPointF(dir * 8, 0));
        arrows.lineTo(c + QPointF(dir * 3, 5));
    }
    p.setBrush(Qt::NoBrush);
    p.setPen(QPen(palette().color(QPalette::Text), 2, Qt::SolidLine, Qt::RoundCap));
    p.drawPath(arrows);
}

void BeforeAfterSlider::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    const QRectF visible = visibleFrame();
    p.fillRect(visible, palette().color(QPalette::AlternateBase));
    const double x = dividerX();
    paintImage(p, m_beforePixmap, m_before,
               QRectF(visible.topLeft(), QPointF(x, visible.bottom())));
    paintImage(p, m_afterPixmap, m_after, QRectF(QPointF(x, visible.top()), visible.bottomRight()));
    paintLabel(p, m_beforeLabel, true);
    paintLabel(p, m_afterLabel, false);
    paintDivider(p);
}

}  // namespace replicant::widgets
