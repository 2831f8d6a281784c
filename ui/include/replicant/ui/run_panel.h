#pragma once

#include <QJsonObject>
#include <QWidget>

#include "replicant/ui/client/api_result.h"
#include "replicant/ui/client/prediction.h"

class QLabel;
class QPushButton;
class QTimer;

namespace replicant::widgets {
class Badge;
}

namespace replicant::ui {

class ApiClient;
class InputOutputCompare;
class LogView;
class OutputView;
class PredictionWatcher;

// One prediction as it runs: its status, the elapsed and predict times, the output as it arrives
// (streamed over SSE when the server offers a stream, else polled), the logs, and Cancel. The
// model page shows its runs here; a finished prediction can be shown too (the model's example).
class RunPanel : public QWidget {
    Q_OBJECT

public:
    explicit RunPanel(ApiClient* client, QWidget* parent = nullptr);

    // The version's Output schema, which decides how iterator outputs are joined.
    void setOutputSchema(const QJsonObject& schema) { m_outputSchema = schema; }
    // The model's hardware SKU, for the cost estimate ("" when the model does not say: the
    // estimate then states the hardware it assumes).
    void setHardware(const QString& sku);
    // "Estimated cost $0.00042 (CPU at $0.000100/s)", empty before any predict time.
    QString costText() const;

    // Shows `prediction` and follows it until it ends. `caption` labels a prediction that is only
    // shown, not run here ("Example"): it emits no predictionUpdated().
    void showPrediction(const Prediction& prediction, const QString& caption = {});
    // Before the create request answers.
    void showCreating();
    // While input files upload (Files API) before the prediction is created.
    void showUploading(const QString& progress);
    // A note above the output that stays until the next run ("files sent inline...").
    void showNotice(const QString& text);
    QString noticeText() const;
    // The create request failed; nothing runs.
    void showCreateError(const QString& message);
    void clear(const QString& placeholder);

    const Prediction& prediction() const { return m_prediction; }
    bool isRunning() const;
    QString statusText() const;
    QString errorText() const;
    OutputView* outputView() const { return m_output; }
    // Compare: for an image-to-image prediction, its input and output in the before/after
    // slider instead of the output alone. On unless turned off (narrow comparison cells).
    void setInputCompareOffered(bool offered);
    QPushButton* compareButton() const { return m_compareButton; }
    InputOutputCompare* compareView() const { return m_compare; }
    LogView* logView() const { return m_logs; }
    PredictionWatcher* watcher() const { return m_watcher; }

public slots:
    void cancel();

signals:
    // A prediction run from this panel changed (not emitted for a shown-only one).
    void predictionUpdated(const replicant::ui::Prediction& prediction);
    void predictionFinished(const replicant::ui::Prediction& prediction);
    void openPrediction(const QString& id);

protected:
    void changeEvent(QEvent* event) override;

private:
    void update(const Prediction& prediction);
    void updateTimes();
    QPushButton* buildCompareButton();
    void updateCompare();
    void setError(const QString& message);

    ApiClient* m_client;
    PredictionWatcher* m_watcher;
    Prediction m_prediction;
    QJsonObject m_outputSchema;
    bool m_showOnly = false;
    widgets::Badge* m_badge;
    QLabel* m_caption;
    QLabel* m_elapsed;
    QLabel* m_predictTime;
    QLabel* m_cost;
    QString m_hardware;
    QPushButton* m_open;
    QPushButton* m_cancel;
    QLabel* m_error;
    QLabel* m_notice;  // connection problems while following, or the sticky notice
    QString m_stickyNotice;
    OutputView* m_output;
    QPushButton* m_compareButton = nullptr;
    InputOutputCompare* m_compare = nullptr;
    bool m_compareOffered = true;
    LogView* m_logs;
    QTimer* m_tick;
};

}  // namespace replicant::ui
