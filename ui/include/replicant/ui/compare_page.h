#pragma once

#include <QImage>
#include <QStringList>
#include <QVector>

#include "replicant/ui/comparison_store.h"
#include "replicant/ui/page.h"

class QDialog;
class QHBoxLayout;
class QLabel;
class QMenu;
class QPushButton;
class QToolButton;

namespace replicant::widgets {
class SchemaForm;
}

namespace replicant::ui {

class ApiClient;
class CompareColumn;
class ImageSync;

// The comparison grid: 2 to 4 model versions side by side, one shared input form (the inputs
// they all have with the same name and type, see mergeComparisonInputs) and each column's own
// inputs, run together (Run all: the predictions are created at once and run in parallel) or one
// column alone. Each cell streams its output with its status and predict time; image outputs zoom
// and pan together; two of them open in the before/after slider. Columns move left and right and
// swap model or version. A comparison is saved by name (ComparisonStore, location
// "compare:NAME"), reopened with its predictions, and exported as one PNG.
class ComparePage : public Page {
    Q_OBJECT

public:
    static constexpr int kMinColumns = 2;
    static constexpr int kMaxColumns = 4;

    explicit ComparePage(ApiClient* client, QWidget* parent = nullptr);
    ~ComparePage() override;

    // Where comparisons are saved (ComparisonStore::defaultDirectory() unless set).
    void setStoreDirectory(const QString& directory);
    const ComparisonStore& store() const { return m_store; }

    QVector<CompareColumn*> columns() const { return m_columns; }
    // A new column at the end (null at kMaxColumns), on `ref` when given.
    CompareColumn* addColumn(const QString& ref = {}, const QString& version = {});
    void removeColumn(int index);
    void moveColumn(int from, int to);
    widgets::SchemaForm* sharedForm() const { return m_shared; }
    ImageSync* imageSync() const { return m_sync; }

    // Validates every form, then starts one prediction per column, all at once. False (reasons
    // beside the fields) when an input is wrong or no column has a model.
    bool runAll();

    // The comparison shown, as it would be saved under `name`.
    Comparison comparison(const QString& name = {}) const;
    bool save(const QString& name, QString* error);
    // Shows a saved comparison: its models, inputs and predictions (an error in place when it
    // cannot be read).
    void openSaved(const QString& name);
    QString currentName() const { return m_name; }
    QString errorText() const;

    QImage renderImage() const;
    bool exportPng(const QString& path, QString* error) const;
    // The slider on the outputs of columns `a` and `b` (or the first two image outputs), in a
    // dialog that deletes itself when closed; null (and a message) without two image outputs.
    QDialog* compareOutputs(int a = -1, int b = -1);

signals:
    // Go to a location ("compare:NAME" after opening a saved comparison from the menu).
    void openLocationRequested(const QString& location);

protected:
    void showEvent(QShowEvent* event) override;

private:
    QWidget* buildToolbar();
    void loadModelChoices(const QString& pageUrl);
    void wireColumn(CompareColumn* column);
    void relayout();
    void remerge();
    void pushSharedInput();
    void checkReady();
    void showMessage(const QString& text, bool error);
    void fillOpenMenu();
    void askSave();
    void askExport();
    void updateButtons();

    ApiClient* m_client;
    ComparisonStore m_store;
    QString m_name;
    QStringList m_modelChoices;
    QStringList m_loadingChoices;  // pages gathered so far
    bool m_choicesLoading = false;
    QVector<CompareColumn*> m_columns;
    QStringList m_pendingPredictions;  // ids being fetched for a reopened comparison
    ImageSync* m_sync;
    widgets::SchemaForm* m_shared;
    QLabel* m_sharedEmpty;
    QLabel* m_message;
    QHBoxLayout* m_grid;
    QPushButton* m_runAll;
    QPushButton* m_add;
    QPushButton* m_compareTwo;
    QToolButton* m_open;
    QMenu* m_openMenu;
};

}  // namespace replicant::ui
