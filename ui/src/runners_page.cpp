#include "replicant/ui/runners_page.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

#include "icons.h"
#include "page_header.h"
#include "replicant/ui/client/api_client.h"
#include "replicant/widgets/card.h"
#include "status_style.h"

namespace replicant::ui {

namespace {
enum Column { ModelCol, StatusCol, KindCol, TargetCol, RestartsCol, ColumnCount };

QString targetOf(const QJsonObject& r) {
    for (const char* key : {"url", "command", "image"})
        if (r.contains(QLatin1String(key)))
            return r.value(QLatin1String(key)).toString();
    return {};
}

QString errorText(const ApiError& e) {
    if (e.status == 404)
        return RunnersPage::tr(
            "This server has no Cog runners API: runners are a Replicant "
            "feature (the real Replicate API runs models itself).");
    if (e.status == 0)
        return RunnersPage::tr("The server cannot be reached: %1").arg(e.message());
    return e.message();
}
}  // namespace

RunnersPage::RunnersPage(ApiClient* client, QWidget* parent) : Page(parent), m_client(client) {
    setObjectName(QStringLiteral("runnersPage"));
    auto* header = new PageHeader(
        tr("Cog runners"),
        tr("Cog prediction servers that serve models: a URL, a command Replicant starts, or a "
           "Cog image."),
        this);
    auto* refreshButton = new QPushButton(tr("Refresh"), this);
    refreshButton->setIcon(
        tintedIcon(QStringLiteral("refresh"), palette().color(QPalette::ButtonText)));
    connect(refreshButton, &QPushButton::clicked, this, &RunnersPage::refresh);
    header->addAction(refreshButton);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("runnersMessage"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(errorStyleSheet(palette()));
    m_message->hide();

    auto* listCard = new widgets::Card(this);
    auto* listLayout = new QVBoxLayout(listCard);
    m_table = new QTableWidget(0, ColumnCount, listCard);
    m_table->setObjectName(QStringLiteral("runnersTable"));
    m_table->setHorizontalHeaderLabels(
        {tr("Model"), tr("Status"), tr("Kind"), tr("Server"), tr("Restarts")});
    m_table->horizontalHeader()->setSectionResizeMode(TargetCol, QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setMinimumHeight(160);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &RunnersPage::showDetails);
    auto* buttons = new QHBoxLayout;
    m_restart = new QPushButton(tr("Restart"), listCard);
    m_remove = new QPushButton(tr("Remove"), listCard);
    m_restart->setObjectName(QStringLiteral("runnerRestart"));
    m_remove->setObjectName(QStringLiteral("runnerRemove"));
    m_restart->setEnabled(false);
    m_remove->setEnabled(false);
    connect(m_restart, &QPushButton::clicked, this, [this] { act("POST", "/restart"); });
    connect(m_remove, &QPushButton::clicked, this, [this] { act("DELETE", {}); });
    buttons->addStretch(1);
    buttons->addWidget(m_restart);
    buttons->addWidget(m_remove);
    m_details = new QPlainTextEdit(listCard);
    m_details->setObjectName(QStringLiteral("runnerDetails"));
    m_details->setReadOnly(true);
    m_details->setPlaceholderText(tr("Select a runner to see its state, setup logs and output."));
    m_details->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    listLayout->addWidget(m_table, 2);
    listLayout->addLayout(buttons);
    listLayout->addWidget(m_details, 1);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(32, 28, 32, 28);
    layout->setSpacing(16);
    layout->addWidget(header);
    layout->addWidget(m_message);
    layout->addWidget(listCard, 1);
    layout->addWidget(buildAddForm());

    m_timer = new QTimer(this);
    m_timer->setInterval(2000);
    connect(m_timer, &QTimer::timeout, this, &RunnersPage::refresh);
}

QWidget* RunnersPage::buildAddForm() {
    auto* card = new widgets::Card(this);
    auto* form = new QFormLayout(card);
    auto* title = new QLabel(tr("Add a runner"), card);
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    form->addRow(title);
    m_model = new QLineEdit(card);
    m_model->setObjectName(QStringLiteral("runnerModel"));
    m_model->setPlaceholderText(tr("your-username/model-name"));
    m_kind = new QComboBox(card);
    m_kind->setObjectName(QStringLiteral("runnerKind"));
    m_kind->addItem(tr("URL of a running Cog server"), QStringLiteral("url"));
    m_kind->addItem(tr("Command that starts one"), QStringLiteral("command"));
    m_kind->addItem(tr("Cog image (docker)"), QStringLiteral("image"));
    m_target = new QLineEdit(card);
    m_target->setObjectName(QStringLiteral("runnerTarget"));
    auto placeholder = [this] {
        const QString kind = m_kind->currentData().toString();
        m_target->setPlaceholderText(kind == QLatin1String("url") ? tr("http://127.0.0.1:5000")
                                     : kind == QLatin1String("command")
                                         ? tr("python -m cog.server.http")
                                         : tr("my-cog-model:latest"));
    };
    connect(m_kind, &QComboBox::currentIndexChanged, this, placeholder);
    placeholder();
    m_concurrency = new QSpinBox(card);
    m_concurrency->setRange(1, 64);
    m_add = new QPushButton(tr("Add runner"), card);
    m_add->setObjectName(QStringLiteral("runnerAdd"));
    connect(m_add, &QPushButton::clicked, this, &RunnersPage::addRunner);
    m_addError = new QLabel(card);
    m_addError->setObjectName(QStringLiteral("runnerAddError"));
    m_addError->setWordWrap(true);
    m_addError->setStyleSheet(errorStyleSheet(palette()));
    m_addError->hide();
    form->addRow(tr("Model"), m_model);
    form->addRow(tr("Runs from"), m_kind);
    form->addRow(tr("Target"), m_target);
    form->addRow(tr("Concurrency"), m_concurrency);
    auto* addRow = new QHBoxLayout;
    addRow->addStretch(1);
    addRow->addWidget(m_add);
    form->addRow(QString(), addRow);
    form->addRow(QString(), m_addError);
    return card;
}

void RunnersPage::showEvent(QShowEvent* event) {
    Page::showEvent(event);
    m_shown.start();
    refresh();
    m_timer->start();
}

void RunnersPage::hideEvent(QHideEvent* event) {
    Page::hideEvent(event);
    m_timer->stop();
}

void RunnersPage::refresh() {
    m_client->request(
        "GET", QStringLiteral("/replicant/v1/runners"), {}, this,
        [this](const ApiResult<QJsonDocument>& result) {
            if (!result) {
                m_message->setText(errorText(result.error()));
                m_message->show();
                setReady();
                return;
            }
            m_message->hide();
            const QJsonArray runners = result.value().object().value("results").toArray();
            showRunners(runners);
            // Servers that are starting are watched closely; the page counts as
            // loaded once none is, or after a while (setup can take minutes).
            bool starting = false;
            for (const auto& r : runners)
                starting |= r.toObject().value("status").toString() == QLatin1String("STARTING");
            m_timer->setInterval(starting ? 500 : 2000);
            if (!starting || m_shown.elapsed() > 10'000)
                setReady();
        });
}

void RunnersPage::showRunners(const QJsonArray& runners) {
    const QString selected = selectedModel();
    m_runners = runners;
    m_table->setRowCount(runners.size());
    for (int row = 0; row < runners.size(); ++row) {
        const QJsonObject r = runners.at(row).toObject();
        const QString status = r.value("status").toString();
        const QStringList cells = {r.value("model").toString(), status, r.value("kind").toString(),
                                   targetOf(r), QString::number(r.value("restarts").toInt())};
        for (int col = 0; col < ColumnCount; ++col) {
            auto* item = new QTableWidgetItem(cells[col]);
            if (col == StatusCol) {
                const bool ok = status == QLatin1String("READY") || status == QLatin1String("BUSY");
                const bool bad = status == QLatin1String("SETUP_FAILED") ||
                                 status == QLatin1String("DEFUNCT") ||
                                 status == QLatin1String("UNREACHABLE");
                const bool dark = palette().color(QPalette::Window).lightness() < 128;
                if (ok)
                    item->setForeground(QColor(dark ? 0x56d364 : 0x1a7f37));
                else if (bad)
                    item->setForeground(QColor(dark ? 0xff7b72 : 0xc41d2a));
            }
            m_table->setItem(row, col, item);
        }
        if (cells[ModelCol] == selected)
            m_table->selectRow(row);
    }
    // Something is always selected, so its details show (the first one that is in trouble).
    if (m_table->selectionModel()->selectedRows().isEmpty() && !runners.isEmpty()) {
        int pick = 0;
        for (int row = 0; row < runners.size(); ++row) {
            const QString status = runners.at(row).toObject().value("status").toString();
            if (status != QLatin1String("READY") && status != QLatin1String("BUSY")) {
                pick = row;
                break;
            }
        }
        m_table->selectRow(pick);
    }
    m_table->resizeColumnsToContents();
    m_table->horizontalHeader()->setSectionResizeMode(TargetCol, QHeaderView::Stretch);
    if (runners.isEmpty())
        m_details->setPlainText(
            tr("No Cog runners yet. Add one below, or start replicant-server with --cog, "
               "--cog-command, --cog-image or --config."));
    else
        showDetails();
}

QString RunnersPage::selectedModel() const {
    const auto rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return {};
    auto* item = m_table->item(rows.first().row(), ModelCol);
    return item ? item->text() : QString();
}

void RunnersPage::showDetails() {
    const QString model = selectedModel();
    m_restart->setEnabled(!model.isEmpty());
    m_remove->setEnabled(!model.isEmpty());
    for (const auto& value : m_runners) {
        const QJsonObject r = value.toObject();
        if (r.value("model").toString() != model)
            continue;
        QString text = tr("%1 is %2").arg(model, r.value("status").toString());
        if (const QString d = r.value("detail").toString(); !d.isEmpty())
            text += QStringLiteral(": ") + d;
        text += QStringLiteral("\n") + tr("Server: %1").arg(r.value("server_url").toString());
        if (const QString cog = r.value("cog_version").toString(); !cog.isEmpty())
            text += tr(" (Cog %1)").arg(cog);
        text += QStringLiteral("\n") + tr("Upload URL for a server you start yourself: %1")
                                           .arg(r.value("upload_url").toString());
        const QString logs = r.value("setup").toObject().value("logs").toString();
        if (!logs.isEmpty())
            text += QStringLiteral("\n\n") + tr("Setup logs:") + QStringLiteral("\n") + logs;
        const QString output = r.value("process_log").toString();
        if (!output.isEmpty())
            text += QStringLiteral("\n\n") + tr("Server output:") + QStringLiteral("\n") + output;
        if (m_details->toPlainText() != text)
            m_details->setPlainText(text);
        return;
    }
}

void RunnersPage::addRunner() {
    QJsonObject body{{"model", m_model->text().trimmed()},
                     {m_kind->currentData().toString(), m_target->text().trimmed()},
                     {"concurrency", m_concurrency->value()}};
    m_add->setEnabled(false);
    m_addError->hide();
    m_client->request("POST", QStringLiteral("/replicant/v1/runners"), QJsonDocument(body), this,
                      [this](const ApiResult<QJsonDocument>& result) {
                          m_add->setEnabled(true);
                          if (!result) {
                              m_addError->setText(errorText(result.error()));
                              m_addError->show();
                              return;
                          }
                          m_model->clear();
                          m_target->clear();
                          refresh();
                      });
}

void RunnersPage::act(const QByteArray& method, const QString& suffix) {
    const QString model = selectedModel();
    if (model.isEmpty())
        return;
    m_client->request(method, QStringLiteral("/replicant/v1/runners/") + model + suffix, {}, this,
                      [this](const ApiResult<QJsonDocument>& result) {
                          if (!result) {
                              m_message->setText(errorText(result.error()));
                              m_message->show();
                          }
                          refresh();
                      });
}

}  // namespace replicant::ui
