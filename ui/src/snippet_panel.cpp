#include "replicant/ui/snippet_panel.h"

#include <QSettings>
#include <QTimer>
#include <QVBoxLayout>

#include "replicant/ui/client/api_client.h"
#include "replicant/ui/settings.h"
#include "replicant/widgets/code_tabs.h"

namespace replicant::ui {

namespace {
// Typing in the form regenerates at most this often.
constexpr int kDebounceMs = 120;

QString savedLanguage() {
    const QSettings store(settings::kOrganization, settings::kApplication);
    const QString id = store.value(settings::kCodeLanguage).toString();
    return snippets::languageFromId(id) ? id : snippets::languageId(snippets::Language::Node);
}
}  // namespace

SnippetPanel::SnippetPanel(ApiClient* client, QWidget* parent)
    : QWidget(parent),
      m_client(client),
      m_tabs(new widgets::CodeTabs(this)),
      m_debounce(new QTimer(this)) {
    setObjectName(QStringLiteral("snippetPanel"));
    QVector<widgets::CodeTabs::Language> languages;
    for (const snippets::Language language : snippets::languages())
        languages.append({snippets::languageId(language), snippets::languageTitle(language),
                          snippets::syntaxName(language)});
    m_tabs->setLanguages(languages);
    m_tabs->setCurrentLanguage(savedLanguage());
    connect(m_tabs, &widgets::CodeTabs::languageChanged, this, [this](const QString& id) {
        QSettings store(settings::kOrganization, settings::kApplication);
        store.setValue(settings::kCodeLanguage, id);
        emit languageChanged(id);
    });
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(kDebounceMs);
    connect(m_debounce, &QTimer::timeout, this, &SnippetPanel::regenerate);
    // Another connection: the code targets it (its base URL, or none for the real API).
    connect(m_client, &ApiClient::connectionChanged, this, &SnippetPanel::schedule);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 8, 0, 0);
    layout->addWidget(m_tabs);
    clear(tr("Pick a model to see the code that runs it."));
}

void SnippetPanel::setRequest(const snippets::Request& request) {
    m_request = request;
    m_message.clear();
    schedule();
}

void SnippetPanel::clear(const QString& message) {
    m_message = message;
    m_debounce->stop();
    m_dirty = false;
    for (const snippets::Language language : snippets::languages())
        m_tabs->setCode(snippets::languageId(language), QString());
    m_tabs->setCaption(message);
}

QString SnippetPanel::language() const {
    return m_tabs->currentLanguage();
}

bool SnippetPanel::setLanguage(const QString& languageId) {
    if (!snippets::languageFromId(languageId))
        return false;
    return m_tabs->setCurrentLanguage(languageId);
}

QString SnippetPanel::code(const QString& languageId) {
    if (m_dirty)
        regenerate();
    return m_tabs->code(languageId);
}

void SnippetPanel::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (m_message.isEmpty())
        regenerate();  // the connection may have changed while hidden
}

void SnippetPanel::schedule() {
    m_dirty = true;
    if (isVisible())
        m_debounce->start();
}

void SnippetPanel::regenerate() {
    m_debounce->stop();
    m_dirty = false;
    if (!m_message.isEmpty() || m_request.model.isEmpty())
        return;
    snippets::Request request = m_request;
    request.baseUrl = m_client->baseUrl();
    for (const snippets::Language language : snippets::languages())
        m_tabs->setCode(snippets::languageId(language), snippets::generate(language, request));
    // The address early and unbroken (rich text), so that a narrow column keeps it on one line.
    const QString address = request.baseUrl.toString(QUrl::StripTrailingSlash).toHtmlEscaped();
    m_tabs->setCaption(snippets::isReplicateApi(request.baseUrl)
                           ? tr("Replicate API \u00b7 your token in REPLICATE_API_TOKEN")
                           : tr("Replicant server <nobr>%1</nobr> \u00b7 your token in "
                                "REPLICATE_API_TOKEN (<i>Copy token</i>, below)")
                                 .arg(address));
}

}  // namespace replicant::ui
