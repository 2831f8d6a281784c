#include "startup_probe.h"

#include <QCoreApplication>
#include <QEvent>
#include <QFile>
#include <QTimer>
#include <QWidget>

#include <unistd.h>
#include <cstdio>
#include <ctime>

namespace replicant::app {

namespace {
constexpr int kIdleAfterMs = 3000;

// Milliseconds since this process started, from /proc (Linux); -1 elsewhere.
double msSinceProcessStart() {
    QFile stat(QStringLiteral("/proc/self/stat"));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray text = stat.readAll();
    // Field 22 (starttime, in clock ticks since boot) counts from after the ")" of the name.
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 20)
        return -1;
    const double startSeconds = fields[19].toDouble() / double(sysconf(_SC_CLK_TCK));
    timespec now{};
    clock_gettime(CLOCK_BOOTTIME, &now);
    return (now.tv_sec + now.tv_nsec / 1e9 - startSeconds) * 1000.0;
}

long residentKiB() {
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLong();
    }
    return -1;
}

class FirstPaint : public QObject {
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (event->type() == QEvent::Paint && !m_seen) {
            m_seen = true;
            const double ms = msSinceProcessStart();
            std::fprintf(stderr, "startup: first paint %.0f ms after process start, RSS %ld KiB\n",
                         ms, residentKiB());
            QTimer::singleShot(kIdleAfterMs, this, [] {
                std::fprintf(stderr, "startup: idle RSS %ld KiB after %d ms\n", residentKiB(),
                             kIdleAfterMs);
                if (qgetenv("REPLICANT_STARTUP_PROBE") == "exit")
                    QCoreApplication::exit(0);
            });
        }
        return QObject::eventFilter(watched, event);
    }

private:
    bool m_seen = false;
};
}  // namespace

void installStartupProbe(QWidget* window) {
    if (qEnvironmentVariableIsEmpty("REPLICANT_STARTUP_PROBE"))
        return;
    window->installEventFilter(new FirstPaint(window));
}

}  // namespace replicant::app
