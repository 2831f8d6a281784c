#include "prediction_list_model.h"

#include <QLocale>

#include "replicant/ui/client/api_client.h"
#include "status_style.h"

namespace replicant::ui {

PredictionListModel::PredictionListModel(ApiClient* client, QObject* parent)
    : QAbstractTableModel(parent), m_client(client) {}

void PredictionListModel::reload() {
    ++m_generation;
    beginResetModel();
    m_rows.clear();
    m_next.clear();
    m_loaded = false;
    m_loading = false;
    m_refreshing = false;
    m_hasError = false;
    endResetModel();
    fetchMore({});
}

int PredictionListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PredictionListModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PredictionListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
        case StatusColumn:
            return tr("Status");
        case ModelColumn:
            return tr("Model");
        case IdColumn:
            return tr("ID");
        case CreatedColumn:
            return tr("Created");
        case DurationColumn:
            return tr("Duration");
        case SourceColumn:
            return tr("Source");
        default:
            return {};
    }
}

QVariant PredictionListModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Prediction& p = m_rows.at(index.row());
    if (role == StatusRole)
        return p.status;
    if (role == IdRole)
        return p.id;
    if (role == Qt::ToolTipRole && index.column() == CreatedColumn)
        return QLocale().toString(p.createdAt.toLocalTime(), QLocale::LongFormat);
    if (role == Qt::ToolTipRole && index.column() == StatusColumn && !p.error.isEmpty())
        return p.error;
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
        case StatusColumn:
            return statusStyle(p.status).label;
        case ModelColumn:
            return p.model;
        case IdColumn:
            return p.id;
        case CreatedColumn:
            return relativeTime(p.createdAt);
        case DurationColumn: {
            const auto seconds = p.predictTime ? p.predictTime : p.elapsedSeconds();
            return seconds ? formatDuration(*seconds) : QStringLiteral("\u2014");
        }
        case SourceColumn:
            return p.deployment.isEmpty() ? p.source
                                          : p.source + QStringLiteral(" \u00b7 ") + p.deployment;
        default:
            return {};
    }
}

bool PredictionListModel::canFetchMore(const QModelIndex& parent) const {
    return !parent.isValid() && !m_loading && !m_hasError && (!m_loaded || !m_next.isEmpty());
}

void PredictionListModel::fetchMore(const QModelIndex& parent) {
    if (!canFetchMore(parent))
        return;
    m_loading = true;
    emit loadingChanged(true);
    const int generation = m_generation;
    m_client->listPredictions(
        m_next, this, [this, generation](const ApiResult<ListPage<Prediction>>& result) {
            if (generation != m_generation)
                return;
            m_loading = false;
            if (!result) {
                m_hasError = true;
                m_error = result.error();
            } else {
                m_hasError = false;
                m_loaded = true;
                m_next = result->next;
                // Skip rows a head refresh already brought in.
                QVector<Prediction> fresh;
                for (const Prediction& p : result->results) {
                    if (rowOf(p.id) < 0)
                        fresh.append(p);
                }
                if (!fresh.isEmpty()) {
                    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + fresh.size() - 1));
                    m_rows += fresh;
                    endInsertRows();
                }
            }
            emit loadingChanged(false);
            emit pageLoaded();
        });
}

void PredictionListModel::refreshHead() {
    if (!m_loaded) {
        if (!m_loading)
            reload();
        return;
    }
    if (m_refreshing)
        return;
    m_refreshing = true;
    const int generation = m_generation;
    m_client->listPredictions(QString(), this,
                              [this, generation](const ApiResult<ListPage<Prediction>>& result) {
                                  if (generation != m_generation)
                                      return;
                                  m_refreshing = false;
                                  if (!result) {
                                      m_hasError = true;
                                      m_error = result.error();
                                      emit pageLoaded();
                                      return;
                                  }
                                  m_hasError = false;
                                  merge(result->results);
                                  emit pageLoaded();
                              });
}

void PredictionListModel::merge(const QVector<Prediction>& head) {
    QVector<Prediction> added;
    for (const Prediction& p : head) {
        const int row = rowOf(p.id);
        if (row >= 0) {
            if (m_rows[row].json != p.json) {
                m_rows[row] = p;
                emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
            }
        } else {
            added.append(p);
        }
    }
    // New predictions are newer than every listed one: they go on top, in the server's order.
    if (!added.isEmpty()) {
        beginInsertRows({}, 0, int(added.size()) - 1);
        m_rows = added + m_rows;
        endInsertRows();
    }
    // Relative times ("2 min ago") move on even when nothing else changed.
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, CreatedColumn), index(int(m_rows.size()) - 1, DurationColumn),
                         {Qt::DisplayRole});
}

void PredictionListModel::updatePrediction(const Prediction& prediction) {
    const int row = rowOf(prediction.id);
    if (row < 0)
        return;
    m_rows[row] = prediction;
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void PredictionListModel::removePrediction(const QString& id) {
    const int row = rowOf(id);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    endRemoveRows();
}

int PredictionListModel::rowOf(const QString& id) const {
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).id == id)
            return int(i);
    }
    return -1;
}

bool PredictionListModel::hasRunning() const {
    return std::any_of(m_rows.begin(), m_rows.end(),
                       [](const Prediction& p) { return !p.isTerminal(); });
}

}  // namespace replicant::ui
