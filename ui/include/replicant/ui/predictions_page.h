#pragma once

#include "replicant/ui/client/prediction.h"
#include "replicant/ui/page.h"

class QLabel;
class QPushButton;
class QTableView;
class QTimer;

namespace replicant::ui {

class ApiClient;
class PredictionListModel;

// Every prediction of the account (GET /v1/predictions): status, model, id, created, duration and
// source, newest first, more pages as the user scrolls. While shown it refreshes itself (often
// while something runs, seldom otherwise). Open (double-click or Enter) shows a prediction;
// Cancel stops a running one; Delete removes a finished one with its files.
class PredictionsPage : public Page {
    Q_OBJECT

public:
    static constexpr int kBusyRefreshMs = 1000;
    static constexpr int kIdleRefreshMs = 5000;

    explicit PredictionsPage(ApiClient* client, QWidget* parent = nullptr);

    void refresh();
    QTableView* view() const { return m_view; }
    int rowCount() const;
    QString errorText() const;
    // The prediction on a row (for tests and the palette).
    const Prediction& predictionAt(int row) const;

public slots:
    void openSelected();
    void cancelSelected();
    // Asks, then deletes the selected finished prediction and its files.
    void deleteSelected();
    // Deletes without asking; the row goes when the server confirms.
    void deletePrediction(const QString& id);
    // A prediction changed elsewhere (the model page's run): show it at once.
    void notePrediction(const replicant::ui::Prediction& prediction);

signals:
    void openPrediction(const QString& id);

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    void updateState();
    void scheduleRefresh();
    int selectedRow() const;

    ApiClient* m_client;
    PredictionListModel* m_model;
    QTableView* m_view;
    QPushButton* m_open;
    QPushButton* m_cancel;
    QPushButton* m_delete;
    QPushButton* m_refresh;
    QLabel* m_status;
    QTimer* m_timer;
    QString m_actionError;  // the last Cancel or Delete that failed, until one succeeds
    bool m_started = false;
};

}  // namespace replicant::ui
