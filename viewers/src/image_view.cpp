#include "replicant/viewers/image_view.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace replicant::viewers {

ImageView::ImageView(QWidget* parent) : QAbstractScrollArea(parent) {
    setFocusPolicy(Qt::StrongFocus);
    setFrameShape(QFrame::NoFrame);
    viewport()->setBackgroundRole(QPalette::Base);
    horizontalScrollBar()->setSingleStep(20);
    verticalScrollBar()->setSingleStep(20);
}

void ImageView::setImage(const QImage& image) {
    m_image = image;
    m_pixmap = image.isNull() ? QPixmap() : QPixmap::fromImage(image);
    m_fit = true;
    setZoomValue(fitZoom());
    updateScrollBars();
    viewport()->update();
}

QSize ImageView::sizeHint() const {
    return {480, 360};
}

double ImageView::fitZoom() const {
    if (m_image.isNull())
        return 1.0;
    const QSize area = viewport()->size();
    const double sx = double(area.width()) / m_image.width();
    const double sy = double(area.height()) / m_image.height();
    return std::clamp(std::min({sx, sy, 1.0}), kMinZoom, kMaxZoom);
}

QSize ImageView::scaledSize() const {
    return {int(std::lround(m_image.width() * m_zoom)),
            int(std::lround(m_image.height() * m_zoom))};
}

QPointF ImageView::imageOrigin() const {
    const QSize content = scaledSize();
    const QSize area = viewport()->size();
    // Centred while smaller than the viewport, scrolled otherwise.
    const double x = content.width() < area.width() ? (area.width() - content.width()) / 2.0
                                                    : -horizontalScrollBar()->value();
    const double y = content.height() < area.height() ? (area.height() - content.height()) / 2.0
                                                      : -verticalScrollBar()->value();
    return {x, y};
}

void ImageView::setZoomValue(double zoom) {
    zoom = std::clamp(zoom, kMinZoom, kMaxZoom);
    if (qFuzzyCompare(zoom, m_zoom))
        return;
    m_zoom = zoom;
    emit zoomChanged(m_zoom);
}

void ImageView::setZoom(double zoom) {
    zoomAround(zoom, QRectF(viewport()->rect()).center());
}

void ImageView::zoomIn() {
    setZoom(m_zoom * kStep);
}

void ImageView::zoomOut() {
    setZoom(m_zoom / kStep);
}

void ImageView::fitToWindow() {
    m_fit = true;
    setZoomValue(fitZoom());
    updateScrollBars();
    viewport()->update();
}

void ImageView::showActualSize() {
    setZoom(1.0);
}

void ImageView::zoomAround(double zoom, QPointF viewportPos) {
    m_fit = false;
    if (m_image.isNull()) {
        setZoomValue(zoom);
        return;
    }
    // Keep the image point under viewportPos where it is.
    const QPointF imagePos = (viewportPos - imageOrigin()) / m_zoom;
    setZoomValue(zoom);
    updateScrollBars();
    const QPointF scrolled = imagePos * m_zoom - viewportPos;
    horizontalScrollBar()->setValue(int(std::lround(scrolled.x())));
    verticalScrollBar()->setValue(int(std::lround(scrolled.y())));
    viewport()->update();
}

void ImageView::updateScrollBars() {
    const QSize content = m_image.isNull() ? QSize() : scaledSize();
    const QSize area = viewport()->size();
    horizontalScrollBar()->setPageStep(area.width());
    verticalScrollBar()->setPageStep(area.height());
    horizontalScrollBar()->setRange(0, std::max(0, content.width() - area.width()));
    verticalScrollBar()->setRange(0, std::max(0, content.height() - area.height()));
}

void ImageView::paintEvent(QPaintEvent*) {
    QPainter painter(viewport());
    if (m_pixmap.isNull()) {
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(viewport()->rect(), Qt::AlignCenter, tr("No image"));
        return;
    }
    // Smooth when shrinking or mildly enlarging; crisp pixels when inspecting close up.
    painter.setRenderHint(QPainter::SmoothPixmapTransform, m_zoom < 4.0);
    const QRectF target(imageOrigin(), QSizeF(scaledSize()));
    painter.drawPixmap(target, m_pixmap, QRectF(m_pixmap.rect()));
}

void ImageView::resizeEvent(QResizeEvent* event) {
    QAbstractScrollArea::resizeEvent(event);
    if (m_fit)
        setZoomValue(fitZoom());
    updateScrollBars();
}

void ImageView::wheelEvent(QWheelEvent* event) {
    const int delta = event->angleDelta().y();
    if (m_image.isNull() || delta == 0) {
        event->ignore();
        return;
    }
    zoomAround(m_zoom * std::pow(kStep, delta / 120.0), event->position());
    event->accept();
}

void ImageView::keyPressEvent(QKeyEvent* event) {
    const bool ctrl = event->modifiers() & Qt::ControlModifier;
    const int key = event->key();
    if (event->matches(QKeySequence::ZoomIn) ||
        (ctrl && (key == Qt::Key_Plus || key == Qt::Key_Equal)))
        zoomIn();
    else if (event->matches(QKeySequence::ZoomOut) || (ctrl && key == Qt::Key_Minus))
        zoomOut();
    else if (ctrl && key == Qt::Key_0)
        fitToWindow();
    else if (ctrl && key == Qt::Key_1)
        showActualSize();
    else
        return QAbstractScrollArea::keyPressEvent(event);
    event->accept();
}

void ImageView::mousePressEvent(QMouseEvent* event) {
    const bool scrollable =
        horizontalScrollBar()->maximum() > 0 || verticalScrollBar()->maximum() > 0;
    if (event->button() == Qt::LeftButton && scrollable) {
        m_panning = true;
        m_panLast = event->position().toPoint();
        viewport()->setCursor(Qt::ClosedHandCursor);
        event->accept();
        return;
    }
    QAbstractScrollArea::mousePressEvent(event);
}

void ImageView::mouseMoveEvent(QMouseEvent* event) {
    if (!m_panning)
        return QAbstractScrollArea::mouseMoveEvent(event);
    const QPoint pos = event->position().toPoint();
    const QPoint delta = pos - m_panLast;
    m_panLast = pos;
    horizontalScrollBar()->setValue(horizontalScrollBar()->value() - delta.x());
    verticalScrollBar()->setValue(verticalScrollBar()->value() - delta.y());
    event->accept();
}

void ImageView::mouseReleaseEvent(QMouseEvent* event) {
    if (m_panning && event->button() == Qt::LeftButton) {
        m_panning = false;
        viewport()->unsetCursor();
        event->accept();
        return;
    }
    QAbstractScrollArea::mouseReleaseEvent(event);
}

void ImageView::mouseDoubleClickEvent(QMouseEvent* event) {
    if (m_image.isNull() || event->button() != Qt::LeftButton)
        return QAbstractScrollArea::mouseDoubleClickEvent(event);
    if (m_fit)
        zoomAround(1.0, event->position());
    else
        fitToWindow();
    event->accept();
}

void ImageView::scrollContentsBy(int, int) {
    viewport()->update();
}

}  // namespace replicant::viewers
