#pragma once

#include <QImage>
#include <QJsonObject>
#include <QStringList>
#include <QWidget>

#include <optional>

#include "replicant/ui/client/model.h"
#include "replicant/ui/client/prediction.h"

class QComboBox;
class QLabel;
class QScrollArea;
class QTabWidget;
class QToolButton;

namespace replicant::widgets {
class SchemaForm;
}

namespace replicant::ui {

class ApiClient;
class RunPanel;

// One column of the comparison grid: a model (any "owner/name", picked from the catalogue or
// typed) and one of its versions (the latest unless chosen), the inputs only this version has,
// and its run (RunPanel: status, predict time, streamed output). The page gives it the shared
// inputs; it can run alone (Re-run), move left or right, or be removed.
//
// Hook for other panels (code snippets, say): modelRef(), version() (with its OpenAPI schema)
// and currentInput() describe the column at any time, contextChanged() says when they change,
// and tabs() takes extra tabs beside "Output" (the tab bar shows once there are two).
class CompareColumn : public QWidget {
    Q_OBJECT

public:
    explicit CompareColumn(ApiClient* client, QWidget* parent = nullptr);

    // The refs offered by the model picker ("owner/name"); the current one is kept.
    void setModelChoices(const QStringList& refs);
    // Picks a model and version (empty: the latest) and loads the version's schema.
    void setModel(const QString& ref, const QString& versionId = {});

    QString modelRef() const { return m_ref; }
    // The version asked for ("" for the latest).
    QString requestedVersion() const { return m_requestedVersion; }
    // The version whose schema is loaded (the latest's id resolved), if it has loaded.
    const std::optional<ModelVersion>& version() const { return m_version; }
    bool isLoading() const { return m_loading; }
    QString loadError() const { return m_loadError; }

    // The schema of this column's own inputs (from mergeComparisonInputs); values of fields
    // that stay are kept.
    void setOwnSchema(const QJsonObject& objectSchema);
    QJsonObject ownInput() const;
    void setOwnInput(const QJsonObject& values);
    // The shared inputs the page passes on; currentInput() = shared + own.
    void setSharedInput(const QJsonObject& values);
    QJsonObject currentInput() const;
    widgets::SchemaForm* ownForm() const { return m_form; }
    // Client-side checks of the own inputs, shown beside the fields.
    bool validateOwnInput();

    // Starts a prediction with currentInput(); false (with the reason shown) when it cannot.
    bool run();
    // Shows an earlier prediction (a reopened comparison) and follows it if it still runs.
    void showPrediction(const QString& id);
    const Prediction& prediction() const;
    bool isRunning() const;
    RunPanel* runPanel() const { return m_run; }
    QTabWidget* tabs() const { return m_tabs; }
    // The image shown by the output, when it is one (null otherwise or before it has loaded).
    QImage outputImage() const;
    // "owner/name" and the short version id: the column's caption.
    QString title() const;

    // Enables Move left / Move right as the page allows.
    void setMovable(bool left, bool right);

    // The grid (a scroll area) would otherwise size every column to the preferred height of its
    // wrapped labels and scroll; the column takes the height there is instead.
    bool hasHeightForWidth() const override { return false; }

signals:
    void moveLeftRequested();
    void moveRightRequested();
    void removeRequested();
    // The model or version changed and its schema is loaded (or failed to load).
    void versionLoaded();
    // Model, version or input changed.
    void contextChanged();
    void predictionUpdated(const replicant::ui::Prediction& prediction);
    // showPrediction() has its answer: the prediction, or an error in place.
    void predictionLoaded();
    // Details: the user wants this column's prediction page.
    void openPrediction(const QString& id);
    // The output view's renderer changed (an image arrived, say).
    void outputChanged();

private:
    QWidget* buildHeader();
    void fillVersions(const QVector<ModelVersion>& versions);
    void useVersion(const ModelVersion& version);
    void failLoad(const QString& message);
    void pickVersion(int index);

    ApiClient* m_client;
    QString m_ref;
    QString m_requestedVersion;
    std::optional<ModelVersion> m_version;
    QVector<ModelVersion> m_versions;
    QJsonObject m_shared;
    bool m_loading = false;
    QString m_loadError;
    int m_generation = 0;

    QComboBox* m_model;
    QComboBox* m_versionPicker;
    QToolButton* m_left;
    QToolButton* m_right;
    QToolButton* m_rerun;
    QToolButton* m_details;
    QToolButton* m_remove;
    QLabel* m_status;
    QToolButton* m_ownToggle;
    QScrollArea* m_ownArea;
    widgets::SchemaForm* m_form;
    RunPanel* m_run;
    QTabWidget* m_tabs;
};

}  // namespace replicant::ui
