#include "replicant/ui/main_window.h"

#include <QCloseEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QSettings>
#include <QStackedWidget>
#include <QVBoxLayout>

#include "footer_bar.h"
#include "icons.h"
#include "nav_delegate.h"
#include "replicant/ui/account_page.h"
#include "replicant/ui/settings.h"
#include "replicant/widgets/separator.h"
#include "replicant/widgets/theme_switch.h"

namespace replicant::ui {

namespace {
constexpr int kSidebarWidth = 208;
const QSize kDefaultSize(1100, 720);

QIcon navIcon(const QString& name, const QPalette& palette) {
    return tintedIcon(name, palette.color(QPalette::Text), palette.color(QPalette::Link));
}
}  // namespace

MainWindow::MainWindow(ApiClient* client, widgets::Theme* theme, QWidget* parent)
    : QMainWindow(parent) {
    setWindowTitle(QStringLiteral("Replicant"));
    setWindowIcon(appIcon());

    // Pages sit on the Base colour, the sidebar and footer on Window: the content stands out.
    m_stack = new QStackedWidget(this);
    m_stack->setAutoFillBackground(true);
    m_stack->setBackgroundRole(QPalette::Base);
    m_footer = new FooterBar(client, theme, this);
    connect(m_footer->themeSwitch(), &widgets::ThemeSwitch::modeSelected, this,
            [](widgets::Theme::Mode mode) { settings::saveThemeMode(mode); });

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

    // The pages, in sidebar order. A new page registers itself here.
    m_accountPage = new AccountPage(client);
    addPage(QStringLiteral("account"), tr("Account"), QStringLiteral("account"), m_accountPage);

    restoreSettings();
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
    connect(m_nav, &QListWidget::currentRowChanged, m_stack, &QStackedWidget::setCurrentIndex);

    auto* version = new QLabel(tr("Version %1").arg(QStringLiteral(REPLICANT_VERSION)), sidebar);
    version->setForegroundRole(QPalette::PlaceholderText);

    auto* layout = new QVBoxLayout(sidebar);
    layout->setContentsMargins(10, 16, 10, 12);
    layout->setSpacing(16);
    layout->addLayout(brand);
    layout->addWidget(m_nav, 1);
    layout->addWidget(version);
    return sidebar;
}

void MainWindow::addPage(const QString& id, const QString& title, const QString& icon,
                         QWidget* page) {
    Q_ASSERT(!this->page(id));
    page->setParent(m_stack);
    m_pages.append({id, icon, page});
    m_stack->addWidget(page);
    auto* item = new QListWidgetItem(title, m_nav);
    item->setToolTip(title);
    item->setIcon(navIcon(icon, palette()));
    if (m_nav->currentRow() < 0)
        m_nav->setCurrentRow(0);
}

QWidget* MainWindow::page(const QString& id) const {
    for (const Page& p : m_pages) {
        if (p.id == id)
            return p.widget;
    }
    return nullptr;
}

QString MainWindow::currentPageId() const {
    const int row = m_nav->currentRow();
    return row >= 0 && row < m_pages.size() ? m_pages[row].id : QString();
}

void MainWindow::showPage(const QString& id) {
    for (int i = 0; i < m_pages.size(); ++i) {
        if (m_pages[i].id == id)
            m_nav->setCurrentRow(i);
    }
}

widgets::ThemeSwitch* MainWindow::themeSwitch() const {
    return m_footer->themeSwitch();
}

void MainWindow::updateIcons() {
    for (int i = 0; i < m_pages.size(); ++i)
        m_nav->item(i)->setIcon(navIcon(m_pages[i].icon, palette()));
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
    showPage(store.value(settings::kPage).toString());
}

void MainWindow::saveSettings() const {
    QSettings store(settings::kOrganization, settings::kApplication);
    store.setValue(settings::kGeometry, saveGeometry());
    store.setValue(settings::kPage, currentPageId());
}

void MainWindow::closeEvent(QCloseEvent* event) {
    saveSettings();
    QMainWindow::closeEvent(event);
}

}  // namespace replicant::ui
