#include "replicant/ui/snippets.h"

#include "snippet_parts.h"

namespace replicant::ui::snippets {

QVector<Language> languages() {
    return {Language::Node, Language::Python, Language::Http};
}

QString languageId(Language language) {
    switch (language) {
        case Language::Node:
            return QStringLiteral("node");
        case Language::Python:
            return QStringLiteral("python");
        case Language::Http:
            return QStringLiteral("http");
    }
    return {};
}

std::optional<Language> languageFromId(QStringView id) {
    for (const Language language : languages()) {
        if (id == languageId(language))
            return language;
    }
    return std::nullopt;
}

QString languageTitle(Language language) {
    switch (language) {
        case Language::Node:
            return QStringLiteral("Node.js");
        case Language::Python:
            return QStringLiteral("Python");
        case Language::Http:
            return QStringLiteral("HTTP");
    }
    return {};
}

QString syntaxName(Language language) {
    switch (language) {
        case Language::Node:
            return QStringLiteral("javascript");
        case Language::Python:
            return QStringLiteral("python");
        case Language::Http:
            return QStringLiteral("bash");
    }
    return {};
}

QString fileName(Language language) {
    switch (language) {
        case Language::Node:
            return QStringLiteral("run.mjs");
        case Language::Python:
            return QStringLiteral("run.py");
        case Language::Http:
            return QStringLiteral("run.sh");
    }
    return {};
}

bool isReplicateApi(const QUrl& baseUrl) {
    return baseUrl.isEmpty() ||
           baseUrl.host().compare(QLatin1String("api.replicate.com"), Qt::CaseInsensitive) == 0;
}

QString generate(Language language, const Request& request) {
    switch (language) {
        case Language::Node:
            return parts::node(request);
        case Language::Python:
            return parts::python(request);
        case Language::Http:
            return parts::http(request);
    }
    return {};
}

namespace parts {

QString root(const Request& request) {
    if (isReplicateApi(request.baseUrl))
        return QStringLiteral("https://api.replicate.com");
    QString url = request.baseUrl.toString(QUrl::RemoveQuery | QUrl::RemoveFragment |
                                           QUrl::StripTrailingSlash);
    while (url.endsWith(QLatin1Char('/')))
        url.chop(1);
    return url;
}

bool pinned(const Request& request) {
    return !request.official && !request.version.isEmpty();
}

QString identifier(const Request& request) {
    return pinned(request) ? request.model + QLatin1Char(':') + request.version : request.model;
}

}  // namespace parts

}  // namespace replicant::ui::snippets
