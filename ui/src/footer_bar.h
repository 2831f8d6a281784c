#pragma once

#include <QWidget>

class QToolButton;

namespace replicant::widgets {
class Badge;
class Theme;
class ThemeSwitch;
}  // namespace replicant::widgets

namespace replicant::ui {

class ApiClient;
class ConnectionProbe;

// The strip along the bottom of the main window: which connection the app uses (embedded
// server, a Replicant server or the Replicate API, its address) and whether it answers, a button
// that copies the API token, and the theme switch. Clicking the connection asks for the
// connection settings.
class FooterBar : public QWidget {
    Q_OBJECT

public:
    FooterBar(ApiClient* client, widgets::Theme* theme, QWidget* parent = nullptr);

    widgets::ThemeSwitch* themeSwitch() const { return m_themeSwitch; }
    ConnectionProbe* probe() const { return m_probe; }
    // "Embedded server · http://127.0.0.1:5327".
    QString connectionText() const;
    // "Reachable", "Checking", "Token refused", "Unreachable".
    QString stateText() const;

signals:
    void tokenCopied();
    void connectionSettingsRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    void copyToken();
    void updateConnection();
    void updateIcons();

    ApiClient* m_client;
    ConnectionProbe* m_probe;
    widgets::Badge* m_state;
    QToolButton* m_connection;
    QToolButton* m_copyToken;
    widgets::ThemeSwitch* m_themeSwitch;
};

}  // namespace replicant::ui
