#pragma once

#include <QAbstractTableModel>
#include <QVector>

#include "replicant/ui/client/api_result.h"
#include "replicant/ui/client/prediction.h"

namespace replicant::ui {

class ApiClient;

// The account's predictions (GET /v1/predictions, newest first), a page at a time as views ask
// for more. refreshHead() re-reads the first page and merges it: rows update in place and new
// predictions appear on top, so the list lives without losing the scroll position.
class PredictionListModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        StatusColumn,
        ModelColumn,
        IdColumn,
        CreatedColumn,
        DurationColumn,
        SourceColumn,
        ColumnCount
    };
    enum Role { StatusRole = Qt::UserRole + 1, IdRole };

    explicit PredictionListModel(ApiClient* client, QObject* parent = nullptr);

    void reload();
    void refreshHead();
    // Replaces one row's prediction (e.g. after Cancel); ignored when it is not listed.
    void updatePrediction(const Prediction& prediction);
    void removePrediction(const QString& id);

    bool isLoading() const { return m_loading; }
    bool hasError() const { return m_hasError; }
    const ApiError& error() const { return m_error; }
    bool hasRunning() const;
    const Prediction& predictionAt(int row) const { return m_rows.at(row); }
    int rowOf(const QString& id) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    bool canFetchMore(const QModelIndex& parent) const override;
    void fetchMore(const QModelIndex& parent) override;

signals:
    void loadingChanged(bool loading);
    void pageLoaded();

private:
    void merge(const QVector<Prediction>& head);

    ApiClient* m_client;
    QVector<Prediction> m_rows;
    QString m_next;
    bool m_loaded = false;
    bool m_loading = false;
    bool m_refreshing = false;
    bool m_hasError = false;
    ApiError m_error;
    int m_generation = 0;
};

}  // namespace replicant::ui
