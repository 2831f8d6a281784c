#pragma once

#include <QJsonObject>
#include <QVector>

#include "replicant/ui/client/api_result.h"
#include "replicant/ui/client/model.h"
#include "replicant/ui/client/prediction.h"
#include "replicant/ui/page.h"

class QComboBox;
class QLabel;
class QPushButton;
class QStackedWidget;
class QTabWidget;
class QTreeWidget;

namespace replicant::widgets {
class MarkdownView;
class SchemaForm;
}  // namespace replicant::widgets

namespace replicant::ui {

class ApiClient;
class InputUploader;
class RunPanel;
class SnippetPanel;

// One model: its README (Markdown), its versions, and a playground: an input form generated
// from the selected version's OpenAPI `Input` schema, Run, and the run's status, output and
// logs. The form starts from the inputs last run on this model (never secrets), else the model's
// example, else the schema's defaults; the server's 422 errors appear next to the fields they
// name.
class ModelPage : public Page {
    Q_OBJECT

public:
    explicit ModelPage(ApiClient* client, QWidget* parent = nullptr);

    // Loads `ref` ("owner/name"); the same model again only refreshes nothing.
    void openModel(const QString& ref);
    void reload();
    QString modelRef() const { return m_ref; }
    const Model& model() const { return m_model; }
    QString versionId() const { return m_version.id; }
    QString errorText() const;

    widgets::SchemaForm* form() const { return m_form; }
    RunPanel* runPanel() const { return m_run; }
    widgets::MarkdownView* readme() const { return m_readme; }
    QTreeWidget* versionList() const { return m_versions; }
    QTabWidget* tabs() const { return m_tabs; }
    // Beside the form: the run's output, or the code that makes the same run.
    QTabWidget* outputTabs() const { return m_outputTabs; }
    SnippetPanel* snippets() const { return m_snippets; }
    // Shows the code tab in `language` ("node", "python", "http"); empty: the output instead.
    void showCode(const QString& language);
    // The code language on screen; empty while the output is.
    QString codeLanguage() const;

    // Selects a version listed in the Versions tab (the form follows its schema).
    bool useVersion(const QString& versionId);

    // A 422 from the server: each invalid field ("input.<name>") gets its description beside
    // it, the rest go to the top of the form.
    void showInputErrors(const ApiError& error);

public slots:
    // Validates the form and creates the prediction.
    void run();

signals:
    void back();
    void openPrediction(const QString& id);
    void predictionCreated(const replicant::ui::Prediction& prediction);
    void predictionFinished(const replicant::ui::Prediction& prediction);
    // The user opened or left the code tab or picked another language (empty: no code shown).
    void codeLanguageChanged(const QString& language);

private:
    QWidget* buildHeader();
    QWidget* buildPlayground();
    QWidget* buildVersionsTab();
    void showModel(const Model& model);
    void showLoadError(const ApiError& error);
    void setVersion(const ModelVersion& version, bool keepValues);
    void showVersions(const QVector<ModelVersion>& versions);
    void saveInputs() const;
    // Creates the prediction once its files are uploaded.
    void createPrediction(const QJsonObject& input, const QString& notice);
    void updateSnippet();
    QJsonObject savedInputs() const;

    ApiClient* m_client;
    QString m_ref;
    Model m_model;
    ModelVersion m_version;
    QVector<ModelVersion> m_versionList;
    int m_generation = 0;

    QStackedWidget* m_stack;  // content, or the load error
    QLabel* m_title;
    QLabel* m_description;
    QLabel* m_meta;
    QComboBox* m_versionChoice;
    QTabWidget* m_tabs;
    widgets::SchemaForm* m_form;
    QPushButton* m_runButton;
    QPushButton* m_resetButton;
    RunPanel* m_run;
    InputUploader* m_uploader;
    QTabWidget* m_outputTabs = nullptr;
    SnippetPanel* m_snippets;
    widgets::MarkdownView* m_readme;
    QTreeWidget* m_versions;
    QLabel* m_loadError;
};

}  // namespace replicant::ui
