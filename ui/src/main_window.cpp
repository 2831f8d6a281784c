#include "replicant/ui/main_window.h"

#include <QCloseEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QSettings>
#include <QShortcut>
#include <QStackedWidget>
#include <QUrl>
#include <QVBoxLayout>

#include "command_palette_source.h"
#include "footer_bar.h"
#include "icons.h"
#include "nav_delegate.h"
#include "replicant/ui/account_page.h"
#include "replicant/ui/client/api_client.h"
#include "replicant/ui/compare_page.h"
#include "replicant/ui/connection_dialog.h"
#include "replicant/ui/explore_page.h"
#include "replicant/ui/location.h"
#include "replicant/ui/model_page.h"
#include "replicant/ui/prediction_page.h"
#include "replicant/ui/predictions_page.h"
#include "replicant/ui/run_panel.h"
#include "replicant/ui/runners_page.h"
#include "replicant/ui/settings.h"
#include "replicant/ui/status_indicator.h"
#include "replicant/widgets/separator.h"
#include "replicant/widgets/theme_switch.h"

namespace replicant::ui {

namespace {
constexpr int kSidebarWidth = 208;
constexpr int kMaxHistory = 50;
const QSize kDefaultSize(1100, 720);

QIcon navIcon(const QString& name, const QPalette& palette) {
    return tintedIcon(name, palette.color(QPalette::Text), palette.color(QPalette::Link));
}
}  // namespace

MainWindow::MainWindow(ApiClient* client, widgets::Theme* theme, QWidget* parent)
    : QMainWindow(parent), m_client(client) {
    setWindowTitle(QStringLiteral("Replicant"));
    setWindowIcon(appIcon());

    // Pages sit on the Base colour, the sidebar and footer on Window: the content stands out.
    m_stack = new QStackedWidget(this);
    m_stack->setAutoFillBackground(true);
    m_stack->setBackgroundRole(QPalette::Base);
    m_footer = new FooterBar(client, theme, this);
    connect(m_footer->themeSwitch(), &widgets::ThemeSwitch::modeSelected, this,
            [](widgets::Theme::Mode mode) { settings::saveThemeMode(mode); });
    connect(m_footer, &FooterBar::connectionSettingsRequested, this,
            &MainWindow::showConnectionSettings);
    connect(client, &ApiClient::connectionChanged, this, &MainWindow::reloadPages);

    auto* body = new QHBoxLayout;
    body->setContentsMargins(0, 0, 0, 0);
    body->setSpacing(0);
    body->addWidget(buildSidebar());
    body->addWidget(new widgets::Separator(Qt::Vertical, this));
    body->addWidget(m_stack, 1);

    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addLayout(body, 1);
    layout->addWidget(new widgets::Separator(Qt::Horizontal, central));
    layout->addWidget(m_footer);
    setCentralWidget(central);

    m_indicator = new StatusIndicator(this);
    connect(m_indicator, &StatusIndicator::openPrediction, this, &MainWindow::openPrediction);
    createPages(client);

    auto* back = new QShortcut(QKeySequence::Back, this);
    connect(back, &QShortcut::activated, this, &MainWindow::goBack);
    auto* palette = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_K), this);
    palette->setContext(Qt::ApplicationShortcut);
    connect(palette, &QShortcut::activated, this, &MainWindow::showCommandPalette);

    restoreSettings();
}

void MainWindow::createPages(ApiClient* client) {
    // The pages, in sidebar order. A new page registers itself here.
    m_explorePage = new ExplorePage(client);
    addPage(QStringLiteral("explore"), tr("Explore"), QStringLiteral("explore"), m_explorePage);
    m_predictionsPage = new PredictionsPage(client);
    addPage(QStringLiteral("predictions"), tr("Predictions"), QStringLiteral("predictions"),
            m_predictionsPage);
    m_comparePage = new ComparePage(client);
    addPage(QStringLiteral("compare"), tr("Compare"), QStringLiteral("compare"), m_comparePage);
    addPage(QStringLiteral("runners"), tr("Cog runners"), QStringLiteral("runners"),
            new RunnersPage(client));
    m_accountPage = new AccountPage(client);
    addPage(QStringLiteral("account"), tr("Account"), QStringLiteral("account"), m_accountPage);
    m_modelPage = new ModelPage(client);
    addSubPage(QStringLiteral("model"), QStringLiteral("explore"), m_modelPage);
    m_predictionPage = new PredictionPage(client);
    addSubPage(QStringLiteral("prediction"), QStringLiteral("predictions"), m_predictionPage);

    connect(m_explorePage, &ExplorePage::openModel, this, &MainWindow::openModel);
    connect(m_comparePage, &ComparePage::openLocationRequested, this, &MainWindow::openLocation);
    connect(m_modelPage, &ModelPage::back, this,
            [this] { openLocation(QStringLiteral("explore")); });
    connect(m_modelPage, &ModelPage::openPrediction, this, &MainWindow::openPrediction);
    connect(m_modelPage->runPanel(), &RunPanel::predictionUpdated, this,
            &MainWindow::notePrediction);
    connect(m_predictionsPage, &PredictionsPage::openPrediction, this, &MainWindow::openPrediction);
    connect(m_predictionPage, &PredictionPage::back, this,
            [this] { openLocation(QStringLiteral("predictions")); });
    connect(m_predictionPage, &PredictionPage::openModel, this, &MainWindow::openModel);
    connect(m_predictionPage, &PredictionPage::predictionUpdated, this,
            [this](const Prediction& p) { m_predictionsPage->notePrediction(p); });
    // The code tab and its language are part of the location (not a step of their own for Back).
    const auto noteCode = [this](QWidget* page, const QString& language) {
        if (m_stack->currentWidget() == page)
            m_current = withCode(m_current, language);
    };
    connect(m_modelPage, &ModelPage::codeLanguageChanged, this,
            [this, noteCode](const QString& language) { noteCode(m_modelPage, language); });
    connect(m_predictionPage, &PredictionPage::codeLanguageChanged, this,
            [this, noteCode](const QString& language) { noteCode(m_predictionPage, language); });
}

QWidget* MainWindow::buildSidebar() {
    auto* sidebar = new QWidget(this);
    sidebar->setObjectName(QStringLiteral("sidebar"));
    sidebar->setAutoFillBackground(true);
    sidebar->setBackgroundRole(QPalette::Window);
    sidebar->setFixedWidth(kSidebarWidth);

    auto* logo = new QLabel(sidebar);
    logo->setPixmap(appIcon().pixmap(28, 28));
    auto* name = new QLabel(QStringLiteral("Replicant"), sidebar);
    QFont nameFont = name->font();
    nameFont.setPointSizeF(nameFont.pointSizeF() * 1.25);
    nameFont.setWeight(QFont::DemiBold);
    name->setFont(nameFont);
    auto* brand = new QHBoxLayout;
    brand->setContentsMargins(6, 0, 0, 0);
    brand->setSpacing(10);
    brand->addWidget(logo);
    brand->addWidget(name, 1);

    m_nav = new QListWidget(sidebar);
    m_nav->setObjectName(QStringLiteral("navigation"));
    m_nav->setAccessibleName(tr("Pages"));
    m_nav->setFrameShape(QFrame::NoFrame);
    m_nav->viewport()->setAutoFillBackground(false);  // show the sidebar's colour
    m_nav->setItemDelegate(new NavDelegate(m_nav));
    m_nav->setMouseTracking(true);  // hover feedback
    m_nav->setSpacing(1);
    m_nav->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    connect(m_nav, &QListWidget::currentRowChanged, this, [this](int row) {
        for (const Page& p : std::as_const(m_pages)) {
            if (p.row == row && row >= 0)
                openLocation(p.id);
        }
    });
    // Clicking the lit entry of a sub-page's parent goes back to that parent.
    connect(m_nav, &QListWidget::itemClicked, this, [this](QListWidgetItem* item) {
        const int row = m_nav->row(item);
        for (const Page& p : std::as_const(m_pages)) {
            if (p.row == row && currentPageId() != p.id)
                openLocation(p.id);
        }
    });

    auto* hint = new QLabel(tr("Ctrl+K: go anywhere"), sidebar);
    hint->setForegroundRole(QPalette::PlaceholderText);
    auto* version = new QLabel(tr("Version %1").arg(QStringLiteral(REPLICANT_VERSION)), sidebar);
    version->setForegroundRole(QPalette::PlaceholderText);

    auto* layout = new QVBoxLayout(sidebar);
    layout->setContentsMargins(10, 16, 10, 12);
    layout->setSpacing(16);
    layout->addLayout(brand);
    layout->addWidget(m_nav, 1);
    layout->addWidget(hint);
    layout->addWidget(version);
    return sidebar;
}

void MainWindow::addPage(const QString& id, const QString& title, const QString& icon,
                         QWidget* page) {
    Q_ASSERT(!this->page(id));
    page->setParent(m_stack);
    m_stack->addWidget(page);
    auto* item = new QListWidgetItem(title);
    item->setToolTip(title);
    item->setIcon(navIcon(icon, palette()));
    const QSignalBlocker blocker(m_nav);
    m_nav->addItem(item);
    m_pages.append({id, icon, QString(), page, m_nav->count() - 1});
    if (m_current.isEmpty()) {
        m_current = id;
        setCurrent(id);
    }
}

void MainWindow::addSubPage(const QString& id, const QString& parentId, QWidget* page) {
    Q_ASSERT(!this->page(id));
    page->setParent(m_stack);
    m_stack->addWidget(page);
    m_pages.append({id, QString(), parentId, page, -1});
}

QWidget* MainWindow::page(const QString& id) const {
    for (const Page& p : m_pages) {
        if (p.id == id)
            return p.widget;
    }
    return nullptr;
}

QString MainWindow::currentPageId() const {
    for (const Page& p : m_pages) {
        if (p.widget == m_stack->currentWidget())
            return p.id;
    }
    return {};
}

void MainWindow::showPage(const QString& id) {
    openLocation(id);
}

// Shows page `id` and lights its sidebar entry (or its parent's).
void MainWindow::setCurrent(const QString& id) {
    for (const Page& p : std::as_const(m_pages)) {
        if (p.id != id)
            continue;
        m_stack->setCurrentWidget(p.widget);
        int row = p.row;
        for (const Page& parent : std::as_const(m_pages)) {
            if (parent.id == p.parent)
                row = parent.row;
        }
        const QSignalBlocker blocker(m_nav);
        m_nav->setCurrentRow(row);
    }
}

bool MainWindow::openLocation(const QString& requested) {
    if (!isLocation(requested))
        return false;
    // "?code=<language>" opens the page's code tab (location.h); the rest picks the page.
    const QString location = withoutCode(requested);
    QString pageId;
    if (location.startsWith(QLatin1String("model:"))) {
        m_modelPage->openModel(location.mid(6));
        pageId = QStringLiteral("model");
    } else if (location.startsWith(QLatin1String("prediction:"))) {
        m_predictionPage->openPrediction(location.mid(11).section(QLatin1Char('#'), 0, 0));
        if (location.endsWith(QLatin1String("#compare")))
            m_predictionPage->showCompare();
        pageId = QStringLiteral("prediction");
    } else if (location.startsWith(QLatin1String("compare:"))) {
        if (m_comparePage->currentName() != location.mid(8))
            m_comparePage->openSaved(location.mid(8));
        pageId = QStringLiteral("compare");
    } else {
        const auto found = std::find_if(m_pages.begin(), m_pages.end(), [&](const Page& p) {
            return p.id == location && p.row >= 0;
        });
        if (found == m_pages.end())
            return false;
        pageId = location;
    }
    if (!m_current.isEmpty() && m_current != requested) {
        m_history.append(m_current);
        if (m_history.size() > kMaxHistory)
            m_history.removeFirst();
    }
    m_current = requested;
    setCurrent(pageId);
    if (pageId == QLatin1String("model"))
        m_modelPage->showCode(codeLanguage(requested));
    else if (pageId == QLatin1String("prediction"))
        m_predictionPage->showCode(codeLanguage(requested));
    return true;
}

QString MainWindow::currentLocation() const {
    return m_current;
}

void MainWindow::goBack() {
    if (m_history.isEmpty())
        return;
    const QString previous = m_history.takeLast();
    m_current.clear();  // do not push the page we leave
    openLocation(previous);
}

void MainWindow::openModel(const QString& ref) {
    openLocation(QStringLiteral("model:") + ref);
}

void MainWindow::openPrediction(const QString& id) {
    openLocation(QStringLiteral("prediction:") + id);
}

void MainWindow::notePrediction(const Prediction& prediction) {
    m_indicator->showPrediction(prediction);
    m_predictionsPage->notePrediction(prediction);
}

void MainWindow::showCommandPalette() {
    openCommandPalette(this, m_client);
}

void MainWindow::showConnectionSettings() {
    ConnectionDialog dialog(m_client->connection(), m_embedded, this);
    if (m_embedded.baseUrl.isEmpty())
        dialog.findChild<QWidget*>(QStringLiteral("kindEmbedded"))->setEnabled(false);
    if (dialog.exec() == QDialog::Accepted)
        applyConnection(dialog.connection(), dialog.rememberToken());
}

void MainWindow::applyConnection(const Connection& connection, bool rememberToken) {
    settings::saveConnection(connection, rememberToken);
    m_client->setConnection(connection);  // connectionChanged() reloads the pages
}

// Every page shows the new connection's content: the ones on screen reload now, the others
// when next shown (a model or prediction that does not exist there says so in place).
void MainWindow::reloadPages() {
    m_explorePage->refresh();
    m_predictionsPage->refresh();
    m_accountPage->refresh();
    if (!m_modelPage->modelRef().isEmpty())
        m_modelPage->reload();
    if (!m_predictionPage->predictionId().isEmpty())
        m_predictionPage->reload();
}

widgets::ThemeSwitch* MainWindow::themeSwitch() const {
    return m_footer->themeSwitch();
}

void MainWindow::updateIcons() {
    for (const Page& p : std::as_const(m_pages)) {
        if (p.row >= 0)
            m_nav->item(p.row)->setIcon(navIcon(p.icon, palette()));
    }
}

void MainWindow::changeEvent(QEvent* event) {
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateIcons();
}

void MainWindow::restoreSettings() {
    const QSettings store(settings::kOrganization, settings::kApplication);
    if (!restoreGeometry(store.value(settings::kGeometry).toByteArray()))
        resize(kDefaultSize);
    const QString location = store.value(settings::kPage).toString();
    if (!location.isEmpty())
        openLocation(location);
    m_history.clear();
}

void MainWindow::saveSettings() const {
    QSettings store(settings::kOrganization, settings::kApplication);
    store.setValue(settings::kGeometry, saveGeometry());
    store.setValue(settings::kPage, currentLocation());
}

void MainWindow::closeEvent(QCloseEvent* event) {
    saveSettings();
    QMainWindow::closeEvent(event);
}

}  // namespace replicant::ui
