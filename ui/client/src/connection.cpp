#include "replicant/ui/client/connection.h"

#include <QCoreApplication>

namespace replicant::ui {

QString Connection::label() const {
    switch (kind) {
        case Kind::Embedded:
            return QCoreApplication::translate("Connection", "Embedded server");
        case Kind::Remote:
            return QCoreApplication::translate("Connection", "Replicant server");
        case Kind::Replicate:
            return QCoreApplication::translate("Connection", "Replicate API");
    }
    return {};
}

QString Connection::kindName(Kind kind) {
    switch (kind) {
        case Kind::Embedded:
            return QStringLiteral("embedded");
        case Kind::Remote:
            return QStringLiteral("remote");
        case Kind::Replicate:
            return QStringLiteral("replicate");
    }
    return {};
}

std::optional<Connection::Kind> Connection::kindFromName(const QString& name) {
    for (Kind kind : {Kind::Embedded, Kind::Remote, Kind::Replicate}) {
        if (kindName(kind) == name)
            return kind;
    }
    return std::nullopt;
}

QUrl Connection::parseBaseUrl(const QString& text, QString* problem) {
    const auto fail = [problem](const QString& why) {
        if (problem)
            *problem = why;
        return QUrl();
    };
    QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return fail(QCoreApplication::translate("Connection", "Enter the server's address."));
    if (!trimmed.contains(QLatin1String("://")))
        trimmed.prepend(QLatin1String("http://"));
    QUrl url(trimmed, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty())
        return fail(QCoreApplication::translate("Connection", "\u201c%1\u201d is not a URL.")
                        .arg(text.trimmed()));
    if (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
        return fail(QCoreApplication::translate("Connection", "Use an http:// or https:// URL."));
    if (url.hasQuery() || url.hasFragment())
        return fail(QCoreApplication::translate(
            "Connection", "The address takes no query or fragment: the server's root only."));
    // The API paths start with /v1: a trailing "/v1" typed by habit is dropped.
    QString path = url.path();
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    if (path.endsWith(QLatin1String("/v1")))
        path.chop(3);
    url.setPath(path);
    if (problem)
        problem->clear();
    return url;
}

}  // namespace replicant::ui
