#include "nav_delegate.h"

#include <QPainter>

namespace replicant::ui {

namespace {
constexpr int kPadding = 10;
constexpr int kIconSize = 18;
constexpr qreal kRadius = 6;

bool isDark(const QPalette& palette) {
    return palette.color(QPalette::Window).lightness() < 128;
}
}  // namespace

void NavDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                        const QModelIndex& index) const {
    QStyleOptionViewItem opt(option);
    initStyleOption(&opt, index);
    const QPalette& palette = opt.palette;
    const bool selected = opt.state & QStyle::State_Selected;
    const bool hovered = opt.state & QStyle::State_MouseOver;

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    if (selected || hovered) {
        QColor fill = palette.color(selected ? QPalette::Highlight : QPalette::Text);
        fill.setAlphaF(selected ? (isDark(palette) ? 0.30 : 0.14) : 0.06);
        painter->setPen(Qt::NoPen);
        painter->setBrush(fill);
        painter->drawRoundedRect(QRectF(opt.rect).adjusted(0, 1, 0, -1), kRadius, kRadius);
    }

    const QRect iconRect(opt.rect.left() + kPadding, opt.rect.center().y() - kIconSize / 2 + 1,
                         kIconSize, kIconSize);
    opt.icon.paint(painter, iconRect, Qt::AlignCenter, selected ? QIcon::Selected : QIcon::Normal);

    QFont font = opt.font;
    if (selected)
        font.setWeight(QFont::DemiBold);
    painter->setFont(font);
    // The link colour is the accent with enough contrast on the tinted fill, in both themes.
    painter->setPen(palette.color(selected ? QPalette::Link : QPalette::Text));
    const QRect textRect = opt.rect.adjusted(kPadding + kIconSize + kPadding, 0, -kPadding, 0);
    const QString text = QFontMetrics(font).elidedText(opt.text, Qt::ElideRight, textRect.width());
    painter->drawText(textRect, Qt::AlignVCenter | Qt::AlignLeft, text);
    painter->restore();
}

QSize NavDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const {
    return {QStyledItemDelegate::sizeHint(option, index).width(), kItemHeight};
}

}  // namespace replicant::ui
