#pragma once

#include <QDialog>
#include <QPointer>
#include <QWidget>

class QDialog;
class QLabel;
class QPlainTextEdit;
class QToolButton;

namespace replicant::ui {

// A prediction's logs: fixed-pitch, following the end as lines arrive unless the user scrolled
// up, with Copy and a full-screen view (which keeps updating; Escape closes it).
class LogView : public QWidget {
    Q_OBJECT

public:
    explicit LogView(QWidget* parent = nullptr, bool showHeader = true);

    void setLogs(const QString& logs);
    QString logs() const;
    void openFullScreen();
    QDialog* fullScreenDialog() const { return m_dialog; }

private:
    static void update(QPlainTextEdit* edit, const QString& logs);

    QPlainTextEdit* m_text;
    QToolButton* m_fullScreen;
    QPointer<QDialog> m_dialog;
    QPlainTextEdit* m_dialogText = nullptr;
};

}  // namespace replicant::ui
