#pragma once

#include <QMainWindow>
#include <QString>
#include <QStringList>
#include <QVector>

#include "replicant/ui/client/connection.h"

class QListWidget;
class QStackedWidget;

namespace replicant::widgets {
class Theme;
class ThemeSwitch;
}  // namespace replicant::widgets

namespace replicant::ui {

class AccountPage;
class ApiClient;
class ComparePage;
class ExplorePage;
class FooterBar;
class ModelPage;
class PredictionPage;
class PredictionsPage;
class StatusIndicator;
struct Prediction;

// The desktop app's window: a sidebar of pages, the current page, and a footer with the server
// address, a copy-token button and the theme switch. Pages: Explore (the models), Predictions
// and Account in the sidebar; a model's page and a prediction's page open from them. Every place
// has a location string ("explore", "model:owner/name", "predictions", "prediction:<id>",
// "account") used by deep links, the command palette, Back (Alt+Left) and the restore on the
// next start. Remembers its geometry, the location last shown and the theme the user picks
// (QSettings, see settings.h).
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    MainWindow(ApiClient* client, widgets::Theme* theme, QWidget* parent = nullptr);

    // Registers a sidebar page (icon: a name under resources/icons); the window takes it over.
    void addPage(const QString& id, const QString& title, const QString& icon, QWidget* page);
    // Registers a page reached from another (no sidebar entry; `parentId`'s entry stays lit).
    void addSubPage(const QString& id, const QString& parentId, QWidget* page);
    QWidget* page(const QString& id) const;
    QString currentPageId() const;
    void showPage(const QString& id);

    // Goes to a location; false (and nothing happens) when it is not one.
    bool openLocation(const QString& location);
    QString currentLocation() const;
    void goBack();

    AccountPage* accountPage() const { return m_accountPage; }
    ComparePage* comparePage() const { return m_comparePage; }
    ExplorePage* explorePage() const { return m_explorePage; }
    ModelPage* modelPage() const { return m_modelPage; }
    PredictionsPage* predictionsPage() const { return m_predictionsPage; }
    PredictionPage* predictionPage() const { return m_predictionPage; }
    StatusIndicator* statusIndicator() const { return m_indicator; }
    widgets::ThemeSwitch* themeSwitch() const;
    FooterBar* footer() const { return m_footer; }

    // The embedded server's connection, offered by the connection settings (none: the choice
    // is only a Replicant server or the Replicate API).
    void setEmbeddedConnection(const Connection& connection) { m_embedded = connection; }
    // Switches the client to `connection`, saves the choice and reloads every page.
    void applyConnection(const Connection& connection, bool rememberToken);

public slots:
    void openModel(const QString& ref);
    void openPrediction(const QString& id);
    void showCommandPalette();
    // The connection dialog (from the footer and the palette).
    void showConnectionSettings();

protected:
    void closeEvent(QCloseEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    struct Page {
        QString id;
        QString icon;  // empty for sub-pages
        QString parent;
        QWidget* widget;
        int row;  // sidebar row, -1 for sub-pages
    };

    QWidget* buildSidebar();
    void createPages(ApiClient* client);
    void setCurrent(const QString& id);
    void notePrediction(const Prediction& prediction);
    void updateIcons();
    void restoreSettings();
    void saveSettings() const;
    void reloadPages();

    ApiClient* m_client;
    Connection m_embedded;
    QVector<Page> m_pages;
    QStringList m_history;  // locations before the current one
    QString m_current;      // the location shown
    QListWidget* m_nav = nullptr;
    QStackedWidget* m_stack = nullptr;
    FooterBar* m_footer = nullptr;
    AccountPage* m_accountPage = nullptr;
    ComparePage* m_comparePage = nullptr;
    ExplorePage* m_explorePage = nullptr;
    ModelPage* m_modelPage = nullptr;
    PredictionsPage* m_predictionsPage = nullptr;
    PredictionPage* m_predictionPage = nullptr;
    StatusIndicator* m_indicator = nullptr;
};

}  // namespace replicant::ui
