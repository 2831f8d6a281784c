#pragma once

#include <QDialog>
#include <QPointer>
#include <QVector>

class QComboBox;

namespace replicant::widgets {
class BeforeAfterSlider;
}

namespace replicant::ui {

class CompareColumn;

// "Compare two outputs": the before/after slider on the images of two columns of the grid, each
// picked from the columns whose output is an image.
class CompareOutputsDialog : public QDialog {
    Q_OBJECT

public:
    // `columns` are those with an image output (at least two); the first two are shown.
    CompareOutputsDialog(const QVector<CompareColumn*>& columns, QWidget* parent = nullptr);

    widgets::BeforeAfterSlider* slider() const { return m_slider; }
    // Shows columns `left` and `right` (indexes into the list given).
    void showPair(int left, int right);

private:
    void refresh();

    QVector<QPointer<CompareColumn>> m_columns;
    QComboBox* m_left;
    QComboBox* m_right;
    widgets::BeforeAfterSlider* m_slider;
};

}  // namespace replicant::ui
