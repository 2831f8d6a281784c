#include "replicant/widgets/card.h"

#include <QPainter>

namespace replicant::widgets {

namespace {
constexpr int kRadius = 8;
constexpr int kPaddingX = 20;
constexpr int kPaddingY = 16;
}  // namespace

Card::Card(QWidget* parent) : QWidget(parent) {
    setContentsMargins(kPaddingX, kPaddingY, kPaddingX, kPaddingY);
}

void Card::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette& p = palette();
    // Stand out from whatever the card sits on: Base on a Window background and vice versa.
    const QWidget* host = parentWidget();
    const bool onBase = host && host->backgroundRole() == QPalette::Base;
    QColor border = p.color(QPalette::Mid);
    if (p.color(QPalette::Window).lightness() < 128)
        border = p.color(QPalette::Light);  // dark palettes: Mid is darker than the fill
    painter.setPen(QPen(border, 1));
    painter.setBrush(p.color(onBase ? QPalette::AlternateBase : QPalette::Base));
    painter.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), kRadius, kRadius);
}

}  // namespace replicant::widgets
