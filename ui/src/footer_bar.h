#pragma once

#include <QWidget>

class QLabel;
class QToolButton;

namespace replicant::widgets {
class Theme;
class ThemeSwitch;
}  // namespace replicant::widgets

namespace replicant::ui {

class ApiClient;

// The strip along the bottom of the main window: which server the app talks to, a button that
// copies the API token, and the theme switch.
class FooterBar : public QWidget {
    Q_OBJECT

public:
    FooterBar(ApiClient* client, widgets::Theme* theme, QWidget* parent = nullptr);

    widgets::ThemeSwitch* themeSwitch() const { return m_themeSwitch; }

signals:
    void tokenCopied();

protected:
    void changeEvent(QEvent* event) override;

private:
    void copyToken();
    void updateIcons();

    ApiClient* m_client;
    QLabel* m_address;
    QToolButton* m_copyToken;
    widgets::ThemeSwitch* m_themeSwitch;
};

}  // namespace replicant::ui
