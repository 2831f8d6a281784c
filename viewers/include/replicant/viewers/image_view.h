#pragma once

#include <QAbstractScrollArea>
#include <QImage>
#include <QPixmap>
#include <QPoint>
#include <QPointF>

namespace replicant::viewers {

// Shows one image, fitted to the window or at a chosen zoom. The wheel zooms around the cursor,
// Ctrl++ / Ctrl+- zoom around the centre, Ctrl+0 fits, Ctrl+1 shows actual pixels, a double
// click toggles between fit and actual size, and dragging pans a zoomed image.
class ImageView : public QAbstractScrollArea {
    Q_OBJECT

public:
    static constexpr double kMinZoom = 0.02;
    static constexpr double kMaxZoom = 32.0;
    static constexpr double kStep = 1.25;  // one wheel notch or one key press

    explicit ImageView(QWidget* parent = nullptr);

    void setImage(const QImage& image);  // also resets to fit-to-window
    const QImage& image() const { return m_image; }
    void clear() { setImage({}); }

    // The scale in force (1.0 shows one image pixel per device-independent pixel).
    double zoom() const { return m_zoom; }
    // Whether the view refits the image as it is resized. Fitting shrinks large images to the
    // window but never enlarges small ones past their actual size.
    bool fitsToWindow() const { return m_fit; }

    void setZoom(double zoom);  // leaves fit mode; clamped to [kMinZoom, kMaxZoom]
    void zoomIn();
    void zoomOut();
    void fitToWindow();
    void showActualSize();

    QSize sizeHint() const override;

signals:
    void zoomChanged(double zoom);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void scrollContentsBy(int dx, int dy) override;

private:
    double fitZoom() const;
    QSize scaledSize() const;
    QPointF imageOrigin() const;  // where the image's top-left lies in viewport coordinates
    void zoomAround(double zoom, QPointF viewportPos);
    void updateScrollBars();
    void setZoomValue(double zoom);

    QImage m_image;
    QPixmap m_pixmap;  // m_image converted once, for fast repeated drawing
    double m_zoom = 1.0;
    bool m_fit = true;
    bool m_panning = false;
    QPoint m_panLast;
};

}  // namespace replicant::viewers
