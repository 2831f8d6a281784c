#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringView>
#include <QUrl>
#include <QVector>

#include <optional>

// Code snippets that run a model the way the playground just did: Node.js and Python with the
// official `replicate` clients, and HTTP with cURL. Every snippet lists every input of the
// version's schema in x-order with its description and default (the unset ones commented out),
// carries the values set, escaped for its language, never the value of a secret input (an
// environment variable stands in for it), and targets the connection given: the real API
// (no base URL option) or a Replicant server (its base URL).
//
// It lives here, in ui/, and in one place: it knows the platform (endpoints, official models,
// the official clients' options), which widgets/ must not; it sends nothing, so it is no part of
// ui/client. It uses Qt Core only (plus widgets' json_schema, itself Qt Core only, to read
// schemas exactly as the form does). Golden files in tests/ui/data/snippets pin its output.
namespace replicant::ui::snippets {

enum class Language { Node, Python, Http };

// Every language, in tab order.
QVector<Language> languages();
// Stable ids for routes and settings: "node", "python", "http".
QString languageId(Language language);
std::optional<Language> languageFromId(QStringView id);
// Tab titles: "Node.js", "Python", "HTTP".
QString languageTitle(Language language);
// The highlighting rules to use: "javascript", "python", "bash".
QString syntaxName(Language language);
// A file name the snippet can be saved as: "run.mjs", "run.py", "run.sh".
QString fileName(Language language);

struct Request {
    QString model;          // "owner/name"
    QString version;        // 64-hex id the run is pinned to, or empty for the latest
    bool official = false;  // official models run by name (POST /v1/models/.../predictions)
    QJsonObject openapi;    // the version's openapi_schema (Input and Output components)
    QJsonObject input;      // the values set; inputs absent here are commented out
    QUrl baseUrl;           // the connection's root, e.g. http://127.0.0.1:5000
};

// Whether `baseUrl` is Replicate's own API (the clients' default, so no base URL is written).
bool isReplicateApi(const QUrl& baseUrl);

// The snippet, ending with a newline.
QString generate(Language language, const Request& request);

}  // namespace replicant::ui::snippets
