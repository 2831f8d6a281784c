#include "model_card_delegate.h"

#include <QPainter>
#include <QPainterPath>
#include <QTextLayout>

#include "cover_cache.h"
#include "model_list_model.h"
#include "replicant/ui/client/model.h"

namespace replicant::ui {

namespace {
constexpr qreal kRadius = 10;
constexpr int kPad = 14;

bool isDark(const QPalette& p) {
    return p.color(QPalette::Window).lightness() < 128;
}

// Draws `text` in at most `maxLines` lines of `width`, the last one elided.
void drawWrapped(QPainter* painter, const QRect& rect, const QString& text, int maxLines) {
    const QFontMetrics fm(painter->font());
    QTextLayout layout(text, painter->font());
    layout.beginLayout();
    int y = rect.top();
    int lines = 0;
    while (true) {
        QTextLine line = layout.createLine();
        if (!line.isValid())
            break;
        line.setLineWidth(rect.width());
        ++lines;
        if (lines == maxLines) {
            const QString rest = text.mid(line.textStart());
            painter->drawText(QPoint(rect.left(), y + fm.ascent()),
                              fm.elidedText(rest.simplified(), Qt::ElideRight, rect.width()));
            break;
        }
        line.draw(painter, QPointF(rect.left(), y));
        y += fm.lineSpacing();
    }
    layout.endLayout();
}
}  // namespace

ModelCardDelegate::ModelCardDelegate(CoverCache* covers, QObject* parent)
    : QStyledItemDelegate(parent), m_covers(covers) {}

QSize ModelCardDelegate::sizeHint(const QStyleOptionViewItem&, const QModelIndex&) const {
    return {kCardWidth, kCardHeight};
}

void ModelCardDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                              const QModelIndex& index) const {
    const QPalette& palette = option.palette;
    const bool hovered = option.state & QStyle::State_MouseOver;
    const bool focused = option.state & QStyle::State_HasFocus;
    const QRectF card = QRectF(option.rect).adjusted(4.5, 4.5, -4.5, -4.5);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QColor border = palette.color(isDark(palette) ? QPalette::Light : QPalette::Mid);
    if (hovered || focused)
        border = palette.color(QPalette::Highlight);
    QPainterPath shape;
    shape.addRoundedRect(card, kRadius, kRadius);
    painter->fillPath(shape, palette.color(QPalette::AlternateBase));

    // Cover, clipped to the card's rounded top.
    const QRectF coverRect(card.left(), card.top(), card.width(), kCoverHeight);
    const QString fullName = index.data(ModelListModel::FullNameRole).toString();
    QImage cover = m_covers->cover(index.data(ModelListModel::CoverUrlRole).toString());
    if (cover.isNull())
        cover = CoverCache::placeholder(fullName, QSize(kCardWidth, kCoverHeight));
    painter->save();
    painter->setClipPath(shape);
    // Fill the area, cropping the image's overflow (like CSS object-fit: cover).
    const QSizeF scaled =
        QSizeF(cover.size()).scaled(coverRect.size(), Qt::KeepAspectRatioByExpanding);
    const QRectF source(
        (scaled.width() - coverRect.width()) / 2 * cover.width() / scaled.width(),
        (scaled.height() - coverRect.height()) / 2 * cover.height() / scaled.height(),
        coverRect.width() * cover.width() / scaled.width(),
        coverRect.height() * cover.height() / scaled.height());
    painter->setRenderHint(QPainter::SmoothPixmapTransform);
    painter->drawImage(coverRect, cover, source);
    painter->restore();

    painter->setPen(QPen(border, hovered || focused ? 1.5 : 1));
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(shape);

    const QRect text = card.toRect().adjusted(kPad, kCoverHeight + 10, -kPad, -10);
    QFont titleFont = option.font;
    titleFont.setWeight(QFont::DemiBold);
    painter->setFont(titleFont);
    painter->setPen(palette.color(QPalette::Text));
    const QFontMetrics titleMetrics(titleFont);
    painter->drawText(QPoint(text.left(), text.top() + titleMetrics.ascent()),
                      titleMetrics.elidedText(fullName, Qt::ElideMiddle, text.width()));

    QFont small = option.font;
    small.setPointSizeF(small.pointSizeF() * 0.92);
    painter->setFont(small);
    const QFontMetrics smallMetrics(small);
    const QString description = index.data(ModelListModel::DescriptionRole).toString();
    painter->setPen(
        palette.color(description.isEmpty() ? QPalette::PlaceholderText : QPalette::Text));
    const QRect descriptionRect(text.left(), text.top() + titleMetrics.height() + 6, text.width(),
                                smallMetrics.lineSpacing() * 2);
    drawWrapped(painter, descriptionRect,
                description.isEmpty() ? tr("No description") : description, 2);

    painter->setPen(palette.color(QPalette::PlaceholderText));
    const qint64 runs = index.data(ModelListModel::RunCountRole).toLongLong();
    QString footer = tr("%1 runs").arg(compactCount(runs));
    if (runs == 1)
        footer = tr("1 run");
    if (index.data(ModelListModel::OfficialRole).toBool())
        footer += tr("  \u00b7  official");
    painter->drawText(QRect(text.left(), text.bottom() - smallMetrics.height(), text.width(),
                            smallMetrics.height()),
                      Qt::AlignLeft | Qt::AlignVCenter, QStringLiteral("\u25b6  ") + footer);
    painter->restore();
}

}  // namespace replicant::ui
