#include "replicant/ui/status_indicator.h"

#include <QApplication>
#include <QMenu>
#include <QPainter>
#include <QSystemTrayIcon>
#include <QWidget>

#include "icons.h"
#include "replicant/ui/client/prediction.h"
#include "status_style.h"

namespace replicant::ui {

namespace {
QColor dotColor(const QString& state) {
    if (state == QLatin1String("running"))
        return QColor(0x3b, 0x7c, 0xf0);
    if (state == QLatin1String("succeeded"))
        return QColor(0x2d, 0xa4, 0x4e);
    if (state == QLatin1String("failed"))
        return QColor(0xd1, 0x24, 0x2f);
    return QColor(0xd4, 0x9a, 0x06);
}

// The app icon with a status dot in its lower right corner.
QIcon badgedIcon(const QString& state) {
    const QIcon base = appIcon();
    if (state.isEmpty())
        return base;
    QIcon icon;
    for (const int size : {16, 24, 32, 48, 64, 128}) {
        QPixmap pixmap = base.pixmap(size, size);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        const qreal r = size * 0.22;
        const QPointF centre(size - r - size * 0.02, size - r - size * 0.02);
        painter.setPen(QPen(Qt::white, std::max(1.0, size / 24.0)));
        painter.setBrush(dotColor(state));
        painter.drawEllipse(centre, r, r);
        painter.end();
        icon.addPixmap(pixmap);
    }
    return icon;
}

QString stateOf(const Prediction& p) {
    if (!p.isTerminal())
        return QStringLiteral("running");
    if (p.status == QLatin1String("succeeded"))
        return QStringLiteral("succeeded");
    if (p.status == QLatin1String("failed"))
        return QStringLiteral("failed");
    return QStringLiteral("canceled");
}
}  // namespace

StatusIndicator::StatusIndicator(QWidget* window) : QObject(window), m_window(window) {
    if (!QSystemTrayIcon::isSystemTrayAvailable())
        return;  // offscreen, or a desktop without a tray: the window icon still tells
    m_tray = new QSystemTrayIcon(appIcon(), this);
    m_tray->setToolTip(QStringLiteral("Replicant"));
    auto* menu = new QMenu(window);
    menu->addAction(tr("Show Replicant"), window, [window] {
        window->showNormal();
        window->raise();
        window->activateWindow();
    });
    menu->addAction(tr("Open latest prediction"), this, [this] {
        if (!m_latestId.isEmpty())
            emit openPrediction(m_latestId);
    });
    menu->addSeparator();
    menu->addAction(tr("Quit"), qApp, &QApplication::quit);
    m_tray->setContextMenu(menu);
    connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason r) {
        if (r == QSystemTrayIcon::Trigger && !m_latestId.isEmpty())
            emit openPrediction(m_latestId);
    });
    connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
        if (!m_latestId.isEmpty())
            emit openPrediction(m_latestId);
    });
    m_tray->show();
}

void StatusIndicator::showPrediction(const Prediction& p) {
    if (p.id.isEmpty())
        return;
    const QString state = stateOf(p);
    const bool newPrediction = p.id != m_latestId;
    const bool wasRunning = m_state == QLatin1String("running") && !newPrediction;
    if (newPrediction || (state == QLatin1String("running") && !m_running.isValid()))
        m_running.start();
    m_latestId = p.id;
    m_latestModel = p.model;
    if (state == m_state && !newPrediction)
        return;
    m_state = state;
    apply();
    const bool longRun = m_running.isValid() && m_running.elapsed() >= kNotifyAfterMs;
    if (m_tray && wasRunning && state != QLatin1String("running") && longRun &&
        !m_window->isActiveWindow())
        m_tray->showMessage(tr("Prediction %1").arg(statusStyle(p.status).label.toLower()),
                            tr("%1 \u00b7 %2").arg(p.model, p.id),
                            state == QLatin1String("failed") ? QSystemTrayIcon::Warning
                                                             : QSystemTrayIcon::Information);
}

void StatusIndicator::apply() {
    const QIcon icon = badgedIcon(m_state);
    m_window->setWindowIcon(icon);
    if (m_tray) {
        m_tray->setIcon(icon);
        m_tray->setToolTip(
            tr("Replicant \u2014 latest prediction: %1, %2").arg(m_latestModel, m_state));
    }
}

}  // namespace replicant::ui
