// The Compare page's files: saving and reopening comparisons (ComparisonStore), and the PNG
// export.
#include <QFileDialog>
#include <QInputDialog>
#include <QLabel>
#include <QMenu>

#include "compare_export.h"
#include "replicant/ui/compare_column.h"
#include "replicant/ui/compare_page.h"
#include "replicant/widgets/schema_form.h"

namespace replicant::ui {

Comparison ComparePage::comparison(const QString& name) const {
    Comparison c;
    c.name = name.isEmpty() ? m_name : name;
    c.sharedInput = m_shared->valuesForHistory();
    for (const CompareColumn* column : m_columns) {
        if (column->modelRef().isEmpty())
            continue;
        c.columns.append({column->modelRef(), column->requestedVersion(),
                          column->ownForm()->valuesForHistory(), column->prediction().id});
    }
    return c;
}

bool ComparePage::save(const QString& name, QString* error) {
    const Comparison c = comparison(name);
    if (c.columns.isEmpty()) {
        *error = tr("Pick at least one model before saving.");
        return false;
    }
    if (!m_store.save(c, error))
        return false;
    m_name = name;
    return true;
}

void ComparePage::openSaved(const QString& name) {
    setLoading();
    m_message->hide();
    QString error;
    const auto saved = m_store.load(name, &error);
    if (!saved) {
        showMessage(tr("Cannot open the comparison: %1").arg(error), true);
        setReady();
        return;
    }
    m_name = name;
    while (m_columns.size() > saved->columns.size() && m_columns.size() > kMinColumns)
        removeColumn(int(m_columns.size()) - 1);
    m_pendingPredictions.clear();
    const int count = int(std::min<qsizetype>(saved->columns.size(), kMaxColumns));
    for (int i = 0; i < count; ++i) {
        if (i >= m_columns.size())
            addColumn();
        const Comparison::Column& c = saved->columns[i];
        CompareColumn* column = m_columns[i];
        column->setModel(c.model, c.version);
        column->setProperty("savedInput", c.input);
        column->setProperty("savedPrediction", c.prediction);
        if (!c.prediction.isEmpty())
            m_pendingPredictions << c.prediction;
    }
    for (int i = count; i < m_columns.size(); ++i)
        m_columns[i]->setModel(QString());
    m_shared->setValues(saved->sharedInput);
    setProperty("savedShared", saved->sharedInput);
    if (saved->columns.size() > kMaxColumns)
        showMessage(tr("This comparison has %1 columns; the first %2 are shown.")
                        .arg(saved->columns.size())
                        .arg(kMaxColumns),
                    true);
    checkReady();
}

// A reopened comparison is ready once every column knows its version and has its prediction.
void ComparePage::checkReady() {
    for (CompareColumn* column : std::as_const(m_columns)) {
        if (column->isLoading())
            return;
    }
    // Only now are the forms final: the saved inputs can go in.
    for (CompareColumn* column : std::as_const(m_columns)) {
        // The saved inputs and prediction wait for the column's form and output schema.
        const QString id = column->property("savedPrediction").toString();
        if (column->property("savedInput").isValid()) {
            const QJsonObject input = column->property("savedInput").toJsonObject();
            column->setProperty("savedInput", QVariant());
            column->setOwnInput(input);
            m_shared->setValues(property("savedShared").toJsonObject());
            pushSharedInput();
        }
        if (!id.isEmpty()) {
            column->setProperty("savedPrediction", QString());
            if (column->version())
                column->showPrediction(id);
            else
                m_pendingPredictions.removeAll(id);
        }
    }
    for (CompareColumn* column : std::as_const(m_columns))
        m_pendingPredictions.removeAll(column->prediction().id);
    if (m_pendingPredictions.isEmpty())
        setReady();
}

void ComparePage::fillOpenMenu() {
    m_openMenu->clear();
    const QStringList names = m_store.names();
    if (names.isEmpty())
        m_openMenu->addAction(tr("No saved comparisons"))->setEnabled(false);
    for (const QString& name : names) {
        m_openMenu->addAction(name, this, [this, name] {
            openSaved(name);
            emit openLocationRequested(QStringLiteral("compare:") + name);
        });
    }
}

void ComparePage::askSave() {
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Save comparison"), tr("Name:"),
                                               QLineEdit::Normal, m_name, &ok)
                             .trimmed();
    if (!ok)
        return;
    QString error;
    if (save(name, &error)) {
        showMessage(tr("Saved as \"%1\" in %2").arg(name, m_store.directory()), false);
        emit openLocationRequested(QStringLiteral("compare:") + name);  // reopens after a restart
    } else {
        showMessage(tr("Not saved: %1").arg(error), true);
    }
}

QImage ComparePage::renderImage() const {
    return renderComparison(m_columns);
}

bool ComparePage::exportPng(const QString& path, QString* error) const {
    const QImage image = renderImage();
    if (image.isNull() || !image.save(path, "PNG")) {
        *error = tr("Cannot write %1").arg(path);
        return false;
    }
    return true;
}

void ComparePage::askExport() {
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export comparison"),
        (m_name.isEmpty() ? tr("comparison") : m_name) + QStringLiteral(".png"),
        tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    QString error;
    if (exportPng(path, &error))
        showMessage(tr("Exported to %1").arg(path), false);
    else
        showMessage(error, true);
}

}  // namespace replicant::ui
