#pragma once

#include <QObject>
#include <QPointer>
#include <QVector>

namespace replicant::viewers {
class ImageView;
}

namespace replicant::ui {

// Keeps image views zoomed and panned together: zooming one zooms the others to show the same
// part of their image (zoom scaled by the ratio of the image widths, so a 2x upscale lines up
// with its input), scrolling one scrolls the others to the same fraction, and fitting one fits
// them all. Views are forgotten when they are destroyed.
class ImageSync : public QObject {
    Q_OBJECT

public:
    using QObject::QObject;

    void add(viewers::ImageView* view);
    void remove(viewers::ImageView* view);
    QVector<viewers::ImageView*> views() const;

private:
    void zoomFrom(viewers::ImageView* source);
    void scrollFrom(viewers::ImageView* source);

    QVector<QPointer<viewers::ImageView>> m_views;
    bool m_busy = false;  // a change being passed on: do not echo it back
};

}  // namespace replicant::ui
