// A comparison column's model and version: the versions list, the version picked, and what
// happens when a model cannot be loaded.
#include <QComboBox>
#include <QLabel>
#include <QRegularExpression>

#include "replicant/ui/client/api_client.h"
#include "replicant/ui/compare_column.h"
#include "replicant/ui/run_panel.h"

namespace replicant::ui {

void CompareColumn::setModelChoices(const QStringList& refs) {
    const QString current = m_model->currentText();
    const QSignalBlocker blocker(m_model);
    m_model->clear();
    m_model->addItems(refs);
    m_model->setCurrentIndex(-1);
    m_model->setEditText(current);
}

void CompareColumn::setModel(const QString& ref, const QString& versionId) {
    static const QRegularExpression pattern(QStringLiteral("^[^/\\s]+/[^/\\s]+$"));
    ++m_generation;
    m_ref = ref;
    m_requestedVersion = versionId;
    m_version.reset();
    m_versions.clear();
    m_versionPicker->clear();
    m_model->setEditText(ref);
    m_run->clear(m_ref.isEmpty() ? tr("Pick a model above: one from the list, or type owner/name.")
                                 : tr("Press Run all (or Run here) to see this model's output."));
    if (ref.isEmpty()) {  // back to an empty column
        m_loading = false;
        m_loadError.clear();
        m_status->hide();
        emit versionLoaded();
        emit contextChanged();
        return;
    }
    if (!pattern.match(ref).hasMatch()) {
        failLoad(tr("\"%1\" is not a model: use owner/name.").arg(ref));
        return;
    }
    m_loading = true;
    m_loadError.clear();
    m_status->setText(tr("Loading %1\u2026").arg(ref));
    m_status->show();
    const int generation = m_generation;
    // The model's hardware prices the cost estimate (the run panel assumes CPU without it).
    m_run->setHardware(QString());
    m_client->fetchModel(ref, this, [this, generation](const ApiResult<Model>& model) {
        if (generation == m_generation && model)
            m_run->setHardware(model->hardware);
    });
    m_client->listVersions(
        ref, QString(), this, [this, generation](const ApiResult<ListPage<ModelVersion>>& r) {
            if (generation != m_generation)
                return;
            if (r && !r->results.isEmpty()) {
                fillVersions(r->results);
                return;
            }
            // No version list (an official model, say): its latest version will do.
            m_client->fetchModel(m_ref, this, [this, generation](const ApiResult<Model>& model) {
                if (generation != m_generation)
                    return;
                if (!model)
                    failLoad(tr("Cannot load %1: %2").arg(m_ref, model.error().message()));
                else if (!model->latestVersion)
                    failLoad(tr("%1 has no version to run.").arg(m_ref));
                else
                    fillVersions({*model->latestVersion});
            });
        });
    emit contextChanged();
}

void CompareColumn::fillVersions(const QVector<ModelVersion>& versions) {
    m_versions = versions;
    const QSignalBlocker blocker(m_versionPicker);
    m_versionPicker->clear();
    m_versionPicker->addItem(tr("Latest"), QString());
    int selected = 0;
    for (const ModelVersion& v : versions) {
        m_versionPicker->addItem(v.id.left(8), v.id);
        m_versionPicker->setItemData(
            m_versionPicker->count() - 1,
            v.id + QLatin1Char('\n') + v.createdAt.toLocalTime().toString(Qt::TextDate),
            Qt::ToolTipRole);
        if (!m_requestedVersion.isEmpty() && v.id == m_requestedVersion)
            selected = m_versionPicker->count() - 1;
    }
    if (!m_requestedVersion.isEmpty() && selected == 0) {
        failLoad(tr("%1 has no version %2.").arg(m_ref, m_requestedVersion.left(12)));
        return;
    }
    m_versionPicker->setCurrentIndex(selected);
    useVersion(selected == 0 ? versions.constFirst() : versions[selected - 1]);
}

void CompareColumn::pickVersion(int index) {
    const QString id = m_versionPicker->itemData(index).toString();
    m_requestedVersion = id;
    for (const ModelVersion& v : std::as_const(m_versions)) {
        if (id.isEmpty() || v.id == id) {
            useVersion(v);
            return;
        }
    }
}

void CompareColumn::useVersion(const ModelVersion& version) {
    m_loading = false;
    m_loadError.clear();
    m_version = version;
    m_status->hide();
    m_run->setOutputSchema(version.outputSchema());
    emit versionLoaded();
    emit contextChanged();
}

void CompareColumn::failLoad(const QString& message) {
    m_loading = false;
    m_loadError = message;
    m_version.reset();
    m_status->setText(message);
    m_status->show();
    emit versionLoaded();
    emit contextChanged();
}

}  // namespace replicant::ui
