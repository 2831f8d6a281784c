#include "model_list_model.h"

#include "replicant/ui/client/api_client.h"

namespace replicant::ui {

ModelListModel::ModelListModel(ApiClient* client, QObject* parent)
    : QAbstractListModel(parent), m_client(client) {}

void ModelListModel::reload() {
    ++m_generation;
    beginResetModel();
    m_models.clear();
    m_next.clear();
    m_loaded = false;
    m_loading = false;
    m_hasError = false;
    endResetModel();
    fetchMore({});
}

int ModelListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_models.size());
}

QVariant ModelListModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= m_models.size())
        return {};
    const Model& m = m_models.at(index.row());
    switch (role) {
        case Qt::DisplayRole:
        case FullNameRole:
            return m.fullName();
        case Qt::ToolTipRole:
            return m.description.isEmpty() ? m.fullName()
                                           : m.fullName() + QStringLiteral("\n") + m.description;
        case DescriptionRole:
            return m.description;
        case RunCountRole:
            return m.runCount;
        case CoverUrlRole:
            return m.coverImageUrl;
        case SearchTextRole:
            return (m.fullName() + QLatin1Char(' ') + m.description).toLower();
        case OfficialRole:
            return m.isOfficial;
        default:
            return {};
    }
}

bool ModelListModel::canFetchMore(const QModelIndex& parent) const {
    // After an error, more comes only from an explicit reload (no retry loop from the view).
    return !parent.isValid() && !m_loading && !m_hasError && hasMore();
}

void ModelListModel::fetchMore(const QModelIndex& parent) {
    if (!canFetchMore(parent))
        return;
    m_loading = true;
    emit loadingChanged(true);
    const int generation = m_generation;
    m_client->listModels(
        m_next, this, [this, generation](const ApiResult<ListPage<Model>>& result) {
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
                if (!result->results.isEmpty()) {
                    beginInsertRows({}, int(m_models.size()),
                                    int(m_models.size() + result->results.size() - 1));
                    m_models += result->results;
                    endInsertRows();
                }
            }
            emit loadingChanged(false);
            emit pageLoaded();
        });
}

}  // namespace replicant::ui
