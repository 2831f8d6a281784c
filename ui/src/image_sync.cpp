#include "image_sync.h"

#include <QScrollBar>

#include "replicant/viewers/image_view.h"

namespace replicant::ui {

namespace {
double fraction(const QScrollBar* bar) {
    return bar->maximum() > bar->minimum()
               ? double(bar->value() - bar->minimum()) / (bar->maximum() - bar->minimum())
               : 0.5;
}

void setFraction(QScrollBar* bar, double f) {
    bar->setValue(bar->minimum() + qRound(f * (bar->maximum() - bar->minimum())));
}
}  // namespace

void ImageSync::add(viewers::ImageView* view) {
    if (!view || views().contains(view))
        return;
    m_views.append(view);
    connect(view, &viewers::ImageView::zoomChanged, this, [this, view] { zoomFrom(view); });
    for (QScrollBar* bar : {view->horizontalScrollBar(), view->verticalScrollBar()})
        connect(bar, &QScrollBar::valueChanged, this, [this, view] { scrollFrom(view); });
    connect(view, &QObject::destroyed, this, [this] {
        m_views.removeIf([](const QPointer<viewers::ImageView>& v) { return v.isNull(); });
    });
}

void ImageSync::remove(viewers::ImageView* view) {
    if (!view)
        return;
    disconnect(view, nullptr, this, nullptr);
    disconnect(view->horizontalScrollBar(), nullptr, this, nullptr);
    disconnect(view->verticalScrollBar(), nullptr, this, nullptr);
    m_views.removeIf([view](const QPointer<viewers::ImageView>& v) { return v == view; });
}

QVector<viewers::ImageView*> ImageSync::views() const {
    QVector<viewers::ImageView*> out;
    for (const auto& v : m_views) {
        if (v)
            out.append(v);
    }
    return out;
}

void ImageSync::zoomFrom(viewers::ImageView* source) {
    if (m_busy || source->image().isNull())
        return;
    m_busy = true;
    for (viewers::ImageView* view : views()) {
        if (view == source || view->image().isNull())
            continue;
        if (source->fitsToWindow()) {
            if (!view->fitsToWindow())
                view->fitToWindow();
        } else {
            view->setZoom(source->zoom() * source->image().width() / view->image().width());
        }
    }
    m_busy = false;
    scrollFrom(source);
}

void ImageSync::scrollFrom(viewers::ImageView* source) {
    if (m_busy)
        return;
    m_busy = true;
    const double x = fraction(source->horizontalScrollBar());
    const double y = fraction(source->verticalScrollBar());
    for (viewers::ImageView* view : views()) {
        if (view == source)
            continue;
        setFraction(view->horizontalScrollBar(), x);
        setFraction(view->verticalScrollBar(), y);
    }
    m_busy = false;
}

}  // namespace replicant::ui
