#include "replicant/ui/run_panel.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

#include "input_output_compare.h"
#include "log_view.h"
#include "replicant/ui/client/api_client.h"
#include "replicant/ui/client/hardware_price.h"
#include "replicant/ui/client/prediction_watcher.h"
#include "replicant/ui/output_view.h"
#include "replicant/widgets/badge.h"
#include "status_style.h"

namespace replicant::ui {

namespace {
constexpr int kTickMs = 100;

QLabel* metricLabel(QWidget* parent, const QString& name) {
    auto* label = new QLabel(parent);
    label->setObjectName(name);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}
}  // namespace

RunPanel::RunPanel(ApiClient* client, QWidget* parent)
    : QWidget(parent),
      m_client(client),
      m_watcher(new PredictionWatcher(client, this)),
      m_badge(new widgets::Badge(this)),
      m_caption(new QLabel(this)),
      m_elapsed(metricLabel(this, QStringLiteral("elapsed"))),
      m_predictTime(metricLabel(this, QStringLiteral("predictTime"))),
      m_cost(metricLabel(this, QStringLiteral("costEstimate"))),
      m_open(new QPushButton(tr("Details"), this)),
      m_cancel(new QPushButton(tr("Cancel"), this)),
      m_error(new QLabel(this)),
      m_notice(new QLabel(this)),
      m_output(new OutputView(client, this)),
      m_logs(new LogView(this)),
      m_tick(new QTimer(this)) {
    setObjectName(QStringLiteral("runPanel"));
    m_badge->setObjectName(QStringLiteral("runStatus"));
    m_caption->setForegroundRole(QPalette::PlaceholderText);
    m_open->setObjectName(QStringLiteral("openPrediction"));
    m_open->setToolTip(tr("Open this prediction: input, logs, metrics and JSON"));
    m_open->hide();
    connect(m_open, &QPushButton::clicked, this, [this] { emit openPrediction(m_prediction.id); });
    m_cancel->setObjectName(QStringLiteral("cancelPrediction"));
    m_cancel->hide();
    connect(m_cancel, &QPushButton::clicked, this, &RunPanel::cancel);
    m_error->setObjectName(QStringLiteral("runError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->hide();
    m_notice->setObjectName(QStringLiteral("runNotice"));
    m_notice->setWordWrap(true);
    m_notice->setForegroundRole(QPalette::PlaceholderText);
    m_notice->hide();
    m_tick->setInterval(kTickMs);
    connect(m_tick, &QTimer::timeout, this, &RunPanel::updateTimes);

    connect(m_watcher, &PredictionWatcher::updated, this, [this](const Prediction& p) {
        showNotice(m_stickyNotice);  // the connection answers again
        update(p);
    });
    connect(m_watcher, &PredictionWatcher::finished, this,
            [this](const Prediction& p) { emit predictionFinished(p); });
    connect(m_watcher, &PredictionWatcher::failed, this, [this](const ApiError& error) {
        m_tick->stop();
        setError(tr("Lost track of the prediction: %1").arg(error.message()));
        m_cancel->hide();
    });
    connect(m_watcher, &PredictionWatcher::connectionProblem, this, [this](const ApiError& error) {
        m_notice->setText(
            tr("The server is not answering (%1); still trying\u2026").arg(error.message()));
        m_notice->show();
    });

    auto* header = new QHBoxLayout;
    header->setSpacing(12);
    header->addWidget(m_badge);
    header->addWidget(m_caption);
    header->addWidget(m_elapsed);
    header->addWidget(m_predictTime);
    header->addStretch(1);
    header->addWidget(buildCompareButton());
    header->addWidget(m_open);
    header->addWidget(m_cancel);

    m_cost->setWordWrap(true);
    m_cost->setToolTip(
        tr("What this predict time would cost on Replicate's hardware, at its "
           "published per-second prices. Runs here cost nothing."));

    auto* split = new QSplitter(Qt::Vertical, this);
    split->setChildrenCollapsible(false);
    split->addWidget(m_output);
    split->addWidget(m_compare);
    split->addWidget(m_logs);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setSizes({600, 150});  // the output first; scaled to the space there is
    m_output->setMinimumHeight(140);
    m_logs->setMinimumHeight(90);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(10);
    layout->addLayout(header);
    layout->addWidget(m_cost);
    layout->addWidget(m_error);
    layout->addWidget(m_notice);
    layout->addWidget(split, 1);
    clear(tr("Fill in the inputs and press Run. The output appears here as it arrives."));
}

void RunPanel::clear(const QString& placeholder) {
    m_watcher->stop();
    m_tick->stop();
    m_prediction = Prediction();
    m_showOnly = false;
    m_badge->set(tr("Ready"), widgets::Badge::Tone::Neutral);
    m_caption->clear();
    m_elapsed->clear();
    m_predictTime->clear();
    m_cost->clear();
    m_cost->hide();
    m_compareButton->setChecked(false);
    m_compareButton->hide();
    m_open->hide();
    m_cancel->hide();
    m_error->hide();
    m_stickyNotice.clear();
    m_notice->hide();
    m_output->showPlaceholder(placeholder);
    m_logs->setLogs(QString());
}

QPushButton* RunPanel::buildCompareButton() {
    m_compareButton = new QPushButton(tr("Compare"), this);
    m_compareButton->setObjectName(QStringLiteral("compareInput"));
    m_compareButton->setToolTip(tr("The input image and the output in a before/after slider"));
    m_compareButton->setCheckable(true);
    m_compareButton->hide();
    m_compare = new InputOutputCompare(m_client, this);
    m_compare->hide();
    connect(m_compareButton, &QPushButton::toggled, this, [this](bool on) {
        if (on)
            m_compare->setPrediction(m_prediction);
        m_compare->setVisible(on);
        m_output->setVisible(!on);
    });
    return m_compareButton;
}

void RunPanel::setInputCompareOffered(bool offered) {
    m_compareOffered = offered;
    updateCompare();
}

// The Compare button is there for image-to-image predictions only.
void RunPanel::updateCompare() {
    const bool offered = m_compareOffered && InputOutputCompare::imagePair(m_prediction);
    if (!offered)
        m_compareButton->setChecked(false);
    m_compareButton->setVisible(offered);
    if (offered && m_compareButton->isChecked())
        m_compare->setPrediction(m_prediction);
}

void RunPanel::showCreating() {
    clear(tr("Creating the prediction\u2026"));
    m_badge->set(tr("Creating"), widgets::Badge::Tone::Neutral, true);
}

void RunPanel::showUploading(const QString& progress) {
    if (m_badge->text() != tr("Uploading")) {
        clear(progress);
        m_badge->set(tr("Uploading"), widgets::Badge::Tone::Neutral, true);
    }
    m_output->showPlaceholder(progress);
}

void RunPanel::showNotice(const QString& text) {
    m_stickyNotice = text;
    m_notice->setText(text);
    m_notice->setVisible(!text.isEmpty());
}

QString RunPanel::noticeText() const {
    return m_notice->isHidden() ? QString() : m_notice->text();
}

void RunPanel::showCreateError(const QString& message) {
    clear(tr("Nothing ran."));
    m_badge->set(tr("Not started"), widgets::Badge::Tone::Danger);
    setError(message);
}

void RunPanel::showPrediction(const Prediction& prediction, const QString& caption) {
    m_watcher->stop();
    m_error->hide();
    m_stickyNotice.clear();
    m_notice->hide();
    m_output->showPlaceholder(prediction.isTerminal() ? tr("The prediction returned no output.")
                                                      : tr("Waiting for output\u2026"));
    m_caption->setText(caption);
    m_showOnly = !caption.isEmpty();
    update(prediction);
    if (!prediction.isTerminal()) {
        m_tick->start();
        m_watcher->watch(prediction);
    }
}

void RunPanel::update(const Prediction& p) {
    m_prediction = p;
    const StatusStyle style = statusStyle(p.status);
    m_badge->set(style.label, style.tone, style.busy);
    m_open->setVisible(!p.id.isEmpty());
    updateCompare();
    m_cancel->setVisible(!p.isTerminal() && !p.id.isEmpty());
    m_cancel->setEnabled(true);
    if (p.isTerminal())
        m_tick->stop();
    if (!p.output.isNull() || p.isTerminal())
        m_output->setOutput(p.output, m_outputSchema);
    m_logs->setLogs(p.logs);
    if (!p.error.isEmpty())
        setError(p.error);
    else if (p.status == QLatin1String("aborted"))
        setError(tr("The prediction reached its deadline before it started."));
    updateTimes();
    if (!m_showOnly)
        emit predictionUpdated(p);
}

void RunPanel::updateTimes() {
    const Prediction& p = m_prediction;
    if (const auto elapsed = p.totalTime ? p.totalTime : p.elapsedSeconds())
        m_elapsed->setText(tr("Elapsed %1").arg(formatDuration(*elapsed)));
    std::optional<double> predict = p.predictTime;
    if (!predict && p.startedAt.isValid() && !p.isTerminal())
        predict = p.startedAt.msecsTo(QDateTime::currentDateTimeUtc()) / 1000.0;
    m_predictTime->setText(predict ? tr("Predict time %1").arg(formatDuration(*predict))
                                   : QString());
    const auto cost = predict ? estimateCost(m_hardware, *predict) : std::nullopt;
    m_cost->setText(cost ? describeCost(*cost) : QString());
    m_cost->setVisible(cost.has_value());
}

void RunPanel::setHardware(const QString& sku) {
    m_hardware = sku;
    updateTimes();
}

QString RunPanel::costText() const {
    return m_cost->text();
}

void RunPanel::cancel() {
    if (m_prediction.id.isEmpty() || m_prediction.isTerminal())
        return;
    m_cancel->setEnabled(false);
    const QString id = m_prediction.id;
    m_client->cancelPrediction(id, this, [this, id](const ApiResult<Prediction>& result) {
        if (id != m_prediction.id)
            return;
        if (!result) {
            m_cancel->setEnabled(true);
            setError(tr("Could not cancel: %1").arg(result.error().message()));
            return;
        }
        // The watcher sees the terminal status on its next look; show it now.
        if (result->isTerminal()) {
            m_watcher->watch(result.value());
        }
    });
}

bool RunPanel::isRunning() const {
    return !m_prediction.id.isEmpty() && !m_prediction.isTerminal();
}

QString RunPanel::statusText() const {
    return m_badge->text();
}

QString RunPanel::errorText() const {
    return m_error->isVisibleTo(this) ? m_error->text() : QString();
}

void RunPanel::setError(const QString& message) {
    m_error->setStyleSheet(errorStyleSheet(palette()));
    m_error->setText(message);
    m_error->show();
}

void RunPanel::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !m_error->isHidden())
        m_error->setStyleSheet(errorStyleSheet(palette()));
}

}  // namespace replicant::ui
