#pragma once

#include <QMainWindow>
#include <QString>
#include <QVector>

class QListWidget;
class QStackedWidget;

namespace replicant::widgets {
class Theme;
class ThemeSwitch;
}  // namespace replicant::widgets

namespace replicant::ui {

class AccountPage;
class ApiClient;
class FooterBar;

// The desktop app's window: a sidebar of pages, the current page, and a footer with the server
// address, a copy-token button and the theme switch. Remembers its geometry, the page last shown
// and the theme the user picks (QSettings, see settings.h).
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    MainWindow(ApiClient* client, widgets::Theme* theme, QWidget* parent = nullptr);

    // Registers a page: a sidebar entry (icon: a name under resources/icons) and its widget,
    // which the window takes over.
    void addPage(const QString& id, const QString& title, const QString& icon, QWidget* page);
    QWidget* page(const QString& id) const;
    QString currentPageId() const;
    void showPage(const QString& id);

    AccountPage* accountPage() const { return m_accountPage; }
    widgets::ThemeSwitch* themeSwitch() const;

protected:
    void closeEvent(QCloseEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    struct Page {
        QString id;
        QString icon;
        QWidget* widget;
    };

    QWidget* buildSidebar();
    void updateIcons();
    void restoreSettings();
    void saveSettings() const;

    QVector<Page> m_pages;
    QListWidget* m_nav = nullptr;
    QStackedWidget* m_stack = nullptr;
    FooterBar* m_footer = nullptr;
    AccountPage* m_accountPage = nullptr;
};

}  // namespace replicant::ui
