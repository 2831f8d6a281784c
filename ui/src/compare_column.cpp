#include "replicant/ui/compare_column.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include "log_view.h"
#include "output_renderers.h"
#include "replicant/ui/client/api_client.h"
#include "replicant/ui/output_view.h"
#include "replicant/ui/run_panel.h"
#include "replicant/viewers/image_view.h"
#include "replicant/widgets/schema_form.h"

namespace replicant::ui {

namespace {
QToolButton* toolButton(QWidget* parent, const QString& text, const QString& tip,
                        const QString& name) {
    auto* button = new QToolButton(parent);
    button->setText(text);
    button->setToolTip(tip);
    button->setAccessibleName(tip);
    button->setObjectName(name);
    button->setAutoRaise(true);
    return button;
}

// The server's 422 as one line per invalid field.
QString describeError(const ApiError& error) {
    QStringList lines;
    for (const QJsonValue& each : error.body.value(QLatin1String("invalid_fields")).toArray()) {
        const QJsonObject field = each.toObject();
        lines << field.value(QLatin1String("field")).toString() + QStringLiteral(": ") +
                     field.value(QLatin1String("description")).toString();
    }
    return lines.isEmpty() ? error.message() : error.title + QLatin1Char('\n') + lines.join('\n');
}
}  // namespace

CompareColumn::CompareColumn(ApiClient* client, QWidget* parent)
    : QWidget(parent),
      m_client(client),
      m_model(new QComboBox(this)),
      m_versionPicker(new QComboBox(this)),
      m_left(
          toolButton(this, QStringLiteral("\u25C0"), tr("Move left"), QStringLiteral("moveLeft"))),
      m_right(toolButton(this, QStringLiteral("\u25B6"), tr("Move right"),
                         QStringLiteral("moveRight"))),
      m_rerun(toolButton(this, tr("Run"), tr("Run this column alone"), QStringLiteral("rerun"))),
      m_details(toolButton(this, tr("Details"), tr("Open this prediction's page"),
                           QStringLiteral("columnDetails"))),
      m_remove(toolButton(this, QStringLiteral("\u2715"), tr("Remove this column"),
                          QStringLiteral("removeColumn"))),
      m_status(new QLabel(this)),
      m_ownToggle(new QToolButton(this)),
      m_ownArea(new QScrollArea(this)),
      m_form(new widgets::SchemaForm(this)),
      m_run(new RunPanel(client, this)),
      m_tabs(new QTabWidget(this)) {
    setObjectName(QStringLiteral("compareColumn"));
    // Columns share the width equally; below this the grid scrolls sideways.
    setMinimumWidth(250);
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_status->setObjectName(QStringLiteral("columnStatus"));
    m_status->setWordWrap(true);
    m_status->setForegroundRole(QPalette::PlaceholderText);
    m_status->hide();
    // This model's own inputs fold away, so the output keeps the room.
    m_ownToggle->setObjectName(QStringLiteral("ownInputsToggle"));
    m_ownToggle->setCheckable(true);
    m_ownToggle->setAutoRaise(true);
    m_ownToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_ownToggle->setArrowType(Qt::RightArrow);
    connect(m_ownToggle, &QToolButton::toggled, this, [this](bool open) {
        m_ownToggle->setArrowType(open ? Qt::DownArrow : Qt::RightArrow);
        m_ownArea->setVisible(open);
    });
    m_form->setObjectName(QStringLiteral("ownInputs"));
    m_ownArea->setWidget(m_form);
    m_ownArea->setWidgetResizable(true);
    m_ownArea->setFrameShape(QFrame::NoFrame);
    m_ownArea->setMaximumHeight(260);
    m_ownArea->hide();
    // The cell is narrow: the logs stay on the prediction's own page (Details).
    m_run->logView()->hide();
    m_run->setInputCompareOffered(false);  // the grid compares outputs instead
    // Room is short: the predict time is what compares, and Details moves to the header.
    if (auto* elapsed = m_run->findChild<QLabel*>(QStringLiteral("elapsed")))
        elapsed->hide();
    if (auto* details = m_run->findChild<QPushButton*>(QStringLiteral("openPrediction"))) {
        // RunPanel shows and hides it; it must take no room nor focus.
        details->setMaximumWidth(0);
        details->setFocusPolicy(Qt::NoFocus);
    }
    m_details->setEnabled(false);
    connect(m_details, &QToolButton::clicked, this, [this] {
        if (!prediction().id.isEmpty())
            emit openPrediction(prediction().id);
    });
    connect(m_run, &RunPanel::predictionUpdated, this,
            [this](const Prediction& p) { m_details->setEnabled(!p.id.isEmpty()); });
    m_run->clear(m_ref.isEmpty() ? tr("Pick a model above: one from the list, or type owner/name.")
                                 : tr("Press Run all (or Run here) to see this model's output."));
    m_tabs->setDocumentMode(true);
    m_tabs->setTabBarAutoHide(true);
    m_tabs->addTab(m_run, tr("Output"));
    // The tabs take the height left, whatever their pages' minimums (a code view's, say): the
    // grid then fits the window instead of scrolling.
    m_tabs->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Ignored);

    connect(m_form, &widgets::SchemaForm::changed, this, &CompareColumn::contextChanged);
    connect(m_run, &RunPanel::predictionUpdated, this, &CompareColumn::predictionUpdated);
    connect(m_run->outputView(), &OutputView::kindChanged, this, &CompareColumn::outputChanged);
    connect(m_left, &QToolButton::clicked, this, &CompareColumn::moveLeftRequested);
    connect(m_right, &QToolButton::clicked, this, &CompareColumn::moveRightRequested);
    connect(m_remove, &QToolButton::clicked, this, &CompareColumn::removeRequested);
    connect(m_rerun, &QToolButton::clicked, this, &CompareColumn::run);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);
    layout->addWidget(buildHeader());
    layout->addWidget(m_status);
    layout->addWidget(m_ownToggle);
    layout->addWidget(m_ownArea);
    layout->addWidget(m_tabs, 1);
    setOwnSchema({});
}

QWidget* CompareColumn::buildHeader() {
    m_model->setObjectName(QStringLiteral("modelPicker"));
    m_model->setEditable(true);
    m_model->setInsertPolicy(QComboBox::NoInsert);
    m_model->setAccessibleName(tr("Model"));
    m_model->lineEdit()->setPlaceholderText(tr("owner/name"));
    m_model->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_model->setMinimumContentsLength(8);
    // A ref picked from the list or typed (Enter) swaps the model.
    connect(m_model, &QComboBox::textActivated, this, [this](const QString& text) {
        const QString ref = text.trimmed();
        if (ref != m_ref)
            setModel(ref);
    });
    m_versionPicker->setObjectName(QStringLiteral("versionPicker"));
    m_versionPicker->setAccessibleName(tr("Version"));
    m_versionPicker->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_versionPicker->setMinimumContentsLength(4);
    connect(m_versionPicker, &QComboBox::activated, this, &CompareColumn::pickVersion);

    // Two rows, so a quarter of the window is enough: the model and the column's moves; the
    // version and Run.
    auto* header = new QWidget(this);
    auto* rows = new QVBoxLayout(header);
    rows->setContentsMargins(0, 0, 0, 0);
    rows->setSpacing(4);
    auto* first = new QHBoxLayout;
    first->setSpacing(2);
    first->addWidget(m_model, 1);
    first->addWidget(m_left);
    first->addWidget(m_right);
    first->addWidget(m_remove);
    auto* second = new QHBoxLayout;
    second->setSpacing(4);
    second->addWidget(m_versionPicker, 1);
    second->addWidget(m_rerun);
    second->addWidget(m_details);
    rows->addLayout(first);
    rows->addLayout(second);
    return header;
}

void CompareColumn::setOwnSchema(const QJsonObject& objectSchema) {
    const QJsonObject kept = m_form->values();
    m_form->setSchema(objectSchema);
    m_form->setValues(kept);
    const qsizetype count = m_form->fieldNames().size();
    m_ownToggle->setText(tr("Inputs of this model only (%1)").arg(count));
    m_ownToggle->setVisible(count > 0);
    m_ownArea->setVisible(count > 0 && m_ownToggle->isChecked());
}

QJsonObject CompareColumn::ownInput() const {
    return m_form->values();
}

void CompareColumn::setOwnInput(const QJsonObject& values) {
    m_form->setValues(values);
}

void CompareColumn::setSharedInput(const QJsonObject& values) {
    if (values == m_shared)
        return;
    m_shared = values;
    emit contextChanged();
}

QJsonObject CompareColumn::currentInput() const {
    QJsonObject input = m_shared;
    const QJsonObject own = ownInput();
    for (auto it = own.begin(); it != own.end(); ++it)
        input.insert(it.key(), it.value());
    return input;
}

bool CompareColumn::validateOwnInput() {
    m_form->clearErrors();
    return m_form->validateAndShow();
}

bool CompareColumn::run() {
    if (!m_version) {
        m_run->showCreateError(m_loadError.isEmpty() ? tr("Pick a model first.") : m_loadError);
        return false;
    }
    if (!validateOwnInput()) {
        m_ownToggle->setChecked(true);
        m_run->showCreateError(tr("Some inputs need fixing: see the messages beside them."));
        return false;
    }
    m_run->showCreating();
    const int generation = ++m_generation;
    ApiClient::PredictionRequest request{m_ref, m_requestedVersion, currentInput()};
    m_client->createPrediction(request, this, [this, generation](const ApiResult<Prediction>& r) {
        if (generation != m_generation)
            return;
        if (!r) {
            m_run->showCreateError(
                tr("Could not create the prediction: %1").arg(describeError(r.error())));
            return;
        }
        m_run->showPrediction(r.value());
    });
    return true;
}

void CompareColumn::showPrediction(const QString& id) {
    if (id.isEmpty())
        return;
    m_run->showCreating();
    const int generation = m_generation;
    m_client->fetchPrediction(id, this, [this, generation, id](const ApiResult<Prediction>& r) {
        if (generation != m_generation)
            return;
        if (!r)
            m_run->showCreateError(
                tr("Cannot load prediction %1: %2").arg(id, r.error().message()));
        else
            m_run->showPrediction(r.value());
        emit predictionLoaded();
    });
}

const Prediction& CompareColumn::prediction() const {
    return m_run->prediction();
}

bool CompareColumn::isRunning() const {
    return m_run->isRunning();
}

QImage CompareColumn::outputImage() const {
    const auto* image = qobject_cast<ImageOutput*>(m_run->outputView()->renderer());
    return image ? image->view()->image() : QImage();
}

QString CompareColumn::title() const {
    if (m_ref.isEmpty())
        return tr("No model");
    return m_version && !m_requestedVersion.isEmpty()
               ? m_ref + QLatin1Char(':') + m_requestedVersion.left(8)
               : m_ref;
}

void CompareColumn::setMovable(bool left, bool right) {
    m_left->setEnabled(left);
    m_right->setEnabled(right);
}

}  // namespace replicant::ui
