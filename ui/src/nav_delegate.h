#pragma once

#include <QStyledItemDelegate>

namespace replicant::ui {

// Paints the sidebar's entries: icon and title, the current one on a rounded tint of the accent
// colour rather than a full-width highlight bar.
class NavDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    static constexpr int kItemHeight = 36;

    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

}  // namespace replicant::ui
