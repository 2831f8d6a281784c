#include "replicant/widgets/separator.h"

#include <QPainter>

namespace replicant::widgets {

Separator::Separator(Qt::Orientation orientation, QWidget* parent) : QWidget(parent) {
    if (orientation == Qt::Horizontal)
        setFixedHeight(1);
    else
        setFixedWidth(1);
    setSizePolicy(orientation == Qt::Horizontal ? QSizePolicy::Expanding : QSizePolicy::Fixed,
                  orientation == Qt::Horizontal ? QSizePolicy::Fixed : QSizePolicy::Expanding);
}

void Separator::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    const QPalette& p = palette();
    const bool dark = p.color(QPalette::Window).lightness() < 128;
    painter.fillRect(rect(), p.color(dark ? QPalette::Dark : QPalette::Mid));
}

}  // namespace replicant::widgets
