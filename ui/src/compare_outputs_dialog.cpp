#include "compare_outputs_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

#include "replicant/ui/compare_column.h"
#include "replicant/widgets/before_after_slider.h"

namespace replicant::ui {

CompareOutputsDialog::CompareOutputsDialog(const QVector<CompareColumn*>& columns, QWidget* parent)
    : QDialog(parent),
      m_left(new QComboBox(this)),
      m_right(new QComboBox(this)),
      m_slider(new widgets::BeforeAfterSlider(this)) {
    setObjectName(QStringLiteral("compareOutputsDialog"));
    setWindowTitle(tr("Compare two outputs"));
    m_left->setObjectName(QStringLiteral("leftOutput"));
    m_left->setAccessibleName(tr("Left image"));
    m_right->setObjectName(QStringLiteral("rightOutput"));
    m_right->setAccessibleName(tr("Right image"));
    for (CompareColumn* column : columns)
        m_columns.append(column);
    for (qsizetype i = 0; i < columns.size(); ++i) {
        const QString name = tr("%1. %2").arg(i + 1).arg(columns[i]->title());
        m_left->addItem(name);
        m_right->addItem(name);
    }
    connect(m_left, &QComboBox::currentIndexChanged, this, &CompareOutputsDialog::refresh);
    connect(m_right, &QComboBox::currentIndexChanged, this, &CompareOutputsDialog::refresh);

    auto* pickers = new QHBoxLayout;
    pickers->addWidget(new QLabel(tr("Left:"), this));
    pickers->addWidget(m_left, 1);
    pickers->addSpacing(16);
    pickers->addWidget(new QLabel(tr("Right:"), this));
    pickers->addWidget(m_right, 1);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(pickers);
    layout->addWidget(m_slider, 1);
    layout->addWidget(buttons);
    resize(900, 640);
    showPair(0, columns.size() > 1 ? 1 : 0);
}

void CompareOutputsDialog::showPair(int left, int right) {
    m_left->setCurrentIndex(left);
    m_right->setCurrentIndex(right);
    refresh();
}

void CompareOutputsDialog::refresh() {
    const int l = m_left->currentIndex(), r = m_right->currentIndex();
    if (l < 0 || r < 0 || l >= m_columns.size() || r >= m_columns.size() || !m_columns[l] ||
        !m_columns[r])
        return;
    m_slider->setImages(m_columns[l]->outputImage(), m_columns[r]->outputImage());
    m_slider->setLabels(m_columns[l]->title(), m_columns[r]->title());
}

}  // namespace replicant::ui
