#pragma once

#include <QString>
#include <QUrl>

#include <optional>

namespace replicant::ui {

// Which platform the app talks to: the backend embedded in the desktop app, a Replicant server
// elsewhere, or Replicate itself. All three speak the same API, so one ApiClient serves them.
struct Connection {
    enum class Kind { Embedded, Remote, Replicate };

    // The real API's base URL (the paths all start with /v1).
    static QUrl replicateUrl() { return QUrl(QStringLiteral("https://api.replicate.com")); }

    Kind kind = Kind::Embedded;
    QUrl baseUrl;
    QString token;

    // "Embedded server", "Replicant server", "Replicate API".
    QString label() const;
    // "embedded", "remote", "replicate": how settings store the kind.
    static QString kindName(Kind kind);
    static std::optional<Kind> kindFromName(const QString& name);
    // A base URL typed by a user: "host:port" or "http(s)://host[:port][/]"; empty when it is
    // not an http(s) URL with a host. `problem` says why.
    static QUrl parseBaseUrl(const QString& text, QString* problem = nullptr);

    bool operator==(const Connection&) const = default;
};

}  // namespace replicant::ui
