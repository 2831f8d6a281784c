#include "replicant/ui/model_page.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "replicant/ui/client/api_client.h"
#include "replicant/ui/input_uploader.h"
#include "replicant/ui/run_panel.h"
#include "replicant/ui/settings.h"
#include "replicant/ui/snippet_panel.h"
#include "replicant/widgets/markdown_view.h"
#include "replicant/widgets/schema_form.h"
#include "status_style.h"

namespace replicant::ui {

namespace {
constexpr qsizetype kMaxSavedInputChars = 64 * 1024;

QString shortId(const QString& id) {
    return id.size() > 12 ? id.left(12) : id;
}

QString link(const QString& url, const QString& text) {
    return QStringLiteral("<a href=\"%1\">%2</a>").arg(url.toHtmlEscaped(), text.toHtmlEscaped());
}

QString inputsKey(const QString& ref) {
    return QStringLiteral("inputs/") + QString(ref).replace(QLatin1Char('/'), QLatin1Char('~'));
}
}  // namespace

ModelPage::ModelPage(ApiClient* client, QWidget* parent)
    : Page(parent),
      m_client(client),
      m_stack(new QStackedWidget(this)),
      m_title(new QLabel(this)),
      m_description(new QLabel(this)),
      m_meta(new QLabel(this)),
      m_versionChoice(new QComboBox(this)),
      m_tabs(new QTabWidget(this)),
      m_form(new widgets::SchemaForm(this)),
      m_runButton(new QPushButton(tr("Run"), this)),
      m_resetButton(new QPushButton(tr("Reset"), this)),
      m_run(new RunPanel(client, this)),
      m_uploader(new InputUploader(client, this)),
      m_snippets(new SnippetPanel(client, this)),
      m_readme(new widgets::MarkdownView(this)),
      m_versions(new QTreeWidget(this)),
      m_loadError(new QLabel(this)) {
    setObjectName(QStringLiteral("modelPage"));
    m_tabs->setObjectName(QStringLiteral("modelTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(buildPlayground(), tr("Playground"));
    m_tabs->addTab(m_readme, tr("README"));
    m_tabs->addTab(buildVersionsTab(), tr("Versions"));

    auto* content = new QWidget(this);
    auto* contentLayout = new QVBoxLayout(content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->setSpacing(12);
    contentLayout->addWidget(m_tabs, 1);

    m_loadError->setObjectName(QStringLiteral("modelError"));
    m_loadError->setWordWrap(true);
    m_loadError->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_loadError->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* errorPage = new QWidget(this);
    auto* errorLayout = new QVBoxLayout(errorPage);
    auto* retry = new QPushButton(tr("Try again"), errorPage);
    connect(retry, &QPushButton::clicked, this, &ModelPage::reload);
    errorLayout->addWidget(m_loadError);
    errorLayout->addWidget(retry, 0, Qt::AlignLeft);
    errorLayout->addStretch(1);
    m_stack->addWidget(content);
    m_stack->addWidget(errorPage);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(28, 18, 28, 16);
    layout->setSpacing(14);
    layout->addWidget(buildHeader());
    layout->addWidget(m_stack, 1);

    connect(m_run, &RunPanel::openPrediction, this, &ModelPage::openPrediction);
    connect(m_run, &RunPanel::predictionFinished, this, [this](const Prediction& p) {
        m_runButton->setEnabled(true);
        emit predictionFinished(p);
    });
    connect(m_form, &widgets::SchemaForm::submitRequested, this, &ModelPage::run);
    connect(m_uploader, &InputUploader::progress, m_run, &RunPanel::showUploading);
    connect(m_form, &widgets::SchemaForm::changed, this, &ModelPage::updateSnippet);
    connect(m_snippets, &SnippetPanel::languageChanged, this, [this] {
        if (!codeLanguage().isEmpty())
            emit codeLanguageChanged(codeLanguage());
    });
}

QWidget* ModelPage::buildHeader() {
    auto* header = new QWidget(this);
    auto* back = new QPushButton(tr("\u2190 Explore"), header);
    back->setObjectName(QStringLiteral("modelBack"));
    back->setFlat(true);
    back->setToolTip(tr("Back to the models (Alt+Left)"));
    connect(back, &QPushButton::clicked, this, &ModelPage::back);
    m_title->setObjectName(QStringLiteral("modelTitle"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.6);
    titleFont.setWeight(QFont::DemiBold);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_description->setObjectName(QStringLiteral("modelDescription"));
    m_description->setWordWrap(true);
    m_meta->setObjectName(QStringLiteral("modelMeta"));
    m_meta->setForegroundRole(QPalette::PlaceholderText);
    m_meta->setOpenExternalLinks(true);
    m_versionChoice->setObjectName(QStringLiteral("versionChoice"));
    m_versionChoice->setToolTip(tr("The version the playground runs"));
    m_versionChoice->setMinimumWidth(200);
    connect(m_versionChoice, &QComboBox::activated, this,
            [this](int index) { useVersion(m_versionChoice->itemData(index).toString()); });

    auto* top = new QHBoxLayout;
    top->addWidget(back);
    top->addStretch(1);
    auto* versionLabel = new QLabel(tr("Version"), header);
    versionLabel->setForegroundRole(QPalette::PlaceholderText);
    top->addWidget(versionLabel);
    top->addWidget(m_versionChoice);
    auto* layout = new QVBoxLayout(header);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addLayout(top);
    layout->addWidget(m_title);
    layout->addWidget(m_description);
    layout->addWidget(m_meta);
    return header;
}

QWidget* ModelPage::buildPlayground() {
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->setObjectName(QStringLiteral("playground"));
    split->setChildrenCollapsible(false);

    auto* inputs = new QWidget(split);
    auto* scroll = new QScrollArea(inputs);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto* formHolder = new QWidget(scroll);
    auto* formLayout = new QVBoxLayout(formHolder);
    formLayout->setContentsMargins(2, 12, 14, 12);
    formLayout->addWidget(m_form);
    scroll->setWidget(formHolder);
    m_runButton->setObjectName(QStringLiteral("runButton"));
    m_runButton->setDefault(true);
    m_runButton->setToolTip(tr("Create the prediction (Ctrl+Enter)"));
    m_runButton->setMinimumWidth(110);
    connect(m_runButton, &QPushButton::clicked, this, &ModelPage::run);
    m_resetButton->setObjectName(QStringLiteral("resetButton"));
    m_resetButton->setToolTip(tr("Put every input back to its default"));
    connect(m_resetButton, &QPushButton::clicked, m_form, &widgets::SchemaForm::resetToDefaults);
    auto* buttons = new QHBoxLayout;
    buttons->setContentsMargins(0, 8, 14, 0);
    buttons->addWidget(m_resetButton);
    buttons->addStretch(1);
    buttons->addWidget(m_runButton);
    auto* inputsLayout = new QVBoxLayout(inputs);
    inputsLayout->setContentsMargins(0, 0, 0, 0);
    auto* inputsTitle = new QLabel(tr("Input"), inputs);
    QFont bold = inputsTitle->font();
    bold.setWeight(QFont::DemiBold);
    bold.setPointSizeF(bold.pointSizeF() * 1.1);
    inputsTitle->setFont(bold);
    inputsLayout->addWidget(inputsTitle);
    inputsLayout->addWidget(scroll, 1);
    inputsLayout->addLayout(buttons);

    auto* output = new QWidget(split);
    auto* outputLayout = new QVBoxLayout(output);
    outputLayout->setContentsMargins(16, 0, 0, 0);
    m_outputTabs = new QTabWidget(output);
    m_outputTabs->setObjectName(QStringLiteral("outputTabs"));
    m_outputTabs->setDocumentMode(true);
    m_outputTabs->addTab(m_run, tr("Output"));
    m_outputTabs->addTab(m_snippets, tr("Code"));
    m_outputTabs->setTabToolTip(1, tr("Node.js, Python and cURL code that runs these inputs"));
    connect(m_outputTabs, &QTabWidget::currentChanged, this,
            [this] { emit codeLanguageChanged(codeLanguage()); });
    outputLayout->addWidget(m_outputTabs, 1);

    split->addWidget(inputs);
    split->addWidget(output);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    split->setSizes({420, 480});
    return split;
}

QWidget* ModelPage::buildVersionsTab() {
    m_versions->setObjectName(QStringLiteral("versionList"));
    m_versions->setRootIsDecorated(false);
    m_versions->setHeaderLabels({tr("Version"), tr("Created"), tr("Cog")});
    m_versions->header()->setStretchLastSection(true);
    m_versions->header()->resizeSection(0, 360);
    m_versions->header()->resizeSection(1, 200);
    m_versions->setAlternatingRowColors(true);
    connect(m_versions, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
        if (useVersion(item->data(0, Qt::UserRole).toString()))
            m_tabs->setCurrentIndex(0);
    });
    auto* tab = new QWidget(this);
    auto* layout = new QVBoxLayout(tab);
    auto* hint = new QLabel(tr("Double-click a version to run it in the playground."), tab);
    hint->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(hint);
    layout->addWidget(m_versions, 1);
    return tab;
}

void ModelPage::openModel(const QString& ref) {
    if (ref == m_ref && isReady() && m_stack->currentIndex() == 0)
        return;
    m_ref = ref;
    reload();
}

void ModelPage::reload() {
    const int generation = ++m_generation;
    m_uploader->cancel();
    setLoading();
    m_title->setText(m_ref);
    m_description->setText(tr("Loading\u2026"));
    m_meta->clear();
    m_stack->setCurrentIndex(0);
    m_versionChoice->clear();
    m_readme->setMarkdownText(QString());
    m_versions->clear();
    m_run->clear(tr("Fill in the inputs and press Run. The output appears here as it arrives."));
    m_form->setSchema({});
    m_version = ModelVersion();  // the snippet must not mix this model with the last one's
    m_snippets->clear(tr("Loading\u2026"));
    m_runButton->setEnabled(false);
    m_client->fetchModel(m_ref, this, [this, generation](const ApiResult<Model>& result) {
        if (generation != m_generation)
            return;
        if (!result) {
            showLoadError(result.error());
            setReady();
            return;
        }
        showModel(result.value());
        setReady();
    });
    m_client->fetchReadme(m_ref, this, [this, generation](const ApiResult<QString>& result) {
        if (generation != m_generation)
            return;
        if (result)
            m_readme->setMarkdownText(
                result->trimmed().isEmpty() ? tr("*This model has no README.*") : result.value());
        else if (result.error().status != 404)
            m_readme->setMarkdownText(
                tr("*Could not load the README: %1*").arg(result.error().message()));
    });
    m_client->listVersions(m_ref, QString(), this,
                           [this, generation](const ApiResult<ListPage<ModelVersion>>& result) {
                               if (generation != m_generation || !result)
                                   return;
                               showVersions(result->results);
                           });
}

void ModelPage::showModel(const Model& model) {
    m_model = model;
    m_run->setHardware(model.hardware);
    m_title->setText(model.fullName());
    m_description->setText(model.description.isEmpty() ? tr("No description.") : model.description);
    QStringList meta;
    meta << (model.runCount == 1 ? tr("1 run") : tr("%1 runs").arg(compactCount(model.runCount)));
    if (!model.hardware.isEmpty())
        meta << tr("hardware: %1").arg(model.hardware);
    if (!model.visibility.isEmpty())
        meta << model.visibility;
    if (!model.githubUrl.isEmpty())
        meta << link(model.githubUrl, tr("GitHub"));
    if (!model.paperUrl.isEmpty())
        meta << link(model.paperUrl, tr("Paper"));
    if (!model.licenseUrl.isEmpty())
        meta << link(model.licenseUrl, tr("License"));
    m_meta->setText(meta.join(QStringLiteral(" \u00b7 ")));

    if (!model.latestVersion) {
        m_form->setSchema({});
        m_run->clear(tr("This model has no version yet, so there is nothing to run."));
        m_snippets->clear(tr("This model has no version yet, so there is no code to run it."));
        return;
    }
    setVersion(*model.latestVersion, false);
    if (!model.defaultExample.isEmpty()) {
        const Prediction example = Prediction::fromObject(model.defaultExample);
        if (example.isTerminal())
            m_run->showPrediction(example, tr("Example"));
    }
}

void ModelPage::showLoadError(const ApiError& error) {
    QString text;
    if (error.status == 404)
        text = tr("There is no model %1 on this server (or your token cannot see it).").arg(m_ref);
    else if (error.status == 0)
        text = tr("Could not reach the server to load %1: %2").arg(m_ref, error.message());
    else
        text = tr("Could not load %1: %2").arg(m_ref, error.message());
    m_loadError->setStyleSheet(errorStyleSheet(palette()));
    m_loadError->setText(text);
    m_description->clear();
    m_stack->setCurrentIndex(1);
}

QString ModelPage::errorText() const {
    return m_stack->currentIndex() == 1 ? m_loadError->text() : QString();
}

void ModelPage::setVersion(const ModelVersion& version, bool keepValues) {
    const QJsonObject kept = m_form->values();
    m_version = version;
    const QJsonObject input = version.inputSchema();
    m_form->setSchema(input, version.openapiSchema);
    m_run->setOutputSchema(version.outputSchema());
    if (keepValues) {
        m_form->setValues(kept);
    } else {
        const QJsonObject saved = savedInputs();
        if (!saved.isEmpty())
            m_form->setValues(saved);
        else
            m_form->setValues(m_model.defaultExample.value(QLatin1String("input")).toObject());
    }
    m_runButton->setEnabled(true);
    if (m_versionChoice->findData(version.id) < 0)
        m_versionChoice->addItem(shortId(version.id), version.id);
    m_versionChoice->setCurrentIndex(m_versionChoice->findData(version.id));
    updateSnippet();
}

void ModelPage::showVersions(const QVector<ModelVersion>& versions) {
    m_versionList = versions;
    m_versions->clear();
    const QString current = m_versionChoice->currentData().toString();
    m_versionChoice->clear();
    for (const ModelVersion& v : versions) {
        auto* item = new QTreeWidgetItem(
            m_versions, {v.id, QLocale().toString(v.createdAt.toLocalTime(), QLocale::ShortFormat),
                         v.cogVersion.isEmpty() ? QStringLiteral("\u2014") : v.cogVersion});
        item->setData(0, Qt::UserRole, v.id);
        const bool latest = m_model.latestVersion && m_model.latestVersion->id == v.id;
        m_versionChoice->addItem(shortId(v.id) + (latest ? tr(" (latest)") : QString()), v.id);
    }
    if (versions.isEmpty())
        new QTreeWidgetItem(m_versions, {tr("No versions")});
    const int index = m_versionChoice->findData(current.isEmpty() ? m_version.id : current);
    m_versionChoice->setCurrentIndex(std::max(0, index));
}

bool ModelPage::useVersion(const QString& versionId) {
    for (const ModelVersion& v : std::as_const(m_versionList)) {
        if (v.id == versionId) {
            if (v.id != m_version.id)
                setVersion(v, true);
            return true;
        }
    }
    return false;
}

void ModelPage::run() {
    if (m_ref.isEmpty() || !m_runButton->isEnabled())
        return;
    m_form->clearErrors();
    if (!m_form->validateAndShow()) {
        m_run->showCreateError(tr("Some inputs need fixing: see the messages beside them."));
        return;
    }
    m_runButton->setEnabled(false);
    m_run->showCreating();  // at once: the uploads (if any) say so as they start
    const int generation = m_generation;
    // Files picked in the form go up through the Files API first; the input gets their URLs.
    m_uploader->prepare(m_form->values(), InputUploader::fileFields(m_version.inputSchema()),
                        [this, generation](const InputUploader::Result& uploaded) {
                            if (generation != m_generation)
                                return;
                            if (!uploaded.error.isEmpty()) {
                                m_runButton->setEnabled(true);
                                m_run->showCreateError(uploaded.error);
                                return;
                            }
                            createPrediction(uploaded.input, uploaded.notice);
                        });
}

void ModelPage::createPrediction(const QJsonObject& input, const QString& notice) {
    m_run->showCreating();
    const int generation = m_generation;
    ApiClient::PredictionRequest request{m_ref, m_version.id, input};
    m_client->createPrediction(
        request, this, [this, generation, notice](const ApiResult<Prediction>& r) {
            if (generation != m_generation)
                return;
            if (!r) {
                m_runButton->setEnabled(true);
                if (r.error().status == 422 &&
                    r.error().body.contains(QLatin1String("invalid_fields")))
                    showInputErrors(r.error());
                else
                    m_run->showCreateError(
                        tr("Could not create the prediction: %1").arg(r.error().message()));
                return;
            }
            saveInputs();
            emit predictionCreated(r.value());
            m_run->showPrediction(r.value());
            m_run->showNotice(notice);
            if (r->isTerminal())
                m_runButton->setEnabled(true);
        });
}

// The server's 422: each invalid field ("input.<name>...") gets its description beside it;
// missing required inputs come as field "input" with "<name> is required".
void ModelPage::showInputErrors(const ApiError& error) {
    m_form->clearErrors();
    const QStringList names = m_form->fieldNames();
    for (const QJsonValue& each : error.body.value(QLatin1String("invalid_fields")).toArray()) {
        const QJsonObject field = each.toObject();
        const QString path = field.value(QLatin1String("field")).toString();
        const QString description = field.value(QLatin1String("description")).toString();
        QString name;
        if (path.startsWith(QLatin1String("input.")))
            name = path.mid(6).section(QLatin1Char('.'), 0, 0);
        else if (field.value(QLatin1String("type")).toString() == QLatin1String("required"))
            name = description.section(QLatin1Char(' '), 0, 0);
        m_form->setFieldError(names.contains(name) ? name : QString(), description);
    }
    m_run->showCreateError(error.title.isEmpty()
                               ? tr("The server rejected the input.")
                               : tr("The server rejected the input: %1").arg(error.title));
}

void ModelPage::saveInputs() const {
    QJsonObject inputs = m_form->valuesForHistory();
    // Inline files can be megabytes: settings are no place for them.
    for (const QString& key : inputs.keys()) {
        const QJsonValue v = inputs.value(key);
        const QString text =
            v.isString() ? v.toString() : QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson());
        if (text.size() > kMaxSavedInputChars)
            inputs.remove(key);
    }
    QSettings store(settings::kOrganization, settings::kApplication);
    store.setValue(inputsKey(m_ref),
                   QString::fromUtf8(QJsonDocument(inputs).toJson(QJsonDocument::Compact)));
}

QJsonObject ModelPage::savedInputs() const {
    const QSettings store(settings::kOrganization, settings::kApplication);
    return QJsonDocument::fromJson(store.value(inputsKey(m_ref)).toString().toUtf8()).object();
}

// The code tab follows the form: the version in use and every value set so far.
void ModelPage::updateSnippet() {
    if (m_ref.isEmpty() || m_version.id.isEmpty())
        return;
    snippets::Request request;
    request.model = m_ref;
    request.version = m_version.id;
    request.official = m_model.isOfficial;
    request.openapi = m_version.openapiSchema;
    request.input = m_form->values();
    m_snippets->setRequest(request);
}

void ModelPage::showCode(const QString& language) {
    if (language.isEmpty()) {
        if (m_outputTabs->currentWidget() == m_snippets)
            m_outputTabs->setCurrentWidget(m_run);
        return;
    }
    m_snippets->setLanguage(language);
    m_tabs->setCurrentIndex(0);  // the playground
    m_outputTabs->setCurrentWidget(m_snippets);
}

QString ModelPage::codeLanguage() const {
    return m_outputTabs->currentWidget() == m_snippets ? m_snippets->language() : QString();
}

}  // namespace replicant::ui
