#pragma once

#include <QWidget>

#include "replicant/ui/snippets.h"

class QTimer;

namespace replicant::widgets {
class CodeTabs;
}

namespace replicant::ui {

class ApiClient;

// The code-snippet tabs of a model page, a prediction or a comparison cell: Node.js, Python
// and cURL code that runs the same model with the same inputs against the connection the
// client uses now. The page hands over what to run (setRequest) as often as it likes; the code
// is generated when the panel is on screen (again each time it is shown, so a connection
// switched in between is picked up). The language chosen last is remembered for every panel.
class SnippetPanel : public QWidget {
    Q_OBJECT

public:
    explicit SnippetPanel(ApiClient* client, QWidget* parent = nullptr);

    // The model, version, schema and inputs; the base URL is taken from the client.
    void setRequest(const snippets::Request& request);
    // Nothing to show yet: `message` in place of the code.
    void clear(const QString& message);

    QString language() const;
    // False (nothing changes) for an unknown language id.
    bool setLanguage(const QString& languageId);
    // The code of a language as shown (generated first if it is due).
    QString code(const QString& languageId);
    widgets::CodeTabs* tabs() const { return m_tabs; }

signals:
    // The user picked another language (or setLanguage did).
    void languageChanged(const QString& languageId);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void schedule();
    void regenerate();

    ApiClient* m_client;
    widgets::CodeTabs* m_tabs;
    QTimer* m_debounce;
    snippets::Request m_request;
    QString m_message;  // shown instead of code when set
    bool m_dirty = false;
};

}  // namespace replicant::ui
