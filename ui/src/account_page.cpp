#include "replicant/ui/account_page.h"

#include <QFormLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QShowEvent>
#include <QVBoxLayout>

#include "icons.h"
#include "page_header.h"
#include "replicant/ui/client/api_client.h"
#include "replicant/widgets/card.h"

namespace replicant::ui {

namespace {
QLabel* valueLabel(const QString& objectName, QWidget* parent) {
    auto* label = new QLabel(parent);
    label->setObjectName(objectName);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

QLabel* keyLabel(const QString& text, QWidget* parent) {
    auto* label = new QLabel(text, parent);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

QString orDash(const QString& text) {
    return text.isEmpty() ? QStringLiteral("\u2014") : text;
}

QString hintFor(const ApiError& error, const QUrl& baseUrl) {
    if (error.status == 0)
        return AccountPage::tr("Check that the server at %1 is running and reachable.")
            .arg(baseUrl.toString());
    if (error.status == 401 || error.status == 403)
        return AccountPage::tr("Check the API token this app uses for %1.").arg(baseUrl.toString());
    return AccountPage::tr("The server answered HTTP %1.").arg(error.status);
}
}  // namespace

AccountPage::AccountPage(ApiClient* client, QWidget* parent) : Page(parent), m_client(client) {
    Q_ASSERT(client);
    setObjectName(QStringLiteral("accountPage"));
    auto* header =
        new PageHeader(tr("Account"), tr("The account your API token belongs to."), this);
    m_refresh = new QPushButton(tr("Refresh"), this);
    m_refresh->setObjectName(QStringLiteral("accountRefresh"));
    m_refresh->setIcon(
        tintedIcon(QStringLiteral("refresh"), palette().color(QPalette::ButtonText)));
    connect(m_refresh, &QPushButton::clicked, this, &AccountPage::refresh);
    header->addAction(m_refresh);

    m_loadingView = buildLoadingView();
    m_accountView = buildAccountView();
    m_errorView = buildErrorView();

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(32, 28, 32, 28);
    layout->setSpacing(20);
    layout->addWidget(header);
    // One view at a time; hidden ones take no space, so each card keeps its natural height.
    for (QWidget* view : {m_loadingView, m_accountView, m_errorView}) {
        view->hide();
        layout->addWidget(view);
    }
    layout->addStretch(1);
}

QWidget* AccountPage::buildLoadingView() {
    auto* card = new widgets::Card(this);
    auto* layout = new QVBoxLayout(card);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* label = new QLabel(tr("Loading account\u2026"), card);
    label->setObjectName(QStringLiteral("accountLoading"));
    auto* bar = new QProgressBar(card);
    bar->setRange(0, 0);  // busy indicator
    bar->setTextVisible(false);
    bar->setMaximumHeight(6);
    layout->addWidget(label);
    layout->addWidget(bar);
    return card;
}

QWidget* AccountPage::buildAccountView() {
    auto* card = new widgets::Card(this);
    auto* form = new QFormLayout(card);
    form->setContentsMargins(0, 0, 0, 0);
    form->setHorizontalSpacing(32);
    form->setVerticalSpacing(12);
    form->setLabelAlignment(Qt::AlignLeft);
    m_username = valueLabel(QStringLiteral("accountUsername"), card);
    QFont bold = m_username->font();
    bold.setWeight(QFont::DemiBold);
    m_username->setFont(bold);
    m_name = valueLabel(QStringLiteral("accountName"), card);
    m_type = valueLabel(QStringLiteral("accountType"), card);
    m_github = valueLabel(QStringLiteral("accountGithub"), card);
    m_github->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_github->setOpenExternalLinks(true);
    form->addRow(keyLabel(tr("Username"), card), m_username);
    form->addRow(keyLabel(tr("Name"), card), m_name);
    form->addRow(keyLabel(tr("Type"), card), m_type);
    form->addRow(keyLabel(tr("GitHub"), card), m_github);
    return card;
}

QWidget* AccountPage::buildErrorView() {
    auto* card = new widgets::Card(this);
    auto* layout = new QVBoxLayout(card);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);
    auto* heading = new QLabel(tr("Could not load the account"), card);
    QFont bold = heading->font();
    bold.setWeight(QFont::DemiBold);
    heading->setFont(bold);
    m_errorMessage = new QLabel(card);
    m_errorMessage->setObjectName(QStringLiteral("accountError"));
    m_errorMessage->setWordWrap(true);
    m_errorMessage->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errorHint = new QLabel(card);
    m_errorHint->setObjectName(QStringLiteral("accountErrorHint"));
    m_errorHint->setWordWrap(true);
    m_errorHint->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(heading);
    layout->addWidget(m_errorMessage);
    layout->addWidget(m_errorHint);
    return card;
}

QString AccountPage::errorText() const {
    return m_error.message();
}

void AccountPage::showEvent(QShowEvent* event) {
    Page::showEvent(event);
    // A spontaneous show is the window coming back from minimised: nothing new to fetch.
    if (!event->spontaneous() && m_state != State::Loading)
        refresh();
}

void AccountPage::changeEvent(QEvent* event) {
    Page::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        m_refresh->setIcon(
            tintedIcon(QStringLiteral("refresh"), palette().color(QPalette::ButtonText)));
}

void AccountPage::refresh() {
    const int generation = ++m_generation;
    setState(State::Loading);
    m_client->fetchAccount(this, [this, generation](const ApiResult<Account>& result) {
        if (generation != m_generation)
            return;
        if (result)
            showAccount(result.value());
        else
            showError(result.error());
    });
}

void AccountPage::showAccount(const Account& account) {
    m_account = account;
    m_username->setText(account.username);
    m_name->setText(orDash(account.name));
    m_type->setText(orDash(account.type));
    if (account.githubUrl.isEmpty())
        m_github->setText(orDash({}));
    else
        m_github->setText(
            QStringLiteral("<a href=\"%1\">%1</a>").arg(account.githubUrl.toHtmlEscaped()));
    setState(State::Loaded);
}

void AccountPage::showError(const ApiError& error) {
    m_error = error;
    m_errorMessage->setText(error.message());
    m_errorHint->setText(hintFor(error, m_client->baseUrl()));
    setState(State::Failed);
}

void AccountPage::setState(State state) {
    // Keep showing the last result while a refresh is on its way, so the page does not flicker.
    const bool firstLoad = m_state == State::Idle;
    m_state = state;
    m_refresh->setEnabled(state != State::Loading);
    if (state == State::Loading && firstLoad)
        showView(m_loadingView);
    else if (state == State::Loaded)
        showView(m_accountView);
    else if (state == State::Failed)
        showView(m_errorView);
    if (state == State::Loading)
        setLoading();
    emit stateChanged(state);
    if (state == State::Loaded || state == State::Failed)
        setReady();
}

void AccountPage::showView(QWidget* view) {
    for (QWidget* each : {m_loadingView, m_accountView, m_errorView})
        each->setVisible(each == view);
}

}  // namespace replicant::ui
