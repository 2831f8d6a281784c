#include "replicant/ui/predictions_page.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPainter>
#include <QPushButton>
#include <QShowEvent>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include "icons.h"
#include "page_header.h"
#include "prediction_list_model.h"
#include "replicant/ui/client/api_client.h"
#include "replicant/widgets/badge.h"
#include "status_style.h"

namespace replicant::ui {

namespace {
// The Status column as a coloured badge.
class StatusDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override {
        QStyleOptionViewItem opt(option);
        initStyleOption(&opt, index);
        opt.text.clear();
        opt.widget->style()->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);
        const StatusStyle style =
            statusStyle(index.data(PredictionListModel::StatusRole).toString());
        QFont font = option.font;
        font.setPointSizeF(font.pointSizeF() * 0.9);
        widgets::Badge::paint(painter, option.rect.adjusted(6, 3, -4, -3), style.label, style.tone,
                              option.palette, font);
    }
};
}  // namespace

PredictionsPage::PredictionsPage(ApiClient* client, QWidget* parent)
    : Page(parent),
      m_client(client),
      m_model(new PredictionListModel(client, this)),
      m_view(new QTableView(this)),
      m_open(new QPushButton(tr("Open"), this)),
      m_cancel(new QPushButton(tr("Cancel"), this)),
      m_delete(new QPushButton(tr("Delete"), this)),
      m_refresh(new QPushButton(tr("Refresh"), this)),
      m_status(new QLabel(this)),
      m_timer(new QTimer(this)) {
    setObjectName(QStringLiteral("predictionsPage"));
    auto* header =
        new PageHeader(tr("Predictions"),
                       tr("Everything run with this account, newest first. Double-click one "
                          "to see its output, input, logs and metrics."),
                       this);
    m_open->setObjectName(QStringLiteral("openSelected"));
    m_cancel->setObjectName(QStringLiteral("cancelSelected"));
    m_refresh->setObjectName(QStringLiteral("predictionsRefresh"));
    m_refresh->setIcon(
        tintedIcon(QStringLiteral("refresh"), palette().color(QPalette::ButtonText)));
    connect(m_open, &QPushButton::clicked, this, &PredictionsPage::openSelected);
    connect(m_cancel, &QPushButton::clicked, this, &PredictionsPage::cancelSelected);
    m_delete->setObjectName(QStringLiteral("deleteSelected"));
    m_delete->setToolTip(tr("Delete the prediction and its output files"));
    connect(m_delete, &QPushButton::clicked, this, &PredictionsPage::deleteSelected);
    connect(m_refresh, &QPushButton::clicked, this, &PredictionsPage::refresh);
    header->addAction(m_open);
    header->addAction(m_cancel);
    header->addAction(m_delete);
    header->addAction(m_refresh);

    m_view->setObjectName(QStringLiteral("predictionTable"));
    m_view->setModel(m_model);
    m_view->setItemDelegateForColumn(PredictionListModel::StatusColumn, new StatusDelegate(m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 14);
    m_view->horizontalHeader()->setHighlightSections(false);
    m_view->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_view->horizontalHeader()->setStretchLastSection(false);
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_view->setColumnWidth(PredictionListModel::StatusColumn, 130);
    m_view->setColumnWidth(PredictionListModel::ModelColumn, 210);
    m_view->setColumnWidth(PredictionListModel::CreatedColumn, 110);
    m_view->setColumnWidth(PredictionListModel::DurationColumn, 90);
    m_view->setColumnWidth(PredictionListModel::SourceColumn, 70);
    // The id takes what is left: it is the widest and the least read.
    m_view->horizontalHeader()->setSectionResizeMode(PredictionListModel::IdColumn,
                                                     QHeaderView::Stretch);
    m_view->setFrameShape(QFrame::NoFrame);
    connect(m_view, &QTableView::activated, this, &PredictionsPage::openSelected);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &PredictionsPage::updateState);

    m_status->setObjectName(QStringLiteral("predictionsStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, m_model, &PredictionListModel::refreshHead);
    connect(m_model, &PredictionListModel::loadingChanged, this, &PredictionsPage::updateState);
    connect(m_model, &PredictionListModel::pageLoaded, this, [this] {
        updateState();
        setReady();
        scheduleRefresh();
    });
    connect(m_model, &QAbstractItemModel::dataChanged, this, &PredictionsPage::updateState);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(32, 28, 32, 16);
    layout->setSpacing(16);
    layout->addWidget(header);
    layout->addWidget(m_status);
    layout->addWidget(m_view, 1);
    updateState();
}

void PredictionsPage::showEvent(QShowEvent* event) {
    Page::showEvent(event);
    if (event->spontaneous())
        return;
    if (!m_started) {
        m_started = true;
        refresh();
    } else {
        m_model->refreshHead();
    }
}

void PredictionsPage::hideEvent(QHideEvent* event) {
    Page::hideEvent(event);
    if (!event->spontaneous())
        m_timer->stop();
}

void PredictionsPage::refresh() {
    m_started = true;
    setLoading();
    m_model->reload();
    updateState();
}

void PredictionsPage::scheduleRefresh() {
    if (!isVisible())
        return;
    m_timer->start(m_model->hasRunning() ? kBusyRefreshMs : kIdleRefreshMs);
}

int PredictionsPage::rowCount() const {
    return m_model->rowCount();
}

const Prediction& PredictionsPage::predictionAt(int row) const {
    return m_model->predictionAt(row);
}

QString PredictionsPage::errorText() const {
    return m_model->hasError() ? m_model->error().message() : QString();
}

int PredictionsPage::selectedRow() const {
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.first().row();
}

void PredictionsPage::openSelected() {
    const int row = selectedRow();
    if (row >= 0)
        emit openPrediction(m_model->predictionAt(row).id);
}

void PredictionsPage::cancelSelected() {
    const int row = selectedRow();
    if (row < 0 || m_model->predictionAt(row).isTerminal())
        return;
    m_cancel->setEnabled(false);
    m_client->cancelPrediction(
        m_model->predictionAt(row).id, this, [this](const ApiResult<Prediction>& result) {
            if (result)
                m_model->updatePrediction(result.value());
            else
                m_status->setText(tr("Could not cancel: %1").arg(result.error().message()));
            updateState();
        });
}

void PredictionsPage::deleteSelected() {
    const int row = selectedRow();
    if (row < 0 || !m_model->predictionAt(row).isTerminal())
        return;
    const QString id = m_model->predictionAt(row).id;
    const auto answer = QMessageBox::question(
        this, tr("Delete prediction"),
        tr("Delete prediction %1 and its output files? This cannot be undone.").arg(id));
    if (answer == QMessageBox::Yes)
        deletePrediction(id);
}

void PredictionsPage::deletePrediction(const QString& id) {
    m_delete->setEnabled(false);
    m_client->deletePrediction(id, this, [this, id](const ApiResult<bool>& result) {
        if (result) {
            m_actionError.clear();
            m_model->removePrediction(id);
        } else {
            m_actionError = tr("Could not delete %1: %2").arg(id, result.error().message());
        }
        updateState();
    });
}

void PredictionsPage::notePrediction(const Prediction& prediction) {
    if (m_model->rowOf(prediction.id) >= 0)
        m_model->updatePrediction(prediction);
    else if (m_started)
        m_model->refreshHead();
}

void PredictionsPage::updateState() {
    const int row = selectedRow();
    m_open->setEnabled(row >= 0);
    m_cancel->setEnabled(row >= 0 && !m_model->predictionAt(row).isTerminal());
    m_delete->setEnabled(row >= 0 && m_model->predictionAt(row).isTerminal());
    m_refresh->setEnabled(!m_model->isLoading());
    QString text;
    bool error = false;
    if (m_model->hasError()) {
        error = true;
        text = tr("Could not load the predictions: %1").arg(m_model->error().message());
    } else if (m_model->isLoading() && m_model->rowCount() == 0) {
        text = tr("Loading predictions\u2026");
    } else if (!m_actionError.isEmpty()) {
        error = true;
        text = m_actionError;
    } else if (m_model->rowCount() == 0 && m_started) {
        text = tr("No predictions yet. Run a model from Explore and it shows up here.");
    }
    m_status->setStyleSheet(error ? errorStyleSheet(palette()) : QString());
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
}

}  // namespace replicant::ui
