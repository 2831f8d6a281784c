#include "replicant/ui/prediction_page.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

#include "input_output_compare.h"
#include "log_view.h"
#include "replicant/ui/client/api_client.h"
#include "replicant/ui/client/hardware_price.h"
#include "replicant/ui/client/prediction_watcher.h"
#include "replicant/ui/output_view.h"
#include "replicant/ui/snippet_panel.h"
#include "replicant/widgets/badge.h"
#include "replicant/widgets/json_view.h"
#include "secret_inputs.h"
#include "status_style.h"

namespace replicant::ui {

namespace {
QString timeText(const QDateTime& t) {
    return t.isValid()
               ? QLocale().toString(t.toLocalTime(), QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"))
               : QStringLiteral("\u2014");
}

QString seconds(std::optional<double> s) {
    return s ? formatDuration(*s) : QStringLiteral("\u2014");
}

bool isVersionId(const QString& v) {
    static const QRegularExpression hex(QStringLiteral("^[0-9a-f]{64}$"));
    return hex.match(v).hasMatch();
}
}  // namespace

PredictionPage::PredictionPage(ApiClient* client, QWidget* parent)
    : Page(parent),
      m_client(client),
      m_watcher(new PredictionWatcher(client, this)),
      m_title(new QLabel(this)),
      m_badge(new widgets::Badge(this)),
      m_subtitle(new QLabel(this)),
      m_error(new QLabel(this)),
      m_cancel(new QPushButton(tr("Cancel"), this)),
      m_openModel(new QPushButton(tr("Open model"), this)),
      m_tabs(new QTabWidget(this)),
      m_output(new OutputView(client, this)),
      m_compare(new InputOutputCompare(client, this)),
      m_input(new widgets::JsonView(this)),
      m_logs(new LogView(this, false)),
      m_metrics(new QLabel(this)),
      m_json(new widgets::JsonView(this)),
      m_inputJson(new QPlainTextEdit(this)),
      m_snippets(new SnippetPanel(client, this)) {
    setObjectName(QStringLiteral("predictionPage"));
    auto* back = new QPushButton(tr("\u2190 Predictions"), this);
    back->setObjectName(QStringLiteral("predictionBack"));
    back->setFlat(true);
    connect(back, &QPushButton::clicked, this, &PredictionPage::back);
    m_cancel->setObjectName(QStringLiteral("cancelPrediction"));
    connect(m_cancel, &QPushButton::clicked, this, &PredictionPage::cancel);
    m_openModel->setObjectName(QStringLiteral("openModel"));
    connect(m_openModel, &QPushButton::clicked, this,
            [this] { emit openModel(m_prediction.model); });
    auto* copyId = new QPushButton(tr("Copy ID"), this);
    connect(copyId, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_id); });

    m_title->setObjectName(QStringLiteral("predictionTitle"));
    QFont titleFont = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    titleFont.setPointSizeF(font().pointSizeF() * 1.4);
    titleFont.setWeight(QFont::DemiBold);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_badge->setObjectName(QStringLiteral("predictionStatus"));
    m_subtitle->setForegroundRole(QPalette::PlaceholderText);
    m_subtitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setObjectName(QStringLiteral("predictionError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->hide();

    m_tabs->setObjectName(QStringLiteral("predictionTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_output, tr("Output"));
    m_tabs->addTab(m_compare, tr("Compare"));
    m_tabs->setTabVisible(1, false);  // for image-to-image predictions only
    m_tabs->addTab(m_input, tr("Input"));
    m_tabs->addTab(m_logs, tr("Logs"));
    m_tabs->addTab(buildMetricsTab(), tr("Metrics"));
    m_tabs->addTab(buildJsonTab(), tr("JSON"));
    m_tabs->addTab(m_snippets, tr("Code"));
    connect(m_tabs, &QTabWidget::currentChanged, this,
            [this] { emit codeLanguageChanged(codeLanguage()); });
    connect(m_snippets, &SnippetPanel::languageChanged, this, [this] {
        if (!codeLanguage().isEmpty())
            emit codeLanguageChanged(codeLanguage());
    });
    m_input->setObjectName(QStringLiteral("inputView"));

    auto* top = new QHBoxLayout;
    top->addWidget(back);
    top->addStretch(1);
    top->addWidget(m_openModel);
    top->addWidget(copyId);
    top->addWidget(m_cancel);
    auto* titleRow = new QHBoxLayout;
    titleRow->setSpacing(12);
    titleRow->addWidget(m_title);
    titleRow->addWidget(m_badge);
    titleRow->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(28, 18, 28, 16);
    layout->setSpacing(8);
    layout->addLayout(top);
    layout->addLayout(titleRow);
    layout->addWidget(m_subtitle);
    layout->addWidget(m_error);
    layout->addWidget(m_tabs, 1);

    connect(m_watcher, &PredictionWatcher::updated, this, &PredictionPage::display);
    connect(m_watcher, &PredictionWatcher::failed, this, &PredictionPage::showLoadError);
}

QWidget* PredictionPage::buildMetricsTab() {
    auto* tab = new QWidget(this);
    m_metrics->setObjectName(QStringLiteral("metrics"));
    m_metrics->setTextFormat(Qt::RichText);
    m_metrics->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_metrics->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    auto* layout = new QVBoxLayout(tab);
    layout->setContentsMargins(12, 12, 12, 12);
    layout->addWidget(m_metrics, 1);
    return tab;
}

QWidget* PredictionPage::buildJsonTab() {
    auto* split = new QSplitter(Qt::Horizontal, this);
    m_json->setObjectName(QStringLiteral("predictionJson"));
    auto* right = new QWidget(split);
    m_inputJson->setObjectName(QStringLiteral("inputJson"));
    m_inputJson->setReadOnly(true);
    m_inputJson->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto* copyInput = new QPushButton(tr("Copy input JSON"), right);
    connect(copyInput, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_inputJson->toPlainText()); });
    auto* copyAll = new QPushButton(tr("Copy prediction JSON"), right);
    connect(copyAll, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(widgets::JsonView::toText(m_prediction.json, true));
    });
    auto* title = new QLabel(tr("Input, as JSON for reuse from code"), right);
    title->setForegroundRole(QPalette::PlaceholderText);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(copyInput);
    buttons->addWidget(copyAll);
    buttons->addStretch(1);
    auto* layout = new QVBoxLayout(right);
    layout->setContentsMargins(8, 0, 0, 0);
    layout->addWidget(title);
    layout->addWidget(m_inputJson, 1);
    layout->addLayout(buttons);
    split->addWidget(m_json);
    split->addWidget(right);
    split->setSizes({520, 360});
    return split;
}

void PredictionPage::showCompare() {
    m_wantCompare = true;
    if (m_tabs->isTabVisible(m_tabs->indexOf(m_compare))) {
        m_tabs->setCurrentWidget(m_compare);
        m_wantCompare = false;
    }
}

void PredictionPage::openPrediction(const QString& id) {
    m_wantCompare = false;
    if (id == m_id && isReady() && m_error->isHidden())
        return;
    m_id = id;
    reload();
}

void PredictionPage::reload() {
    const int generation = ++m_generation;
    m_watcher->stop();
    setLoading();
    m_prediction = Prediction();
    m_title->setText(m_id);
    m_subtitle->setText(tr("Loading\u2026"));
    m_badge->set(tr("Loading"), widgets::Badge::Tone::Neutral, true);
    m_error->hide();
    m_cancel->hide();
    m_openModel->hide();
    m_tabs->setEnabled(true);
    m_output->showPlaceholder(tr("Loading\u2026"));
    m_snippets->clear(tr("Loading\u2026"));
    m_client->fetchPrediction(m_id, this, [this, generation](const ApiResult<Prediction>& result) {
        if (generation != m_generation)
            return;
        if (!result) {
            showLoadError(result.error());
        } else {
            loadOutputSchema(result.value());
            loadHardware(result.value());
            display(result.value());
            m_watcher->watch(result.value());
        }
        setReady();
    });
}

void PredictionPage::loadOutputSchema(const Prediction& p) {
    if (p.version == m_schemaFor || !isVersionId(p.version) || p.model.isEmpty())
        return;
    m_schemaFor = p.version;
    m_outputSchema = {};
    m_openapi = {};
    m_schemaPending = true;
    // Kept for whichever prediction of this version is shown when it arrives.
    const QString version = p.version;
    m_client->fetchVersion(p.model, p.version, this,
                           [this, version](const ApiResult<ModelVersion>& result) {
                               if (version != m_schemaFor)
                                   return;
                               m_schemaPending = false;
                               if (result) {
                                   m_outputSchema = result->outputSchema();
                                   m_openapi = result->openapiSchema;
                               }
                               updateSnippet();
                               if (m_prediction.version == version)
                                   showInput();
                               if (result && m_prediction.version == version)
                                   m_output->setOutput(m_prediction.output, m_outputSchema);
                           });
}

void PredictionPage::display(const Prediction& p) {
    m_prediction = p;
    const StatusStyle style = statusStyle(p.status);
    m_badge->set(style.label, style.tone, style.busy);
    m_title->setText(p.id);
    QStringList parts{p.model};
    if (!p.version.isEmpty())
        parts << tr("version %1").arg(p.version.left(12));
    parts << tr("created %1").arg(timeText(p.createdAt));
    if (!p.source.isEmpty())
        parts << tr("source: %1").arg(p.source);
    if (!p.deployment.isEmpty())
        parts << tr("deployment: %1").arg(p.deployment);
    m_subtitle->setText(parts.join(QStringLiteral(" \u00b7 ")));
    m_cancel->setVisible(!p.isTerminal());
    m_cancel->setEnabled(true);
    m_openModel->setVisible(!p.model.isEmpty());
    if (!p.error.isEmpty()) {
        m_error->setStyleSheet(errorStyleSheet(palette()));
        m_error->setText(p.error);
        m_error->show();
    } else {
        m_error->hide();
    }
    if (p.output.isNull())
        m_output->showPlaceholder(p.isTerminal() ? tr("The prediction returned no output.")
                                                 : tr("Waiting for output\u2026"));
    else
        m_output->setOutput(p.output, m_outputSchema);
    const bool compare = m_compare->setPrediction(p);
    m_tabs->setTabVisible(m_tabs->indexOf(m_compare), compare);
    if (compare && m_wantCompare)
        showCompare();
    showInput();
    m_logs->setLogs(p.logs);
    updateSnippet();

    const QString muted = palette().color(QPalette::PlaceholderText).name();
    const auto row = [&muted](const QString& name, const QString& value) {
        return QStringLiteral(
                   "<tr><td style='padding:3px 24px 3px 0; color:%1'>%2</td>"
                   "<td style='padding:3px 0'>%3</td></tr>")
            .arg(muted, name.toHtmlEscaped(), value.toHtmlEscaped());
    };
    std::optional<double> queued;
    if (p.startedAt.isValid() && p.createdAt.isValid())
        queued = p.createdAt.msecsTo(p.startedAt) / 1000.0;
    m_metrics->setText(
        QStringLiteral("<table>") + row(tr("Status"), style.label) +
        row(tr("Predict time"), seconds(p.predictTime)) +
        row(tr("Total time"), seconds(p.totalTime ? p.totalTime : p.elapsedSeconds())) +
        row(tr("Queued for"), seconds(queued)) + row(tr("Created"), timeText(p.createdAt)) +
        row(tr("Started"), timeText(p.startedAt)) + row(tr("Completed"), timeText(p.completedAt)) +
        row(tr("Estimated cost"), costText()) + row(tr("Model"), p.model) +
        row(tr("Version"), p.version) + row(tr("Source"), p.source) + QStringLiteral("</table>"));
    emit predictionUpdated(p);
}

// The input, its JSON and the whole prediction's JSON, with secret inputs masked by the
// version's schema. Until the schema is known nothing of the input shows, so a secret the
// server did not redact never flashes by.
void PredictionPage::showInput() {
    const Prediction& p = m_prediction;
    if (m_schemaPending) {
        m_input->setJson(QJsonObject());
        m_inputJson->setPlainText(tr("Loading\u2026"));
        return;
    }
    ModelVersion version;
    version.openapiSchema = m_openapi;
    const QJsonObject input = maskSecretInputs(p.input, version.inputSchema());
    if (m_input->json() != QJsonValue(input))
        m_input->setJson(input);
    m_inputJson->setPlainText(widgets::JsonView::toText(input, true));
    QJsonObject json = p.json;
    if (json.contains(QLatin1String("input")))
        json.insert(QLatin1String("input"), input);
    if (m_json->json() != QJsonValue(json))
        m_json->setJson(json);
}

// The model's hardware, for the cost estimate in Metrics (once per model).
void PredictionPage::loadHardware(const Prediction& p) {
    if (p.model.isEmpty() || p.model == m_hardwareFor)
        return;
    m_hardwareFor = p.model;
    m_hardware.clear();
    const QString model = p.model;
    m_client->fetchModel(model, this, [this, model](const ApiResult<Model>& result) {
        if (model != m_hardwareFor || !result)
            return;
        m_hardware = result->hardware;
        if (m_prediction.model == model)
            display(m_prediction);
    });
}

// "Estimated cost $0.0002 (CPU at $0.000100/s)" from the predict time, or a dash.
QString PredictionPage::costText() const {
    const auto cost = m_prediction.predictTime ? estimateCost(m_hardware, *m_prediction.predictTime)
                                               : std::nullopt;
    if (!cost)
        return QStringLiteral("\u2014");
    return describeCost(*cost).section(QLatin1Char(' '), 2);
}

void PredictionPage::showLoadError(const ApiError& error) {
    QString text;
    if (error.status == 404)
        text = tr("There is no prediction %1 on this server. The link may be stale, or the "
                  "prediction belongs to another account.")
                   .arg(m_id);
    else if (error.status == 0)
        text = tr("Could not reach the server: %1").arg(error.message());
    else
        text = tr("Could not load the prediction: %1").arg(error.message());
    m_badge->set(error.status == 404 ? tr("Not found") : tr("Error"), widgets::Badge::Tone::Danger);
    m_subtitle->clear();
    m_error->setStyleSheet(errorStyleSheet(palette()));
    m_error->setText(text);
    m_error->show();
    m_cancel->hide();
    m_output->showPlaceholder(QString());
    m_tabs->setEnabled(false);
}

QString PredictionPage::errorText() const {
    return m_error->isVisibleTo(this) ? m_error->text() : QString();
}

QString PredictionPage::inputJson() const {
    return m_inputJson->toPlainText();
}

QString PredictionPage::metricsText() const {
    return m_metrics->text();
}

void PredictionPage::cancel() {
    m_cancel->setEnabled(false);
    const QString id = m_id;
    m_client->cancelPrediction(id, this, [this, id](const ApiResult<Prediction>& result) {
        if (id != m_id)
            return;
        if (!result) {
            m_cancel->setEnabled(true);
            m_error->setStyleSheet(errorStyleSheet(palette()));
            m_error->setText(tr("Could not cancel: %1").arg(result.error().message()));
            m_error->show();
            return;
        }
        m_watcher->watch(result.value());
    });
}

// The code that makes this prediction again: its model, its version when it names one, its
// input. It waits for the version's schema, which says which inputs are secrets.
void PredictionPage::updateSnippet() {
    if (m_prediction.model.isEmpty()) {
        m_snippets->clear(tr("This prediction names no model, so there is no code to repeat it."));
        return;
    }
    const bool pinned = isVersionId(m_prediction.version);
    if (pinned && (m_schemaFor != m_prediction.version || m_schemaPending)) {
        m_snippets->clear(tr("Loading the model's schema\u2026"));
        return;
    }
    snippets::Request request;
    request.model = m_prediction.model;
    request.version = pinned ? m_prediction.version : QString();
    request.official = !pinned;  // "hidden" or a deployment's: run by name
    request.openapi = m_openapi;
    request.input = m_prediction.input;
    m_snippets->setRequest(request);
}

void PredictionPage::showCode(const QString& language) {
    if (language.isEmpty()) {
        if (m_tabs->currentWidget() == m_snippets)
            m_tabs->setCurrentWidget(m_output);
        return;
    }
    m_snippets->setLanguage(language);
    m_tabs->setCurrentWidget(m_snippets);
}

QString PredictionPage::codeLanguage() const {
    return m_tabs->currentWidget() == m_snippets ? m_snippets->language() : QString();
}

}  // namespace replicant::ui
