#pragma once

#include <QJsonObject>

#include "replicant/ui/client/api_result.h"
#include "replicant/ui/client/prediction.h"
#include "replicant/ui/page.h"

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;

namespace replicant::widgets {
class Badge;
class JsonView;
}  // namespace replicant::widgets

namespace replicant::ui {

class ApiClient;
class InputOutputCompare;
class LogView;
class OutputView;
class PredictionWatcher;
class SnippetPanel;

// One prediction in full: its output, input, logs and metrics, and a JSON tab with the whole
// prediction object and its input as JSON (to reuse from code). A running prediction updates
// live and can be canceled. A prediction that does not exist (a stale link) says so in place.
class PredictionPage : public Page {
    Q_OBJECT

public:
    explicit PredictionPage(ApiClient* client, QWidget* parent = nullptr);

    void openPrediction(const QString& id);
    void reload();
    QString predictionId() const { return m_id; }
    const Prediction& prediction() const { return m_prediction; }
    QString errorText() const;

    QTabWidget* tabs() const { return m_tabs; }
    OutputView* outputView() const { return m_output; }
    widgets::JsonView* jsonView() const { return m_json; }
    QString inputJson() const;
    QString metricsText() const;
    SnippetPanel* snippets() const { return m_snippets; }
    // Shows the Code tab in `language` ("node", "python", "http"); empty: leaves it for Output.
    void showCode(const QString& language);
    // The code language on screen; empty while another tab is.
    QString codeLanguage() const;
    // The before/after tab of an image-to-image prediction (hidden for others).
    InputOutputCompare* compareView() const { return m_compare; }
    // Selects the Compare tab, now or once the prediction turns out to be image-to-image.
    void showCompare();

signals:
    void back();
    void openModel(const QString& ref);
    void predictionUpdated(const replicant::ui::Prediction& prediction);
    // The user opened or left the Code tab or picked another language (empty: no code shown).
    void codeLanguageChanged(const QString& language);

private:
    QWidget* buildMetricsTab();
    QWidget* buildJsonTab();
    void display(const Prediction& prediction);
    void showLoadError(const ApiError& error);
    void loadOutputSchema(const Prediction& prediction);
    void loadHardware(const Prediction& prediction);
    void showInput();
    QString costText() const;
    void cancel();
    void updateSnippet();

    ApiClient* m_client;
    PredictionWatcher* m_watcher;
    QString m_id;
    Prediction m_prediction;
    QJsonObject m_outputSchema;
    QJsonObject m_openapi;  // the version's whole schema, for the code tab
    bool m_schemaPending = false;
    QString m_schemaFor;    // version whose schema was asked for
    QString m_hardwareFor;  // model whose hardware was asked for
    QString m_hardware;     // its SKU; empty: unknown (the estimate says what it assumes)
    int m_generation = 0;

    QLabel* m_title;
    widgets::Badge* m_badge;
    QLabel* m_subtitle;
    QLabel* m_error;
    QPushButton* m_cancel;
    QPushButton* m_openModel;
    QTabWidget* m_tabs;
    OutputView* m_output;
    InputOutputCompare* m_compare;
    bool m_wantCompare = false;
    widgets::JsonView* m_input;
    LogView* m_logs;
    QLabel* m_metrics;
    widgets::JsonView* m_json;
    QPlainTextEdit* m_inputJson;
    SnippetPanel* m_snippets;
};

}  // namespace replicant::ui
