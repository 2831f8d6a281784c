#pragma once

#include "replicant/ui/page.h"

class QLabel;
class QLineEdit;
class QListView;
class QPushButton;
class QSortFilterProxyModel;

namespace replicant::ui {

class ApiClient;
class CoverCache;
class ModelListModel;
class PageHeader;

// The catalogue: a grid of model cards (cover, owner/name, description, run count) from GET
// /v1/models, loading further pages as the user scrolls, with a filter box. Activating a card
// asks to open the model.
class ExplorePage : public Page {
    Q_OBJECT

public:
    explicit ExplorePage(ApiClient* client, QWidget* parent = nullptr);

    // Loads the first page again.
    void refresh();
    int loadedCount() const;
    int visibleCount() const;  // after the filter
    QString errorText() const;
    QListView* view() const { return m_view; }
    QLineEdit* filterBox() const { return m_filter; }

signals:
    void openModel(const QString& ref);

protected:
    void showEvent(QShowEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void updateState();
    void maybeFetchMore();

    ApiClient* m_client;
    ModelListModel* m_models;
    QSortFilterProxyModel* m_filtered;
    CoverCache* m_covers;
    PageHeader* m_header;
    QLineEdit* m_filter;
    QPushButton* m_refresh;
    QListView* m_view;
    QLabel* m_status;  // loading, empty or error, in place of the grid's content
    bool m_started = false;
};

}  // namespace replicant::ui
