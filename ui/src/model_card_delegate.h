#pragma once

#include <QStyledItemDelegate>

namespace replicant::ui {

class CoverCache;

// Paints a model of ModelListModel as a card: the cover (or a generated one) across the top,
// owner/name, two lines of description and the run count.
class ModelCardDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    static constexpr int kCardWidth = 264;
    static constexpr int kCardHeight = 236;
    static constexpr int kCoverHeight = 120;

    ModelCardDelegate(CoverCache* covers, QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

private:
    CoverCache* m_covers;
};

}  // namespace replicant::ui
