#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QString>

class QSystemTrayIcon;
class QWidget;

namespace replicant::ui {

struct Prediction;

// Shows the state of the latest prediction outside the page: a coloured dot on the window icon
// and, where the desktop has a system tray, a tray icon with a menu; a desktop notification when
// a prediction that ran a while finishes while the window is not active.
class StatusIndicator : public QObject {
    Q_OBJECT

public:
    // Predictions that run at least this long are worth a notification.
    static constexpr int kNotifyAfterMs = 10'000;

    explicit StatusIndicator(QWidget* window);

    void showPrediction(const Prediction& prediction);
    // "" (none yet), "running", "succeeded", "failed" or "canceled".
    QString state() const { return m_state; }
    QString latestId() const { return m_latestId; }
    QSystemTrayIcon* tray() const { return m_tray; }

signals:
    void openPrediction(const QString& id);

private:
    void apply();

    QWidget* m_window;
    QSystemTrayIcon* m_tray = nullptr;
    QString m_state;
    QString m_latestId;
    QString m_latestModel;
    QElapsedTimer m_running;  // since the latest prediction was first seen running
};

}  // namespace replicant::ui
