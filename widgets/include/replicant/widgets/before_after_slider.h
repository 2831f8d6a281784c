#pragma once

#include <QImage>
#include <QPixmap>
#include <QPointF>
#include <QRectF>
#include <QString>
#include <QWidget>

class QTouchEvent;

namespace replicant::widgets {

// Two images on top of each other, split by a divider: "before" shows left of it, "after" right
// of it. The divider follows a mouse drag or a touch, jumps to a click, and moves with Left/Right
// (Shift: ten times further), Home and End. Both sides share one zoom (wheel around the cursor,
// +/-, 0 to fit, a two-finger pinch) and one pan (drag with Ctrl held, with the middle button, or
// with two fingers), so the same detail stays under the divider.
//
// Images of different sizes are aligned on a common frame: the frame has the aspect ratio of the
// image with more pixels, which fills it; the other image is scaled (up or down) to fit inside
// the frame, keeping its aspect ratio, and centred. An upscaled output therefore lies exactly on
// its input, and a crop or a different aspect ratio is letterboxed, never stretched.
//
// The divider's position (0..1) is measured across the part of the frame on screen, so it stays
// on the image whatever the zoom. Colours come from the palette (light and dark themes).
class BeforeAfterSlider : public QWidget {
    Q_OBJECT
    Q_PROPERTY(double position READ position WRITE setPosition NOTIFY positionChanged)

public:
    static constexpr double kSmallStep = 0.01;  // Left/Right
    static constexpr double kLargeStep = 0.1;   // Shift+Left/Right
    static constexpr double kMaxZoom = 32.0;    // relative to the fitted frame
    static constexpr double kZoomStep = 1.25;   // one wheel notch or one key press

    explicit BeforeAfterSlider(QWidget* parent = nullptr);

    void setImages(const QImage& before, const QImage& after);
    void setBeforeImage(const QImage& image);
    void setAfterImage(const QImage& image);
    const QImage& beforeImage() const { return m_before; }
    const QImage& afterImage() const { return m_after; }

    // The captions drawn in the top corners ("Before" and "After" unless set).
    void setLabels(const QString& before, const QString& after);
    QString beforeLabel() const { return m_beforeLabel; }
    QString afterLabel() const { return m_afterLabel; }

    // 0: all "after"; 1: all "before"; 0.5 at first.
    double position() const { return m_position; }
    // The divider's x in widget coordinates.
    double dividerX() const;

    // 1 fits the frame to the widget; up to kMaxZoom.
    double zoom() const { return m_zoom; }
    // The point of the frame at the centre of the view, in frame fractions (0.5, 0.5 centred).
    QPointF center() const { return m_center; }
    // The frame's rectangle in widget coordinates at the current zoom and pan, and where each
    // image is drawn in it (for tests and for lining things up with the view).
    QRectF frameRect() const;
    QRectF beforeRect() const;
    QRectF afterRect() const;

    QSize sizeHint() const override;

public slots:
    void setPosition(double position);
    // Zoom and pan together (another view's, say); clamped. Emits viewChanged() when it changes.
    void setView(double zoom, QPointF center);
    void zoomIn();
    void zoomOut();
    void resetView();

signals:
    void positionChanged(double position);
    // Zoom or pan changed: connect to setView() of another slider to keep them in step.
    void viewChanged(double zoom, QPointF center);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    bool event(QEvent* event) override;

private:
    QSizeF frameSize() const;   // the aspect box (the larger image's size)
    QRectF fittedRect() const;  // the frame at zoom 1
    QRectF visibleFrame() const;
    QRectF imageRect(const QImage& image) const;
    void moveDividerTo(double x);
    void zoomAround(double zoom, QPointF widgetPos);
    void panBy(QPointF delta);
    void touch(QTouchEvent* event);
    void updateAccessibleValue();
    void paintImage(QPainter& p, const QPixmap& pixmap, const QImage& image, const QRectF& clip);
    void paintLabel(QPainter& p, const QString& text, bool left);
    void paintDivider(QPainter& p);

    QImage m_before;
    QImage m_after;
    QPixmap m_beforePixmap;
    QPixmap m_afterPixmap;
    QString m_beforeLabel;
    QString m_afterLabel;
    double m_position = 0.5;
    double m_zoom = 1.0;
    QPointF m_center{0.5, 0.5};
    enum class Drag { None, Divider, Pan } m_drag = Drag::None;
    QPointF m_last;
    double m_pinchDistance = 0;  // between two fingers at the last touch event; 0: no pinch
};

}  // namespace replicant::widgets
