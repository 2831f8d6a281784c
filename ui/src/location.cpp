#include "replicant/ui/location.h"

#include <QRegularExpression>
#include <QStringList>
#include <QUrl>

namespace replicant::ui {

bool isLocation(const QString& place) {
    static const QRegularExpression pattern(QStringLiteral(
        "^(explore|predictions|account|model:[^/\\s]+/[^/\\s]+|prediction:[A-Za-z0-9_-]+(#compare)?|compare|"
        "compare:[A-Za-z0-9][A-Za-z0-9 ._-]{0,63})$"));
    return pattern.match(place).hasMatch();
}

QString locationFromLink(const QString& link) {
    const QUrl url(link);
    if (url.scheme() == QLatin1String("replicant")) {
        const QStringList parts =
            (url.host() + url.path()).split(QLatin1Char('/'), Qt::SkipEmptyParts);
        QString place;
        if (parts.size() == 2 && parts[0] == QLatin1String("predictions"))
            place = QStringLiteral("prediction:") + parts[1];
        else if (parts.size() == 3 && parts[0] == QLatin1String("models"))
            place = QStringLiteral("model:%1/%2").arg(parts[1], parts[2]);
        return isLocation(place) ? place : QString();
    }
    // A bare id: Replicate's are 26 lower-case letters and digits; be a little lenient.
    static const QRegularExpression id(QStringLiteral("^[A-Za-z0-9_-]{4,64}$"));
    return id.match(link).hasMatch() ? QStringLiteral("prediction:") + link : QString();
}

}  // namespace replicant::ui
