#pragma once

#include <QAbstractListModel>
#include <QVector>

#include "replicant/ui/client/api_result.h"
#include "replicant/ui/client/model.h"

namespace replicant::ui {

class ApiClient;

// The models of GET /v1/models, a page at a time: views ask for more (canFetchMore/fetchMore)
// as the user scrolls, and the model follows each page's `next`.
class ModelListModel : public QAbstractListModel {
    Q_OBJECT

public:
    enum Role {
        FullNameRole = Qt::UserRole + 1,
        DescriptionRole,
        RunCountRole,
        CoverUrlRole,
        SearchTextRole,  // name and description, lower case, for filtering
        OfficialRole,
    };

    explicit ModelListModel(ApiClient* client, QObject* parent = nullptr);

    // Drops everything and loads the first page.
    void reload();
    bool isLoading() const { return m_loading; }
    bool hasError() const { return m_hasError; }
    const ApiError& error() const { return m_error; }
    bool hasMore() const { return !m_loaded || !m_next.isEmpty(); }
    const Model& modelAt(int row) const { return m_models.at(row); }

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

signals:
    void loadingChanged(bool loading);
    // A page arrived (or the request failed: hasError()).
    void pageLoaded();

private:
    ApiClient* m_client;
    QVector<Model> m_models;
    QString m_next;
    bool m_loaded = false;  // the first page arrived
    bool m_loading = false;
    bool m_hasError = false;
    ApiError m_error;
    int m_generation = 0;
};

}  // namespace replicant::ui
