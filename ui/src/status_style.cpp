#include "status_style.h"

#include <QDateTime>
#include <QLocale>
#include <QPalette>

namespace replicant::ui {

StatusStyle statusStyle(const QString& status) {
    using Tone = widgets::Badge::Tone;
    if (status == QLatin1String("starting"))
        return {Tone::Neutral, QObject::tr("Starting"), true};
    if (status == QLatin1String("processing"))
        return {Tone::Info, QObject::tr("Processing"), true};
    if (status == QLatin1String("succeeded"))
        return {Tone::Success, QObject::tr("Succeeded"), false};
    if (status == QLatin1String("failed"))
        return {Tone::Danger, QObject::tr("Failed"), false};
    if (status == QLatin1String("canceled"))
        return {Tone::Warning, QObject::tr("Canceled"), false};
    if (status == QLatin1String("aborted"))
        return {Tone::Warning, QObject::tr("Aborted"), false};
    return {Tone::Neutral, status.isEmpty() ? QObject::tr("Unknown") : status, false};
}

QString errorStyleSheet(const QPalette& palette) {
    const bool dark = palette.color(QPalette::Window).lightness() < 128;
    return QStringLiteral("color: %1;")
        .arg(dark ? QStringLiteral("#ff7b72") : QStringLiteral("#c41d2a"));
}

QString relativeTime(const QDateTime& time) {
    if (!time.isValid())
        return QStringLiteral("\u2014");
    const qint64 seconds = time.secsTo(QDateTime::currentDateTimeUtc());
    if (seconds < 5)
        return QObject::tr("just now");
    if (seconds < 60)
        return QObject::tr("%n s ago", nullptr, int(seconds));
    if (seconds < 3600)
        return QObject::tr("%n min ago", nullptr, int(seconds / 60));
    if (seconds < 86400)
        return QObject::tr("%n h ago", nullptr, int(seconds / 3600));
    return QLocale().toString(time.toLocalTime(), QLocale::ShortFormat);
}

}  // namespace replicant::ui
