#include "replicant/ui/location.h"

#include <QRegularExpression>
#include <QStringList>
#include <QUrl>
#include <QUrlQuery>

#include "replicant/ui/snippets.h"

namespace replicant::ui {

bool isLocation(const QString& located) {
    // "?code=<language>" only on a model or prediction, and only a known language.
    const QString language = codeLanguage(located);
    const QString place = withoutCode(located);
    if (place != located && (language.isEmpty() || withCode(place, language) != located))
        return false;
    static const QRegularExpression pattern(
        QStringLiteral("^(explore|predictions|account|runners|model:[^/\\s]+/[^/"
                       "\\s]+|prediction:[A-Za-z0-9_-]+(#compare)?|compare|"
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
        place = withCode(place, QUrlQuery(url).queryItemValue(QStringLiteral("code")));
        return isLocation(place) ? place : QString();
    }
    // A bare id: Replicate's are 26 lower-case letters and digits; be a little lenient.
    static const QRegularExpression id(QStringLiteral("^[A-Za-z0-9_-]{4,64}$"));
    return id.match(link).hasMatch() ? QStringLiteral("prediction:") + link : QString();
}

namespace {
const QString kCodeMark = QStringLiteral("?code=");

bool hasCodeTab(const QString& place) {
    return place.startsWith(QLatin1String("model:")) ||
           place.startsWith(QLatin1String("prediction:"));
}
}  // namespace

QString codeLanguage(const QString& location) {
    const qsizetype at = location.lastIndexOf(kCodeMark);
    if (at < 0 || !hasCodeTab(location))
        return {};
    const QString language = location.mid(at + kCodeMark.size());
    return snippets::languageFromId(language) ? language : QString();
}

QString withoutCode(const QString& location) {
    const qsizetype at = location.lastIndexOf(kCodeMark);
    return at < 0 || !hasCodeTab(location) ? location : location.left(at);
}

QString withCode(const QString& location, const QString& language) {
    if (!hasCodeTab(location))
        return location;
    QString place = withoutCode(location);
    if (!snippets::languageFromId(language))  // none, or one we do not know: no code tab
        return place;
    if (const qsizetype hash = place.indexOf(QLatin1Char('#')); hash >= 0)
        place.truncate(hash);  // another tab's mark: the code tab replaces it
    return place + kCodeMark + language;
}

}  // namespace replicant::ui
